"""The state a command runs in: the connection (client, profile, region, read-only), the
context set by ``cd``, output preferences and the name cache.

A front end builds a :class:`Session` from a :class:`Connection` and hands in what only it
can do: ``confirm`` (ask the user a yes/no question) and ``connect`` (build the connection
of another profile, for ``use``; the composition root knows how). Without ``confirm`` a
destructive command needs ``--yes``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from swrtui.client import SwrClient
from swrtui.commands.args import Where
from swrtui.commands.cache import NameCache
from swrtui.commands.result import Result
from swrtui.redaction import Secret

Confirm = Callable[[str], Awaitable[bool]]


@dataclass
class Connection:
    """One profile's live client, and what the commands need to know about it."""

    client: SwrClient
    profile: str
    region: str
    read_only: bool = False
    # The profile's AK/SK when it uses them: long-term docker login is computed from them.
    access_key: str | None = None
    secret_key: Secret | None = None


Connect = Callable[[str], Awaitable[Connection]]


@dataclass
class Session:
    connection: Connection
    confirm: Confirm | None = None
    connect: Connect | None = None
    profiles: Callable[[], Sequence[str]] = tuple
    cache: NameCache = field(default_factory=NameCache)
    output: str = "table"
    # "stop" ends a script at the first failing command, "continue" goes on.
    errors: str = "stop"
    where: Where = field(default_factory=Where)
    # Where cleanup runs keep their journals (the front end picks the state directory).
    journal_dir: Path | None = None
    # Progress lines of long commands (a cleanup's deletions); None: stay quiet.
    progress: Callable[[str], None] | None = None
    exit_requested: bool = False
    # The last listing that came back incomplete, until `retry` completes it.
    incomplete: Result | None = None
    _refresher: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def client(self) -> SwrClient:
        return self.connection.client

    @property
    def profile(self) -> str:
        return self.connection.profile

    @property
    def region(self) -> str:
        return self.connection.region

    @property
    def read_only(self) -> bool:
        return self.connection.read_only

    def start_cache(self) -> None:
        """Start filling the name cache in the background (needs a running loop)."""
        if self._refresher is None or self._refresher.done():
            self._refresher = asyncio.create_task(self.cache.run(lambda: self.client))

    def notify(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)

    async def switch(self, profile: str) -> Connection:
        if self.connect is None:
            raise RuntimeError("switching profiles is not available here")
        new = await self.connect(profile)
        old, self.connection = self.connection, new
        self.where = Where()
        await old.client.aclose()
        return new

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher
        await self.client.aclose()
