"""Command history in the state directory that never keeps a secret-bearing line."""

from __future__ import annotations

from pathlib import Path

from prompt_toolkit.history import FileHistory, InMemoryHistory

from swrtui.commands import is_secret_bearing


class SafeFileHistory(FileHistory):
    """``FileHistory`` that drops lines whose command may carry a secret (from the file and
    from this session's up-arrow list alike)."""

    def __init__(self, filename: str | Path) -> None:
        Path(filename).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(str(filename))

    def append_string(self, string: str) -> None:
        if not is_secret_bearing(string):
            super().append_string(string)


class SafeMemoryHistory(InMemoryHistory):
    """The same rule for sessions without a history file (tests, ``--no-history``)."""

    def append_string(self, string: str) -> None:
        if not is_secret_bearing(string):
            super().append_string(string)
