"""What the app runs with: the client, the profile it came from and how to save the theme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from swrtui.client import SwrClient


@dataclass
class AppContext:
    client: SwrClient
    profile: str
    region: str
    endpoint: str
    read_only: bool = False
    theme: str | None = None
    # Persists the chosen theme (in the profile); None when the profile is not saved.
    save_theme: Callable[[str], None] | None = None

    @property
    def registry(self) -> str:
        return self.client.registry
