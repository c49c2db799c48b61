"""scan_pages_concurrently: after the first page, pages go out together under a limit, and
still reach the caller in list order, whatever order they complete in."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from swrtui.client.errors import NotFoundError, ServerError
from swrtui.client.pagination import ContentRange, PageScan, scan_pages_concurrently

DATA = list(range(50))
PAGE = 10


class Gated:
    """A paged list of :data:`DATA` whose pages after the first wait for :meth:`release`,
    so a test decides the order they complete in; it counts fetches in flight."""

    def __init__(self, *, failing: tuple[int, ...] = (), total: bool = True) -> None:
        self.gates: dict[int, asyncio.Event] = {}
        self.failing, self.total = failing, total
        self.in_flight = self.most_in_flight = 0
        self.started = asyncio.Event()
        self.delivered: list[tuple[int, list[int]]] = []

    def sink(self, offset: int, items: list[int]) -> None:
        self.delivered.append((offset, items))

    async def fetch(self, offset: int, limit: int) -> tuple[Sequence[int], ContentRange | None]:
        if offset:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            gate = self.gates.setdefault(offset, asyncio.Event())
            self.started.set()
            await gate.wait()
            self.in_flight -= 1
        if offset in self.failing:
            raise ServerError("down", error_code="SVCSTG.SWR.5000001", url=f"/x?offset={offset}")
        items = DATA[offset : offset + limit]
        return items, ContentRange(offset, len(items), len(DATA)) if self.total else None

    def release(self, offset: int) -> None:
        self.gates.setdefault(offset, asyncio.Event()).set()


async def release_backwards(gated: Gated, offsets: list[int]) -> list[list[int]]:
    """Let the pages complete last first; what had been delivered after each one."""
    await gated.started.wait()
    seen = []
    for offset in reversed(offsets):
        gated.release(offset)
        for _ in range(5):  # let the released fetch finish and its delivery run
            await asyncio.sleep(0)
        seen.append([at for at, _ in gated.delivered])
    return seen


async def test_pages_completing_backwards_are_delivered_in_list_order() -> None:
    gated = Gated()
    scan_task = asyncio.ensure_future(
        scan_pages_concurrently(gated.fetch, page_size=PAGE, limit=8, on_page=gated.sink)
    )
    seen = await release_backwards(gated, [10, 20, 30, 40])
    scan: PageScan[int] = await scan_task
    # Nothing after page 0 could be handed on before page 10, the last to complete.
    assert seen == [[0], [0], [0], [0, 10, 20, 30, 40]]
    assert [items for _, items in gated.delivered] == [DATA[i : i + PAGE] for i in range(0, 50, 10)]
    assert scan.items == DATA and scan.failures == []
    assert gated.most_in_flight == 4  # every page at once: the limit (8) was not reached


async def test_the_limit_bounds_pages_in_flight() -> None:
    gated = Gated()
    task = asyncio.ensure_future(
        scan_pages_concurrently(gated.fetch, page_size=PAGE, limit=2, on_page=gated.sink)
    )
    await gated.started.wait()
    for offset in (10, 20, 30, 40):
        gated.release(offset)
    scan: PageScan[int] = await task
    assert gated.most_in_flight == 2 and scan.items == DATA


async def test_a_failed_middle_page_is_skipped_in_order_and_named() -> None:
    gated = Gated(failing=(20,))
    task = asyncio.ensure_future(
        scan_pages_concurrently(gated.fetch, page_size=PAGE, limit=8, on_page=gated.sink)
    )
    await release_backwards(gated, [10, 20, 30, 40])
    scan: PageScan[int] = await task
    assert [at for at, _ in gated.delivered] == [0, 10, 30, 40]
    assert scan.items == DATA[:20] + DATA[30:]
    [failure] = scan.failures
    assert (failure.offset, failure.limit, failure.to_end) == (20, 10, False)
    assert failure.error.error_code == "SVCSTG.SWR.5000001"


async def test_without_a_total_pages_go_one_by_one() -> None:
    gated = Gated(total=False)
    for offset in range(10, 60, 10):
        gated.release(offset)
    scan: PageScan[int] = await scan_pages_concurrently(
        gated.fetch, page_size=PAGE, limit=8, on_page=gated.sink
    )
    assert scan.items == DATA and gated.most_in_flight == 1
    assert [at for at, _ in gated.delivered] == [0, 10, 20, 30, 40]


async def test_a_first_page_failing_leaves_the_rest_unknown() -> None:
    async def down(offset: int, limit: int) -> tuple[Sequence[int], ContentRange | None]:
        raise ServerError("down", error_code="SVCSTG.SWR.5000001")

    scan: PageScan[int] = await scan_pages_concurrently(down, page_size=PAGE)
    assert scan.items == [] and [(f.offset, f.to_end) for f in scan.failures] == [(0, True)]


async def test_a_service_answer_still_raises() -> None:
    async def gone(offset: int, limit: int) -> tuple[Sequence[int], ContentRange | None]:
        if offset:
            raise NotFoundError("no such repository", error_code="SVCSTG.SWR.4040002")
        return DATA[:limit], ContentRange(0, limit, len(DATA))

    with pytest.raises(NotFoundError) as raised:
        await scan_pages_concurrently(gone, page_size=PAGE)
    assert raised.value.error_code == "SVCSTG.SWR.4040002"
