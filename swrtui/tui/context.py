"""What the app runs with: the client, the profile it came from, how to save the theme and
how to connect to another profile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from swrtui.client import SwrClient
from swrtui.commands import Connection
from swrtui.config.locations import state_dir
from swrtui.redaction import Secret


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
    # Where the tree's width is remembered (the user's state directory).
    layout_file: Path = field(default_factory=lambda: state_dir() / "tui-layout.json")
    # A permanent AK/SK, when the profile has one: the long-term docker login is computed from it.
    ak: str = ""
    sk: Secret | None = None
    # The context of another profile (built by the command line, which may read the keyring
    # and config); None where switching is impossible, as in the demo.
    connect: Callable[[str], AppContext] | None = None
    # The profile names to offer when switching.
    profiles: Callable[[], Sequence[str]] = tuple
    # The profile's saved names (organizations, repositories, tag counts); None: none kept.
    names_file: Path | None = None

    @property
    def registry(self) -> str:
        return self.client.registry

    def connection(self) -> Connection:
        """What command mode needs of this context."""
        return Connection(
            self.client,
            self.profile,
            self.region,
            self.read_only,
            access_key=self.ak or None,
            secret_key=self.sk,
        )
