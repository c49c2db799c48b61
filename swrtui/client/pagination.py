"""Paging through ``offset``/``limit`` lists, and fanning calls out under one limit.

``Content-Range: offset-count/total`` tells how far a list goes. :func:`iter_pages` follows
it to the end and also stops on an empty page, a short page without a total, or a page
identical to the previous one (a server that ignores ``offset`` would otherwise loop
forever). :func:`gather_limited` runs one coroutine per item with at most ``limit`` alive
at a time, preserving input order; given an async iterable (a listing still being paged),
it starts on each item as soon as it arrives, so a fan-out over a repository listing does
not wait for the listing's last page.

Listings that must say what they could not fetch use the settled variants:
:func:`scan_pages` records a page that failed (after the client's retries) and goes on past
it when the total is known; :func:`settle` turns a call's :class:`SwrError` into a value, so
one failing item of :func:`gather_limited` no longer cancels the others. Only transient
failures (:attr:`SwrError.transient`: the server overloaded or unreachable) are recorded: the
service's answers (not found, forbidden, invalid) still raise, since a retry cannot change
them and a listing of something that does not exist is an error, not an empty partial list.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sequence,
)
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from swrtui.client.errors import SwrError

T = TypeVar("T")
R = TypeVar("R")

# The largest ``limit`` the service accepts on a list call; bigger pages mean fewer round trips.
MAX_PAGE_SIZE = 1000

# ASCII: an HTTP header's digits are ASCII; \d alone would also take "٣" and friends.
_RANGE_RE = re.compile(r"^\s*(?:items\s+)?(\d+)\s*-\s*(\d+)\s*/\s*(\d+)\s*$", re.ASCII)


@dataclass(frozen=True)
class ContentRange:
    offset: int
    count: int  # items on this page
    total: int

    def __iter__(self) -> Iterator[int]:
        return iter((self.offset, self.count, self.total))


def parse_content_range(value: str | None) -> ContentRange | None:
    """``"0-10/42"`` → ``ContentRange(0, 10, 42)``; anything malformed gives ``None``.

    ``None`` rather than an error: the header is a paging hint, and the caller can still
    page safely by page size alone.
    """
    if not value:
        return None
    match = _RANGE_RE.match(value)
    if not match:
        return None
    return ContentRange(*(int(group) for group in match.groups()))


Fetch = Callable[[int, int], Awaitable[tuple[Sequence[T], ContentRange | None]]]


async def iter_pages(fetch: Fetch[T], *, page_size: int = 100, start: int = 0) -> AsyncIterator[T]:
    """Yield every item of a paged list; ``fetch(offset, limit)`` returns one page."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    offset = start
    previous: Sequence[T] | None = None
    while True:
        items, content_range = await fetch(offset, page_size)
        if not items or items == previous:
            return
        for item in items:
            yield item
        offset += len(items)
        previous = items
        if content_range is not None:
            if offset >= content_range.total:
                return
        elif len(items) < page_size:
            return


async def gather_limited(
    fn: Callable[[T], Awaitable[R]], items: Iterable[T] | AsyncIterable[T], *, limit: int
) -> list[R]:
    """``[await fn(item) for item in items]`` run concurrently, at most ``limit`` at a time.

    The first failure (of ``fn``, or of the async iterable) cancels the rest and is raised.
    """
    results: dict[int, R] = {}
    queue: asyncio.Queue[tuple[int, T] | None] = asyncio.Queue()

    async def produce() -> None:
        index = 0
        if isinstance(items, AsyncIterable):
            async for item in items:
                queue.put_nowait((index, item))
                index += 1
        else:
            for item in items:
                queue.put_nowait((index, item))
                index += 1
        for _ in range(limit):  # one stop sign per worker
            queue.put_nowait(None)

    async def worker() -> None:
        while (entry := await queue.get()) is not None:
            results[entry[0]] = await fn(entry[1])

    tasks = [asyncio.ensure_future(produce())]
    tasks += [asyncio.ensure_future(worker()) for _ in range(limit)]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
    return [results[index] for index in range(len(results))]


def settle(fn: Callable[[T], Awaitable[R]]) -> Callable[[T], Awaitable[R | SwrError]]:
    """``fn`` returning its transient :class:`SwrError` instead of raising it."""

    async def settled(item: T) -> R | SwrError:
        try:
            return await fn(item)
        except SwrError as exc:
            if not exc.transient:
                raise
            return exc

    return settled


@dataclass(frozen=True)
class PageFailure:
    """A page that failed: ``limit`` items from ``offset``, or everything from ``offset`` on
    when ``to_end`` (no total was known, so nothing says where the list ends)."""

    offset: int
    limit: int
    to_end: bool
    error: SwrError


@dataclass
class PageScan(Generic[T]):
    """What :func:`scan_pages` got: pages by offset (in list order) and the pages it did not."""

    pages: dict[int, list[T]] = field(default_factory=dict)
    failures: list[PageFailure] = field(default_factory=list)

    @property
    def items(self) -> list[T]:
        return [item for offset in sorted(self.pages) for item in self.pages[offset]]


async def scan_pages(
    fetch: Fetch[T], *, page_size: int = 100, start: int = 0, pages: int | None = None
) -> PageScan[T]:
    """Every page from ``start`` (at most ``pages`` of them), like :func:`iter_pages`, but a
    failing page is recorded instead of raised; with a known total the scan goes on past it,
    so one bad page costs only its own items."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    scan: PageScan[T] = PageScan()
    offset, total = start, None
    previous: Sequence[T] | None = None
    while pages is None or len(scan.pages) + len(scan.failures) < pages:
        try:
            items, content_range = await fetch(offset, page_size)
        except SwrError as exc:
            if not exc.transient:
                raise
            scan.failures.append(PageFailure(offset, page_size, total is None, exc))
            if total is None or offset + page_size >= total:
                break
            offset += page_size
            continue
        if not items or items == previous:
            break
        scan.pages[offset] = list(items)
        offset += len(items)
        previous = items
        total = content_range.total if content_range is not None else None
        if (total is not None and offset >= total) or (total is None and len(items) < page_size):
            break
    return scan
