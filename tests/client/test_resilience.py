"""Retries, fault injection and the concurrency limit, measured at the emulator."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from swrtui.client import (
    AkSkAuth,
    NotFoundError,
    RateLimitedError,
    ServerError,
    SwrClient,
    TimeoutError,
    TransportError,
)
from swrtui.emulator.state import seeds
from tests.client.conftest import ENDPOINT, make_client
from tests.conftest import LiveEmulator

TAGS_ROUTE = "GET /v2/manage/namespaces/demo/repos/nginx/tags"


async def _fault(control: httpx.AsyncClient, **rule: Any) -> None:
    response = await control.post("/_emulator/faults", json=rule)
    assert response.status_code == 201, response.text


async def _stats(control: httpx.AsyncClient) -> dict[str, Any]:
    return (await control.get("/_emulator/stats")).json()


def _record_sleeps(client: SwrClient) -> list[float]:
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)
        await asyncio.sleep(0)

    client._sleep = sleep
    return delays


async def test_get_recovers_from_503s_with_the_same_result(swr, control) -> None:
    baseline = await swr.tags.list("demo", "nginx")
    await control.delete("/_emulator/stats")
    await _fault(control, action="status", status=503, count=2, method="GET", path="/tags$")
    delays = _record_sleeps(swr)
    assert await swr.tags.list("demo", "nginx") == baseline
    assert (await _stats(control))["by_route"][TAGS_ROUTE] == 3
    # Exponential backoff with jitter: (base/2, base], then (base, 2 * base].
    assert len(delays) == 2 and 0 < delays[0] <= 0.001 <= delays[1] <= 0.002


async def test_429_honours_retry_after(swr, control) -> None:
    await _fault(control, action="status", status=429, retry_after=2, count=1, path="/namespaces$")
    delays = _record_sleeps(swr)
    orgs = await swr.organizations.list()
    assert [o.name for o in orgs] == ["data-team", "demo", "ml-lab", "platform"]
    assert delays == [2.0]


async def test_retries_give_up_with_a_typed_error(app, control) -> None:
    await _fault(control, action="status", status=429, error_code="SVCSTG.SWR.4291000", count=9)
    async with make_client(app, retries=2) as client:
        _record_sleeps(client)
        with pytest.raises(RateLimitedError) as caught:
            await client.organizations.get("demo")
    assert caught.value.error_code == "SVCSTG.SWR.4291000"
    assert (await _stats(control))["by_route"]["GET /v2/manage/namespaces/demo"] == 3


async def test_post_is_not_retried(swr, control) -> None:
    await control.delete("/_emulator/stats")
    await _fault(control, action="status", status=503, count=1, method="POST")
    with pytest.raises(ServerError) as caught:
        await swr.organizations.create("team-z")
    assert caught.value.status == 503
    assert (await _stats(control))["by_route"]["POST /v2/manage/namespaces"] == 1
    with pytest.raises(NotFoundError):
        await swr.organizations.get("team-z")


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
    assert seen == ["POST"] * attempts
