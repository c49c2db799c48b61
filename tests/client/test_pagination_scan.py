"""scan_pages: a failing page is recorded, not raised, and skipped when the total is known."""

from __future__ import annotations

from collections.abc import Sequence

from swrtui.client.errors import ServerError
from swrtui.client.pagination import ContentRange, PageScan, scan_pages

DATA = list(range(10))


def pages_failing_at(*bad: int):  # type: ignore[no-untyped-def]
    async def fetch(offset: int, limit: int) -> tuple[Sequence[int], ContentRange | None]:
        if offset in bad:
            raise ServerError("down", error_code="SVCSTG.SWR.5000001", url=f"/x?offset={offset}")
        items = DATA[offset : offset + limit]
        return items, ContentRange(offset, len(items), len(DATA))

    return fetch


async def test_a_middle_page_is_skipped_and_named() -> None:
    scan: PageScan[int] = await scan_pages(pages_failing_at(3), page_size=3)
    assert scan.items == [0, 1, 2, 6, 7, 8, 9]
    [failure] = scan.failures
    assert (failure.offset, failure.limit, failure.to_end) == (3, 3, False)
    assert failure.error.error_code == "SVCSTG.SWR.5000001"


async def test_the_first_page_failing_leaves_the_rest_unknown() -> None:
    scan: PageScan[int] = await scan_pages(pages_failing_at(0), page_size=3)
    assert scan.items == [] and [(f.offset, f.to_end) for f in scan.failures] == [(0, True)]


async def test_one_page_retry_fetches_just_that_page() -> None:
    scan: PageScan[int] = await scan_pages(pages_failing_at(), page_size=3, start=3, pages=1)
    assert scan.pages == {3: [3, 4, 5]} and scan.failures == []
