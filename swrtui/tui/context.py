"""What the app runs with: the client, the profile it came from and how to save the theme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from swrtui.client import SwrClient
from swrtui.config.locations import state_dir
from swrtui.redaction import Secret


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def default_journal_dir() -> Path:
    return state_dir() / "cleanup"


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
    # Where cleanup journals go (resumable with the REPL's cleanup resume).
    journal_dir: Path = field(default_factory=default_journal_dir)
    # The time plans and countdowns use; tests freeze it.
    clock: Callable[[], datetime] = utc_now
    # A permanent AK/SK, when the profile has one: the long-term docker login is computed from it.
    ak: str = ""
    sk: Secret | None = None

    @property
    def registry(self) -> str:
        return self.client.registry
