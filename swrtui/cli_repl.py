"""Entry points the command line imports lazily for ``swrtui repl`` and ``swrtui demo --repl``.

They build the :class:`~swrtui.commands.Session` (profile + credentials through
:mod:`swrtui.bootstrap`, or the in-process demo emulator) and hand it to
:class:`~swrtui.repl.Repl` in the right mode: ``-c`` lines, ``--script FILE``, piped stdin,
or the interactive prompt on a terminal. Never imports Textual.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from swrtui import bootstrap
from swrtui.commands import Connection, Session
from swrtui.config import credentials as creds
from swrtui.config.errors import ConfigError
from swrtui.config.locations import state_dir
from swrtui.config.profiles import load_config
from swrtui.redaction import Secret
from swrtui.repl import Repl

HISTORY_FILE = "repl-history"
JOURNALS = "cleanup"


def _connect(args: argparse.Namespace | None, session_store: creds.SessionStore) -> Connection:
    ask = getpass.getpass if sys.stdin.isatty() else None
    settings = bootstrap.resolve_settings(args)
    found = bootstrap.credentials_for(settings, ask=ask, session=session_store)
    profile = settings.profile
    return Connection(
        bootstrap.build_client(settings, found),
        profile.name,
        settings.region,
        read_only=profile.read_only,
        access_key=found.ak if profile.auth == "aksk" else None,
        secret_key=found.sk if profile.auth == "aksk" else None,
    )


def _profile_names() -> list[str]:
    try:
        return sorted(load_config().profiles)
    except ConfigError:
        return []


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
    keep = history and lines is None and not getattr(args, "no_history", False)
    history_file = state_dir() / HISTORY_FILE if keep else None
    repl = Repl(
        session,
        history_file=history_file,
        profiles=_profile_names,
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

    async def connect(profile: str) -> Connection:
        # `use PROFILE` keeps the command line's region/endpoint overrides out of it.
        return _connect(argparse.Namespace(profile=profile), store)

    connection = _connect(args, store)
    session = Session(
        connection, connect=connect, profiles=_profile_names, journal_dir=state_dir() / JOURNALS
    )
    return asyncio.run(_run(args, session))


def run_demo_repl(args: argparse.Namespace) -> int:
    """The REPL on the in-process demo emulator: nothing leaves the process."""
    from swrtui.emulator.state import seeds

    client = bootstrap.demo_client()
    connection = Connection(
        client,
        "demo",
        client.region,
        read_only=bool(getattr(args, "read_only", False)),
        access_key=seeds.DEMO_ADMIN_AK,
        secret_key=Secret(seeds.DEMO_ADMIN_SK),
    )
    # The demo saves nothing: journals go to a temporary directory, history stays in memory.
    journals = Path(tempfile.mkdtemp(prefix="swrtui-demo-"))
    session = Session(connection, journal_dir=journals)
    return asyncio.run(_run(args, session, history=False))
