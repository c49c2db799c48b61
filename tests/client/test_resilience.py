"""Retries, fault injection and the concurrency limit, measured at the emulator."""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from swrtui import clock
from swrtui.client import (
    AkSkAuth,
    NotFoundError,
    RateLimitedError,
    ServerError,
    SwrClient,
    TimeoutError,
    TransportError,
)
from swrtui.client.retry import RetryPolicy, retry_after_seconds
from swrtui.emulator.state import seeds
from tests.client.conftest import ENDPOINT, make_client
from tests.conftest import LiveEmulator

TAGS_ROUTE = "GET /v2/manage/namespaces/demo/repos/nginx/tags"


async def _fault(control: httpx.AsyncClient, **rule: Any) -> None:
    response = await control.post("/_emulator/faults", json=rule)
    assert response.status_code == 201, response.text


async def _stats(control: httpx.AsyncClient) -> dict[str, Any]:
    return (await control.get("/_emulator/stats")).json()


class FakeTime:
    """A monotonic clock that moves only when the client sleeps: budgets spent without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def _fake_time(client: SwrClient, **policy: Any) -> FakeTime:
    """Give ``client`` a seeded policy on a fake clock (``policy`` overrides its fields)."""
    fake = FakeTime()
    fields = {"retries": client.retry.retries, "backoff": client.retry.backoff, **policy}
    client.retry = RetryPolicy(rng=random.Random(0), monotonic=fake.monotonic, **fields)
    client._sleep = fake.sleep
    return fake


async def test_get_recovers_from_four_503s_with_the_same_result(app, swr, control) -> None:
    baseline = await swr.tags.list("demo", "nginx")
    await control.delete("/_emulator/stats")
    await _fault(control, action="status", status=503, count=4, method="GET", path="/tags$")
    fake = _fake_time(swr)
    assert await swr.tags.list("demo", "nginx") == baseline
    (nginx,) = (ns.repos["nginx"] for ns in app.state.namespaces.values() if ns.name == "demo")
    assert sorted(t.name for t in baseline) == sorted(nginx.tags) and len(baseline) > 1
    assert (await _stats(control))["by_route"][TAGS_ROUTE] == 5
    # Full jitter: retry n waits somewhere in [0, base * 2 ** (n - 1)].
    assert len(fake.waits) == 4
    assert all(0 <= wait <= 0.001 * 2**n for n, wait in enumerate(fake.waits))
    assert len(set(fake.waits)) == 4


async def test_jitter_comes_from_the_injected_rng(app, control) -> None:
    waits = []
    for _ in range(2):
        await _fault(control, action="status", status=503, count=3, path="/namespaces$")
        async with make_client(app, backoff=1.0) as client:
            fake = _fake_time(client)
            await client.organizations.list()
        waits.append(fake.waits)
    assert waits[0] == waits[1] and len(waits[0]) == 3


async def test_503s_give_up_after_the_retries_naming_the_request(app, control) -> None:
    await _fault(control, action="status", status=503, error_code="SVCSTG.SWR.5030001", count=99)
    async with make_client(app, retries=2) as client:
        _fake_time(client)
        with pytest.raises(ServerError) as caught:
            await client.organizations.get("demo")
    assert caught.value.error_code == "SVCSTG.SWR.5030001"
    assert caught.value.error_msg == "Internal server error: injected fault"
    assert "GET /v2/manage/namespaces/demo" in str(caught.value)
    assert caught.value.__notes__ == ["gave up after 3 attempts (0 throttled)"]
    assert (await _stats(control))["by_route"]["GET /v2/manage/namespaces/demo"] == 3


async def test_a_failing_get_gives_up_within_the_budget(app, control) -> None:
    await _fault(control, action="status", status=502, error_code="SVCSTG.SWR.5020001")
    async with make_client(app, backoff=4.0) as client:
        fake = _fake_time(client, retries=100, budget=30.0, max_wait=10.0)
        with pytest.raises(ServerError) as caught:
            await client.tags.list("demo", "nginx")
    # Every wait is capped, and no wait was started that would end past the budget.
    assert fake.now <= 30.0 and all(wait <= 10.0 for wait in fake.waits)
    assert len(fake.waits) >= 3
    assert caught.value.error_code == "SVCSTG.SWR.5020001" and caught.value.status == 502
    assert "GET /v2/manage/namespaces/demo/repos/nginx/tags" in str(caught.value)


async def test_429_honours_retry_after_seconds(swr, control) -> None:
    await _fault(control, action="status", status=429, retry_after=2, count=1, path="/namespaces$")
    fake = _fake_time(swr)
    orgs = await swr.organizations.list()
    assert [o.name for o in orgs] == ["data-team", "demo", "ml-lab", "platform"]
    assert fake.waits == [2.0]


async def test_throttling_spends_the_budget_not_the_retries(app, control) -> None:
    await _fault(control, action="status", status=429, retry_after=1, count=8)
    async with make_client(app, retries=1) as client:
        fake = _fake_time(client)
        assert (await client.organizations.get("demo")).name == "demo"
    assert fake.waits == [1.0] * 8


async def test_a_429_ends_the_failure_streak() -> None:
    transport, seen = _answers(
        _error(503), _error(503), _error(429, **{"Retry-After": "1"}), _error(503), _error(503),
        httpx.Response(200, json=[]),
    )  # fmt: skip
    async with SwrClient(ENDPOINT, auth=AkSkAuth("AK", "SK"), transport=transport) as client:
        fake = _fake_time(client, retries=2)
        assert await client.get_json("/v2/manage/namespaces") == []
    # Two failures, a throttle (the server is up), then two failures again: never three in a row.
    assert len(seen) == 6 and fake.waits[2] == 1.0


async def test_no_retries_means_no_retries_even_on_429() -> None:
    transport, seen = _answers(_error(429, **{"Retry-After": "1"}), httpx.Response(200))
    auth = AkSkAuth("AK", "SK")
    async with SwrClient(ENDPOINT, auth=auth, transport=transport, retries=0) as client:
        fake = _fake_time(client)
        with pytest.raises(RateLimitedError):
            await client.request("GET", "/v2/manage/namespaces")
    assert seen == ["GET"] and fake.waits == []


async def test_endless_throttling_stops_at_the_budget(app, control) -> None:
    await _fault(
        control, action="status", status=429, retry_after=4, error_code="SVCSTG.SWR.4291000"
    )
    async with make_client(app) as client:
        fake = _fake_time(client, budget=30.0)
        with pytest.raises(RateLimitedError) as caught:
            await client.organizations.get("demo")
    # 7 waits of 4 s fit in 30 s; the 8th would end at 32 s, so it is not started.
    assert fake.waits == [4.0] * 7
    assert caught.value.error_code == "SVCSTG.SWR.4291000"
    assert "GET /v2/manage/namespaces/demo" in str(caught.value)
    assert caught.value.__notes__ == ["gave up after 8 attempts (7 throttled)"]


def _answers(*responses: httpx.Response) -> tuple[httpx.MockTransport, list[str]]:
    """A transport answering ``responses`` in turn, and the methods it was asked."""
    pending = list(responses)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return pending.pop(0)

    return httpx.MockTransport(handler), seen


def _error(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"error_code": "X", "error_msg": "x"}, headers=headers)


@pytest.mark.parametrize(
    ("status", "retry_after", "wait"),
    [
        (429, "Sun, 01 Nov 2026 00:00:07 GMT", 7.0),  # an HTTP-date, 7 s after "now"
        (503, "Sun, 01 Nov 2026 00:00:07 GMT", 7.0),  # 503 may carry it too
        (429, "Sat, 31 Oct 2026 23:00:00 GMT", 0.0),  # already past: retry at once
        (503, "3", 3.0),
        (429, "120", 10.0),  # capped per wait
        (429, "soon", None),  # junk: back off as if there were no hint
    ],
)
async def test_retry_after_forms(status: int, retry_after: str, wait: float | None) -> None:
    transport, seen = _answers(_error(status, **{"Retry-After": retry_after}), httpx.Response(200))
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    async with SwrClient(ENDPOINT, auth=AkSkAuth("AK", "SK"), transport=transport) as client:
        fake = _fake_time(client)
        with clock.pinned(now):
            await client.request("GET", "/v2/manage/namespaces")
    assert seen == ["GET", "GET"]
    if wait is None:
        assert len(fake.waits) == 1 and 0 <= fake.waits[0] <= client.retry.backoff
    else:
        assert fake.waits == [wait]


def test_retry_after_seconds_parses_both_forms() -> None:
    with clock.pinned(datetime(2026, 11, 1, 12, tzinfo=timezone.utc)):
        assert retry_after_seconds("Sun, 01 Nov 2026 12:01:30 GMT") == 90.0
        assert retry_after_seconds("Sun, 01 Nov 2026 12:01:30 -0000") == 90.0
        assert retry_after_seconds(" 2.5 ") == 2.5
        for junk in (None, "", "-1", "nan", "Sun, 99 Nov 2026 12:00:00 GMT", "tomorrow"):
            assert retry_after_seconds(junk) is None


async def test_post_is_not_retried(swr, control) -> None:
    await control.delete("/_emulator/stats")
    await _fault(control, action="status", status=503, count=1, method="POST", retry_after=1)
    fake = _fake_time(swr)
    with pytest.raises(ServerError) as caught:
        await swr.organizations.create("team-z")
    assert caught.value.status == 503
    assert (await _stats(control))["by_route"]["POST /v2/manage/namespaces"] == 1
    with pytest.raises(NotFoundError):
        await swr.organizations.get("team-z")
    assert fake.waits == []


async def test_delete_404_after_a_retry_counts_as_done() -> None:
    answers = iter([503, 404])
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return httpx.Response(next(answers), json={"error_code": "X", "error_msg": "x"})

    auth = AkSkAuth("AK", "SK")
    transport = httpx.MockTransport(handler)
    async with SwrClient(ENDPOINT, auth=auth, transport=transport, backoff=0.001) as client:
        await client.tags.delete("demo", "nginx", "old")
        assert seen == ["DELETE", "DELETE"]
        # Without a retry before it, a 404 is an error.
        answers = iter([404])
        with pytest.raises(NotFoundError):
            await client.tags.delete("demo", "nginx", "old")


async def test_concurrency_never_exceeds_the_limit(app, control) -> None:
    await control.put("/_emulator/latency", json={"latency_ms": 20})
    await control.delete("/_emulator/stats")
    async with make_client(app, max_concurrency=4) as client:
        repos = [(r.namespace, r.name) async for r in client.repositories.iter_all()]
        tags = await client.tags.list_many(repos, page_size=10)
    stats = await _stats(control)
    assert len(tags) == 42 and all(tags.values())
    assert stats["requests"] > 42
    assert stats["max_in_flight"] == 4


@pytest.mark.socket
async def test_connection_resets_over_a_socket(live_emulator: LiveEmulator) -> None:
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    async with (
        SwrClient(live_emulator.url, auth=auth, backoff=0.001) as client,
        httpx.AsyncClient(base_url=live_emulator.url) as control,
    ):
        baseline = await client.tags.list("demo", "nginx")
        await _fault(control, action="reset", count=2, method="GET", path="/tags$")
        assert await client.tags.list("demo", "nginx") == baseline
        await _fault(control, action="reset", count=1, method="POST")
        with pytest.raises(TransportError):
            await client.tags.create("demo", "nginx", "latest", "after-reset")
        assert "after-reset" not in {t.name for t in await client.tags.list("demo", "nginx")}


@pytest.mark.parametrize(
    ("failure", "attempts", "outcome"),
    [
        (httpx.ConnectError("refused"), 2, None),  # nothing was sent: safe to retry
        (httpx.ReadError("reset"), 1, TransportError),  # may have been applied: no retry
        (httpx.ReadTimeout("slow"), 1, TimeoutError),
    ],
)
async def test_post_retries_only_when_nothing_was_sent(
    failure: Exception, attempts: int, outcome: type[Exception] | None
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if len(seen) == 1:
            raise failure
        return httpx.Response(201)

    auth = AkSkAuth("AK", "SK")
    transport = httpx.MockTransport(handler)
    async with SwrClient(ENDPOINT, auth=auth, transport=transport, backoff=0.001) as client:
        if outcome is None:
            await client.organizations.create("team")
        else:
            with pytest.raises(outcome) as caught:
                await client.organizations.create("team")
            assert caught.value.method == "POST" and "team" not in str(caught.value.url or "")
            assert f"to {ENDPOINT} " in str(caught.value) or f"from {ENDPOINT} (" in str(
                caught.value
            )
    assert seen == ["POST"] * attempts


async def test_unreachable_endpoint_is_named() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("All connection attempts failed")

    endpoint = "http://127.0.0.1:18081"
    transport = httpx.MockTransport(refuse)
    async with SwrClient(endpoint, auth=AkSkAuth("AK", "SK"), transport=transport) as client:
        _fake_time(client)  # the retries of a refused connection, without waiting
        with pytest.raises(TransportError) as caught:
            await client.organizations.list()
    assert str(caught.value).startswith(
        "CLIENT.TRANSPORT: cannot connect to http://127.0.0.1:18081 "
        "(ConnectError: All connection attempts failed) (GET /v2/manage/namespaces"
    ), str(caught.value)
