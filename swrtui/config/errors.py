"""The config layer's error base: :class:`ConfigError`, a one-line, user-facing message."""

from __future__ import annotations

from pathlib import Path

from swrtui.errors import Error


class ConfigError(Error):
    """A config file or profile problem, named by file, line and key where they are known."""

    code = "CONFIG"
    title = "Configuration problem"
    # The message names the file, line and key: users have always seen it bare.
    code_in_text = False

    def __init__(
        self, problem: str, path: Path | None = None, line: int | None = None, key: str = ""
    ) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.key = key
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"config file {self.path}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.key:
            where.append(f"key {self.key!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.problem}" if prefix else self.problem
