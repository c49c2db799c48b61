"""Pure pieces of the client: errors, Content-Range, paging, fan-out, URLs, time parsing."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from swrtui.client import (
    AkSkAuth,
    ConflictError,
    ContentRange,
    NotEmptyError,
    QuotaError,
    RateLimitedError,
    ServerError,
    SwrClient,
    SwrError,
    TooLargeError,
    error_from_response,
    gather_limited,
    parse_content_range,
    registry_for,
)
from swrtui.client.models._parse import parse_time
from swrtui.client.pagination import iter_pages
from swrtui.client.urls import build_path, encode_query, filter_param
from swrtui.redaction import Secret


def _response(status: int, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request("DELETE", "https://swr/v2/manage/namespaces/demo?x=1")
    return httpx.Response(status, json=body, headers=headers, request=request)


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (406, "SVCSTG.SWR.4060074", NotEmptyError),
        (409, "SVCSTG.SWR.4090060", ConflictError),
        (400, "SVCSTG.SWR.4000097", QuotaError),
        (413, "SVCSTG.SWR.4131001", TooLargeError),
        (502, "APIGW.0101", ServerError),
        (418, "ODD", SwrError),
    ],
)
def test_error_classes(status: int, code: str, cls: type) -> None:
    error = error_from_response(_response(status, {"error_code": code, "error_msg": "m"}))
    assert type(error) is cls
    assert str(error) == f"{code}: m (HTTP {status}, DELETE /v2/manage/namespaces/demo)"


def test_iam_and_appendix_error_shapes_and_retry_after() -> None:
    iam = error_from_response(_response(401, {"error": {"code": "IAM.0002", "message": "bad"}}))
    assert (iam.error_code, iam.error_msg) == ("IAM.0002", "bad")
    listed = error_from_response(_response(400, [{"errorCode": "E1", "errorMessage": "no"}]))
    assert (listed.error_code, listed.error_msg) == ("E1", "no")
    limited = error_from_response(_response(429, {}, {"Retry-After": "3"}))
    assert isinstance(limited, RateLimitedError) and limited.retry_after == 3.0
    assert limited.error_msg == "Too Many Requests"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0-10/42", ContentRange(0, 10, 42)),
        (" 5 - 3 / 8 ", ContentRange(5, 3, 8)),
        ("items 0-0/0", ContentRange(0, 0, 0)),
        ("", None),
        (None, None),
        ("0-10", None),
        ("a-b/c", None),
        ("bytes */42", None),
    ],
)
def test_parse_content_range(value: str | None, expected: ContentRange | None) -> None:
    assert parse_content_range(value) == expected


async def _collect(fetch, page_size: int) -> list[int]:
    return [item async for item in iter_pages(fetch, page_size=page_size)]


async def test_iter_pages_follows_the_total() -> None:
    data = list(range(23))
    calls: list[tuple[int, int]] = []

    async def fetch(offset: int, limit: int):
        calls.append((offset, limit))
        page = data[offset : offset + limit]
        return page, ContentRange(offset, len(page), len(data))

    assert await _collect(fetch, 10) == data
    assert calls == [(0, 10), (10, 10), (20, 10)]


async def test_iter_pages_survives_a_server_that_ignores_offset() -> None:
    async def fetch(offset: int, limit: int):
        return [1, 2, 3], None  # always the first page, no Content-Range

    assert await _collect(fetch, 3) == [1, 2, 3]


async def test_iter_pages_stops_on_short_page_without_range() -> None:
    async def fetch(offset: int, limit: int):
        return list(range(offset, min(offset + limit, 7))), None

    assert await _collect(fetch, 3) == list(range(7))


async def test_gather_limited_keeps_order_and_limit() -> None:
    running, peak = 0, 0

    async def work(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.001 * (n % 3))
        running -= 1
        return n * n

    assert await gather_limited(work, range(20), limit=3) == [n * n for n in range(20)]
    assert peak == 3
    assert await gather_limited(work, [], limit=3) == []


async def test_gather_limited_starts_on_items_of_an_async_iterable_as_they_arrive() -> None:
    """Work on the first page's items runs while the source still waits for its second page."""
    second_page = asyncio.Event()
    started: list[int] = []

    async def source():
        for n in (0, 1, 2):
            yield n
        await second_page.wait()  # released only by work on an item of the first page
        for n in (3, 4):
            yield n

    async def work(n: int) -> int:
        started.append(n)
        if n == 2:
            second_page.set()
        return -n

    assert await gather_limited(work, source(), limit=2) == [0, -1, -2, -3, -4]
    assert started[:3] == [0, 1, 2]


async def test_gather_limited_raises_the_sources_failure() -> None:
    async def source():
        yield 1
        raise RuntimeError("listing failed")

    async def work(n: int) -> int:
        return n

    with pytest.raises(RuntimeError, match="listing failed"):
        await gather_limited(work, source(), limit=4)


def test_wire_encoding() -> None:
    assert build_path("/a/{x}/{y}", {"x": "a$b", "y": "c/d e"}) == "/a/a%24b/c%2Fd%20e"
    assert filter_param(namespace="g", mode=None, is_public=True) == "namespace::g|is_public::true"
    assert filter_param(a=None) is None
    assert encode_query({"b": "x y", "a": 1, "c": None, "f": "k::v|w"}) == (
        "a=1&b=x%20y&f=k%3A%3Av%7Cw"
    )


def test_time_parsing() -> None:
    utc = timezone.utc
    assert parse_time("2024-01-02T03:04:05Z") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
    assert parse_time("2019-02-13T06:52:13.855000Z") == datetime(
        2019, 2, 13, 6, 52, 13, 855000, tzinfo=utc
    )
    eastern = parse_time("2024-01-02T03:04:05+0800")
    assert eastern is not None and eastern.utcoffset() == timedelta(0)
    assert eastern.hour == 19
    assert parse_time("2024-01-02T03:04:05") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
    for junk in (None, "", "forever", "2024-13-45T00:00:00Z", 17):
        assert parse_time(junk) is None


def test_secret_never_shows_itself() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in f"{secret} {secret!r} {secret:>20} {[secret]}"
    assert secret.reveal() == "hunter2" and Secret(secret) == secret and bool(Secret("")) is False


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("https://swr-api.cn-north-4.myhuaweicloud.com", "swr.cn-north-4.myhuaweicloud.com"),
        ("http://swr-emulator.demo", "swr.cn-north-4.myhuaweicloud.com"),
        ("http://127.0.0.1:18080", "127.0.0.1:18080"),
        ("http://user@localhost:8443/", "localhost:8443"),
        ("http://[::1]:9000", "[::1]:9000"),
    ],
)
def test_registry_goes_with_the_endpoint(endpoint: str, expected: str) -> None:
    assert registry_for(endpoint, "cn-north-4") == expected
    client = SwrClient(endpoint, auth=AkSkAuth("AK", "SK"))
    assert client.registry == expected
    assert SwrClient(endpoint, auth=AkSkAuth("AK", "SK"), registry="r.example").registry == (
        "r.example"
    )
