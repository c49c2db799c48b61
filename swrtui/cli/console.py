"""What the subcommand runners share about the terminal: notes on stderr, ``--json``, and
whether a secret can be asked for."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable


def err(text: str) -> None:
    """Progress and notes go to stderr, so stdout holds only the document (``--json``)."""
    print(text, file=sys.stderr)


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def secret_prompt() -> Callable[[str], str] | None:
    """A hidden prompt on a terminal; ``None`` (a missing secret is an error) for scripts."""
    return getpass.getpass if sys.stdin.isatty() else None
