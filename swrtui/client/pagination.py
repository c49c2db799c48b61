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
:func:`scan_pages_concurrently` is the settled scan for big lists: once the first page gives
the total, the other pages go out together (bounded), and still reach the caller in order.
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
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


PageSink = Callable[[int, list[T]], None]


async def scan_pages_concurrently(
    fetch: Fetch[T], *, page_size: int = 100, limit: int = 16, on_page: PageSink[T] | None = None
) -> PageScan[T]:
    """:func:`scan_pages`, with the pages after the first fetched ``limit`` at a time once the
    first page's ``Content-Range`` gives the total (without one, the rest go one by one).

    ``on_page(offset, items)`` sees each page in list order, as soon as it and every page
    before it have settled (a failed page is skipped: it is in ``failures``), so a caller can
    append pages as they come and still hold the list in the server's order.
    """
    if page_size < 1 or limit < 1:
        raise ValueError("page_size and limit must be at least 1")
    sink: PageSink[T] = on_page or (lambda _offset, _items: None)
    try:
        items, content_range = await fetch(0, page_size)
    except SwrError as exc:
        if not exc.transient:
            raise
        return PageScan(failures=[PageFailure(0, page_size, True, exc)])
    scan: PageScan[T] = PageScan({0: list(items)} if items else {})
    if items:
        sink(0, scan.pages[0])
    # A server that caps ``limit`` below ``page_size`` says so with a shorter first page: its
    # length is the stride, so that no item falls between two pages.
    stride = len(items)
    if content_range is None:
        if stride < page_size:
            return scan
        rest = await scan_pages(delivering(fetch, sink), page_size=page_size, start=stride)
        scan.pages.update(rest.pages)
        scan.failures += rest.failures
        return scan
    if stride:
        await _fetch_rest(fetch, scan, sink, stride, content_range.total, limit)
    return scan


async def _fetch_rest(
    fetch: Fetch[T], scan: PageScan[T], sink: PageSink[T], stride: int, total: int, limit: int
) -> None:
    """Pages ``stride..total`` into ``scan``, ``limit`` in flight, handed to ``sink`` in order."""
    waiting = deque(range(stride, total, stride))  # offsets not yet handed on, in list order
    settled: dict[int, list[T] | PageFailure] = {}  # arrived ahead of an earlier page

    async def one(offset: int) -> None:
        size = min(stride, total - offset)
        try:
            page, _ = await fetch(offset, stride)
            settled[offset] = list(page)
        except SwrError as exc:
            if not exc.transient:
                raise
            settled[offset] = PageFailure(offset, size, False, exc)
        while waiting and waiting[0] in settled:
            at = waiting.popleft()
            outcome = settled.pop(at)
            if isinstance(outcome, PageFailure):
                scan.failures.append(outcome)
            else:
                scan.pages[at] = outcome
                sink(at, outcome)

    await gather_limited(one, list(waiting), limit=limit)


def delivering(fetch: Fetch[T], sink: PageSink[T]) -> Fetch[T]:
    """``fetch`` that also hands each page it got to ``sink`` (pages fetched one by one)."""
    last: list[Sequence[T]] = []

    async def fetch_and_deliver(offset: int, limit: int) -> tuple[Sequence[T], ContentRange | None]:
        items, content_range = await fetch(offset, limit)
        # A page equal to the one before ends the scan (a server ignoring offset): not news.
        if items and (not last or items != last[-1]):
            sink(offset, list(items))
        last[:] = [items]
        return items, content_range

    return fetch_and_deliver
