"""Entry points the command line imports lazily for ``swrtui repl`` and ``swrtui demo --repl``.

They build the :class:`~swrtui.commands.Session` from :func:`swrtui.cli.bootstrap.connect`
(a profile) or :func:`swrtui.cli.bootstrap.demo` and hand it to :class:`~swrtui.repl.Repl`
in the right mode: ``-c`` lines, ``--script FILE``, piped stdin, or the interactive prompt
on a terminal. Never imports Textual.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from swrtui.cli import bootstrap
from swrtui.cli.console import show_waits
from swrtui.commands import Connection, Session
from swrtui.commands.session import Connect
from swrtui.config import credentials as creds
from swrtui.config.locations import names_cache_file, state_dir
from swrtui.repl import Repl

HISTORY_FILE = "repl-history"


def _connection(connected: bootstrap.Connected) -> Connection:
    access_key, secret_key = connected.long_term_keys or (None, None)
    return Connection(
        show_waits(connected.client),
        connected.profile.name,
        connected.region,
        read_only=connected.read_only,
        access_key=access_key,
        secret_key=secret_key,
    )


def _session(
    connected: bootstrap.Connected,
    profiles: Callable[[], Sequence[str]],
    connect: Connect | None = None,
) -> Session:
    session = Session(
        _connection(connected),
        connect=connect,
        profiles=profiles,
        journal_dir=connected.journal_dir,
    )
    # Completion offers the names the TUI or an earlier REPL saved, before any request.
    session.cache.load(names_cache_file(connected.profile.name))
    return session


def _lines(args: argparse.Namespace) -> Iterable[str] | None:
    """The script to run, or ``None`` for the interactive prompt."""
    if getattr(args, "repl_command", None):
        return list(args.repl_command)
    if getattr(args, "script", None):
        return Path(args.script).read_text(encoding="utf-8").splitlines()
    if not sys.stdin.isatty():
        return (line.rstrip("\n") for line in sys.stdin)
    return None


async def _run(args: argparse.Namespace, session: Session, history: bool = True) -> int:
    lines = _lines(args)
    if getattr(args, "json", False):
        # `swrtui --json repl`: the global choice is the session's, as `set output json` is.
        session.output = "json"
    keep = history and lines is None and not getattr(args, "no_history", False)
    history_file = state_dir() / HISTORY_FILE if keep else None
    repl = Repl(
        session,
        history_file=history_file,
        profiles=session.profiles,
        # rich draws for people; pipes and files get plain, untruncated columns.
        rich_tables=sys.stdout.isatty(),
    )
    try:
        if lines is not None:
            return await repl.run_script(lines)
        return await repl.run_interactive()
    finally:
        await session.close()


def run_repl(args: argparse.Namespace) -> int:
    store = creds.SessionStore()
    ask = getpass.getpass if sys.stdin.isatty() else None

    async def connect(profile: str) -> Connection:
        # `use PROFILE` keeps the command line's region/endpoint overrides out of it.
        settings = bootstrap.resolve_settings(argparse.Namespace(profile=profile))
        return _connection(bootstrap.connect(settings, ask, store))

    connected = bootstrap.connect(bootstrap.resolve_settings(args), ask, store)
    return asyncio.run(_run(args, _session(connected, bootstrap.profile_names, connect)))


def run_demo_repl(args: argparse.Namespace) -> int:
    """The REPL on the in-process demo emulator: nothing leaves the process."""
    read_only = bool(getattr(args, "read_only", False))
    with bootstrap.demo(read_only, bool(getattr(args, "keep_demo_dir", False))) as connected:
        # History stays in memory: a demo session is not worth recalling in a real one.
        session = _session(connected, lambda: ["demo"])
        return asyncio.run(_run(args, session, history=False))
