"""Slow requests in the TUI: the client's ``on_slow_request`` events kept as one status text
(the header's sub-title shows it), cleared when the last slow call ends."""

from __future__ import annotations

from collections.abc import Callable

from swrtui.client import SlowRequest


class WaitStatus:
    def __init__(self, changed: Callable[[], None]) -> None:
        self._changed = changed
        # (method, path) → the latest line about that call, in the order they became slow.
        self._waiting: dict[tuple[str, str], str] = {}

    @property
    def text(self) -> str:
        """The newest slow call, and how many more there are."""
        if not self._waiting:
            return ""
        lines = list(self._waiting.values())
        more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
        return lines[-1] + more

    def __call__(self, event: SlowRequest) -> None:
        key = (event.method, event.path)
        if event.done:
            self._waiting.pop(key, None)
        else:
            self._waiting[key] = event.line
        self._changed()
