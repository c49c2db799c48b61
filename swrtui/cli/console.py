"""What the subcommand runners share about the terminal: notes on stderr, ``--json``,
whether a secret can be asked for, and the "waiting for …" line of a slow request."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # `swrtui --help` must not load the client
    from swrtui.client import SlowRequest, SwrClient

# Seconds before a request counts as slow, when set (scripts and tests tune it).
SLOW_AFTER_ENV = "SWRTUI_SLOW_AFTER"


def err(text: str) -> None:
    """Progress and notes go to stderr, so stdout holds only the document (``--json``)."""
    print(text, file=sys.stderr)


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def secret_prompt() -> Callable[[str], str] | None:
    """A hidden prompt on a terminal; ``None`` (a missing secret is an error) for scripts."""
    return getpass.getpass if sys.stdin.isatty() else None


class WaitingLine:
    """Renders slow requests on stderr: rewritten in place on a terminal (and cleared when
    the call ends), else one line per slow call, so logs do not fill with ticks."""

    def __init__(self, stream: TextIO | None = None) -> None:
        # None: whatever sys.stderr is at the time (the REPL's prompt patches it).
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.stderr

    def __call__(self, event: SlowRequest) -> None:
        stream = self.stream
        if stream.isatty():
            stream.write("\r\x1b[K" + ("" if event.done else event.line))
        elif event.first:
            stream.write(event.line + "\n")
        else:
            return
        stream.flush()


def show_waits(client: SwrClient, stream: TextIO | None = None) -> SwrClient:
    """Make ``client`` tell the command line about its slow requests."""
    client.on_slow_request = WaitingLine(stream)
    after = os.environ.get(SLOW_AFTER_ENV, "")
    try:
        client.slow_after = float(after) if after else client.slow_after
    except ValueError:
        err(f"{SLOW_AFTER_ENV}={after!r} is not a number of seconds: ignored")
    return client
