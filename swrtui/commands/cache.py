"""The one name cache: organizations, repositories and tags seen so far, for the REPL's
completion, the TUI's command mode and the TUI's navigation tree alike (one listing each).

Reads are plain attribute reads of immutable tuples, so a completer running in another
thread (prompt-toolkit's ``ThreadedCompleter``) never waits for the network. The background
task :meth:`NameCache.run` fills it: organizations first, then every repository, then the
tags of whichever repositories completion asked for (:meth:`tags` records the wish and
wakes the task). Commands that change things invalidate just the part they touched.
Listeners (:meth:`subscribe`, e.g. the TUI's tree) are called on the event loop after every
change or failed refresh, so a view redraws from the cache instead of listing again.

A repository listing that came back incomplete is kept as :attr:`NameCache.repos_listing`
(what is missing is :attr:`NameCache.listing_gaps`) until :meth:`NameCache.retry_listing`
fetches the missing pages: a view must not show a partial list as the whole.

With a file (:meth:`NameCache.load`, one per profile in the platform cache dir) the names
and tag counts of the last complete listing are there before any request: a view shows
them at once, marked by :attr:`NameCache.cached_at` until the background refresh replaces
them (and saves them again). The file holds names and counts only, never credentials.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from swrtui import clock
from swrtui.client.errors import SwrError
from swrtui.client.models.tags import Tag
from swrtui.commands.result import Changed
from swrtui.config.files import atomic_write
from swrtui.services.cleanup.rules import recency
from swrtui.services.listing import Gap, Partial, list_repositories

if TYPE_CHECKING:
    from swrtui.client import SwrClient
    from swrtui.client.models.repositories import Repository


class NameCache:
    def __init__(self) -> None:
        self._orgs: tuple[str, ...] = ()
        self._repos: dict[str, tuple[str, ...]] = {}
        self._tags: dict[tuple[str, str], tuple[str, ...]] = {}
        # What the full listing said about each repository (tag counts for the tree).
        self._details: dict[tuple[str, str], Repository] = {}
        # The repository listing while it is incomplete (None once complete).
        self.repos_listing: Partial[list[Repository]] | None = None
        self._listeners: list[Callable[[], None]] = []
        self._wanted: set[tuple[str, str]] = set()
        self._stale_listing = True
        self._lock = threading.Lock()
        self._wake: asyncio.Event | None = None
        # Set while the refresher waits with nothing to fetch (see wait_idle).
        self._idle: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.last_error: str = ""
        # Bumped on every change, so a front end can tell that a refresh landed.
        self.generation = 0
        # Tag counts per repository: from the listing, or from the file before it lands.
        self._counts: dict[tuple[str, str], int] = {}
        self.file: Path | None = None
        # When the names on show were saved (None once a listing of this run replaced them).
        self.cached_at: datetime | None = None

    # -- reading (any thread) -------------------------------------------------------------

    def orgs(self) -> tuple[str, ...]:
        return self._orgs

    def repos(self, org: str) -> tuple[str, ...]:
        return self._repos.get(org, ())

    def repos_known(self, org: str) -> bool:
        """Whether ``org``'s repositories were listed (it may have none)."""
        return org in self._repos

    def all_repos(self) -> tuple[str, ...]:
        """Every known repository as ``org/repo``."""
        return tuple(f"{org}/{repo}" for org, repos in self._repos.items() for repo in repos)

    @property
    def listing_gaps(self) -> tuple[Gap, ...]:
        listing = self.repos_listing
        return tuple(listing.gaps) if listing is not None else ()

    def repository(self, org: str, repo: str) -> Repository | None:
        """The listing's record of ``org/repo`` (None until a full listing saw it)."""
        return self._details.get((org, repo))

    def tag_count(self, org: str, repo: str) -> int | None:
        """How many tags ``org/repo`` has, as last listed (None when unknown)."""
        return self._counts.get((org, repo))

    def tags(self, org: str, repo: str) -> tuple[str, ...]:
        """Known tags; an unknown repository is queued for the background task to fetch."""
        key = (org, repo)
        found = self._tags.get(key)
        if found is None:
            self.want_tags(org, repo)
            return ()
        return found

    def want_tags(self, org: str, repo: str) -> None:
        with self._lock:
            if (org, repo) in self._tags or (org, repo) in self._wanted:
                return
            self._wanted.add((org, repo))
        self._poke()

    # -- writing (the event loop) -----------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the call that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self) -> None:
        self.generation += 1
        for listener in list(self._listeners):
            listener()

    def set_orgs(self, names: Iterable[str]) -> None:
        self._orgs = tuple(sorted(set(names)))
        self._changed()

    def set_repos(self, org: str, names: Iterable[str]) -> None:
        self._repos = {**self._repos, org: tuple(sorted(set(names)))}
        self._changed()

    def set_tags(self, org: str, repo: str, tags: Iterable[Tag]) -> None:
        """Keep ``tags``' names newest first (completion offers ``latest`` and the newest
        versions before old ones, in the listings' order)."""
        names = (tag.name for tag in sorted(tags, key=recency, reverse=True))
        self._tags = {**self._tags, (org, repo): tuple(dict.fromkeys(names))}
        self._changed()

    def invalidate(self, changes: Iterable[Changed]) -> None:
        """Forget what ``changes`` touched; the background task fetches it again."""
        for change in changes:
            if change.scope == "profile":
                self._orgs, self._repos, self._tags, self._details = (), {}, {}, {}
                self._counts, self.file, self.cached_at = {}, None, None
                self.repos_listing = None
                self._stale_listing = True
            elif change.scope in ("orgs", "repos"):
                self._stale_listing = True
            elif change.scope == "tags" and change.org and change.repo:
                # Fetch again only what was known: nobody asked for the others.
                key = (change.org, change.repo)
                if key in self._tags:
                    self._tags = {k: v for k, v in self._tags.items() if k != key}
                    self.want_tags(change.org, change.repo)
        self._poke()

    # -- background refresh -------------------------------------------------------------------

    def _poke(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is shutting down
                loop.call_soon_threadsafe(self._wake_up)

    def _wake_up(self) -> None:
        if self._idle is not None and self._wake is not None:
            self._idle.clear()
            self._wake.set()

    async def wait_idle(self) -> None:
        """Return once every refresh asked for so far has landed (or failed)."""
        await asyncio.sleep(0)  # let a poke scheduled just before this call take effect
        if self._idle is not None:
            await self._idle.wait()

    async def run(self, client_of: object) -> None:
        """Keep refreshing until cancelled. ``client_of`` is a client or a callable giving the
        current one (the session's, which changes with ``use``)."""
        self._loop = asyncio.get_running_loop()
        self._wake, self._idle = asyncio.Event(), asyncio.Event()
        while True:
            client = client_of() if callable(client_of) else client_of
            if self._stale_listing:
                self._stale_listing = False
                await self._guarded(self.refresh_listing(client))
            while self._wanted:
                with self._lock:
                    org, repo = self._wanted.pop()
                await self._guarded(self.refresh_tags(client, org, repo))
            if not self._stale_listing and not self._wanted:
                self._idle.set()
                await self._wake.wait()
                self._wake.clear()

    async def _guarded(self, work: object) -> None:
        try:
            await work  # type: ignore[misc]
        except SwrError as exc:
            self.last_error = str(exc)
            self._changed()

    async def refresh_listing(self, client: SwrClient) -> None:
        orgs = [org.name for org in await client.organizations.list()]
        self.set_orgs(orgs)
        self._adopt(orgs, await list_repositories(client))

    async def retry_listing(self) -> None:
        """Fetch only the pages the last repository listing missed, and merge them in."""
        listing = self.repos_listing
        if listing is not None:
            await self._guarded(self._retry(listing))

    async def _retry(self, listing: Partial[list[Repository]]) -> None:
        self._adopt(list(self._orgs), await listing.retry())

    def _adopt(self, orgs: list[str], listing: Partial[list[Repository]]) -> None:
        by_org: dict[str, list[str]] = {org: [] for org in orgs}
        details: dict[tuple[str, str], Repository] = {}
        for repo in listing.value:
            by_org.setdefault(repo.namespace, []).append(repo.name)
            details[(repo.namespace, repo.name)] = repo
        self._repos = {org: tuple(sorted(names)) for org, names in by_org.items()}
        self._details = details
        self._counts = {key: repo.num_images for key, repo in details.items()}
        self.repos_listing = None if listing.complete else listing
        self.last_error = ""
        self.cached_at = None
        self.set_orgs([*orgs, *by_org])
        if listing.complete:
            self._save()

    # -- the file -------------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Show the names saved in ``path`` (if any) and save there after each complete
        listing. A missing or unreadable file is just an empty cache: it is disposable."""
        self.file = path
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            cached_at = datetime.fromisoformat(saved["saved_at"])
            repos = {org: tuple(names) for org, names in saved["repos"].items()}
            counts = {(o, r): int(n) for o, r, n in saved["counts"]}
            orgs = [str(org) for org in saved["orgs"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return
        self._repos, self._counts, self.cached_at = repos, counts, cached_at
        self.set_orgs(orgs)

    def _save(self) -> None:
        if self.file is None:
            return
        document = {
            "saved_at": clock.now().isoformat(),
            "orgs": list(self._orgs),
            "repos": {org: list(names) for org, names in self._repos.items()},
            "counts": [[org, repo, count] for (org, repo), count in self._counts.items()],
        }
        with contextlib.suppress(OSError):  # a read-only cache dir only costs the next start
            atomic_write(self.file, json.dumps(document, separators=(",", ":")))

    async def refresh_tags(self, client: SwrClient, org: str, repo: str) -> None:
        tags: list[Tag] = []
        try:
            tags = [tag async for tag in client.tags.iter_all(org, repo)]
        finally:
            # Even after a failure: an empty entry stops completion from asking again.
            self.set_tags(org, repo, tags)
            with self._lock:
                self._wanted.discard((org, repo))
