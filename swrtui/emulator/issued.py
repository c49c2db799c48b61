"""Listeners told of every secret the emulator hands out (temporary logins, IAM tokens).

The emulator keeps no history of what it issued; a test harness that must know every secret
of a session (the test suite's secret audit) subscribes here. With no listener, announcing
costs one loop over an empty list.
"""

from __future__ import annotations

from collections.abc import Callable

# Each listener gets (kind, value); kind names the secret without revealing it.
listeners: list[Callable[[str, str], None]] = []


def announce(kind: str, value: str) -> None:
    """Tell every listener that ``value``, a secret of ``kind``, was just issued."""
    for listener in listeners:
        listener(kind, value)
