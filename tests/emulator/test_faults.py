"""Fault injection through the control API, seen by clients over a real socket."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ServerResponseException
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.app import EmulatorApp, create_app
from tests.conftest import LiveEmulator

pytestmark = pytest.mark.socket

NAMESPACES = "/v2/manage/namespaces"


def add_fault(live: LiveEmulator, **spec: Any) -> dict[str, Any]:
    response = httpx.post(live.url + "/_emulator/faults", json=spec)
    assert response.status_code == 201, response.text
    return response.json()


def _list(sdk: Any) -> list[str]:
    return [ns.name for ns in sdk.list_namespaces(model.ListNamespacesRequest()).namespaces]


def test_status_fault_with_count_fails_exactly_that_many(
    live_emulator: LiveEmulator, sdk: Any
) -> None:
    rule = add_fault(
        live_emulator,
        action="status",
        path=f"^{NAMESPACES}$",
        method="GET",
        status=503,
        error_code="SVCSTG.SWR.5030001",
        error_msg="injected outage",
        count=2,
    )
    assert (rule["action"], rule["status"], rule["hits"], rule["count"]) == ("status", 503, 0, 2)
    for _ in range(2):
        with pytest.raises(ServerResponseException) as caught:
            _list(sdk)
        assert (caught.value.status_code, caught.value.error_code) == (503, "SVCSTG.SWR.5030001")
        assert caught.value.error_msg == "injected outage"
    assert "demo" in _list(sdk)
    assert "demo" in _list(sdk)
    listed = httpx.get(live_emulator.url + "/_emulator/faults").json()
    assert [(r["id"], r["hits"]) for r in listed] == [(rule["id"], 2)]


def test_probability_zero_never_fires(live_emulator: LiveEmulator, sdk: Any) -> None:
    add_fault(live_emulator, action="status", status=500, probability=0)
    for _ in range(20):
        assert "demo" in _list(sdk)
    assert httpx.get(live_emulator.url + "/_emulator/faults").json()[0]["hits"] == 0


async def test_probability_half_fires_about_half_the_time(emulator_app: EmulatorApp) -> None:
    emulator_app.faults.add({"action": "status", "status": 502, "probability": 0.5})
    transport = httpx.ASGITransport(app=emulator_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        statuses = [(await client.get(NAMESPACES)).status_code for _ in range(200)]
    # Unauthenticated, so every request the fault spares is a 401.
    assert set(statuses) == {502, 401}
    assert 60 <= statuses.count(502) <= 140


def test_429_fault_carries_retry_after(live_emulator: LiveEmulator) -> None:
    add_fault(
        live_emulator,
        action="status",
        status=429,
        error_code="SVCSTG.SWR.4291000",
        retry_after=7,
        count=1,
    )
    response = httpx.get(live_emulator.url + NAMESPACES)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["error_code"] == "SVCSTG.SWR.4291000"
    after = httpx.get(live_emulator.url + NAMESPACES)
    assert after.status_code == 401
    assert "Retry-After" not in after.headers


def test_reset_fault_drops_the_connection(live_emulator: LiveEmulator, sdk: Any) -> None:
    add_fault(live_emulator, action="reset", path="namespaces", count=1)
    with pytest.raises(httpx.TransportError) as caught:
        httpx.get(live_emulator.url + NAMESPACES)
    assert isinstance(caught.value, (httpx.RemoteProtocolError, httpx.ReadError))
    assert "demo" in _list(sdk)


def test_latency_fault_delays_only_matching_requests(live_emulator: LiveEmulator) -> None:
    add_fault(live_emulator, action="latency", path="namespaces", latency_ms=300)
    started = time.monotonic()
    assert httpx.get(live_emulator.url + NAMESPACES).status_code == 401
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    assert httpx.get(live_emulator.url + "/v2/manage/other").status_code == 404
    assert time.monotonic() - started < 0.3


def test_latency_then_status_both_apply(live_emulator: LiveEmulator) -> None:
    add_fault(live_emulator, action="latency", latency_ms=200, count=1)
    add_fault(live_emulator, action="status", status=500, count=1)
    started = time.monotonic()
    response = httpx.get(live_emulator.url + NAMESPACES)
    assert time.monotonic() - started >= 0.2
    assert response.status_code == 500
    assert response.json()["error_code"] == "SVCSTG.SWR.5000001"


def test_first_status_rule_answers_and_later_ones_keep_their_count(
    live_emulator: LiveEmulator,
) -> None:
    add_fault(live_emulator, action="status", status=503, count=1)
    add_fault(live_emulator, action="status", status=504, count=1)
    codes = [httpx.get(live_emulator.url + NAMESPACES).status_code for _ in range(3)]
    assert codes == [503, 504, 401]


@pytest.mark.parametrize(("method", "fires"), [("get", True), ("GET", True), ("POST", False)])
def test_method_filter(live_emulator: LiveEmulator, method: str, fires: bool) -> None:
    add_fault(live_emulator, action="status", status=500, method=method)
    assert (httpx.get(live_emulator.url + NAMESPACES).status_code == 500) is fires


def test_path_regex_matches_the_decoded_path(live_emulator: LiveEmulator) -> None:
    add_fault(live_emulator, action="status", status=500, path=r"/repos/team/app$")
    assert (
        httpx.get(live_emulator.url + "/v2/manage/namespaces/g/repos/team%2Fapp").status_code == 500
    )
    assert httpx.get(live_emulator.url + "/v2/manage/namespaces/g/repos/other").status_code != 500


def test_control_api_is_never_faulted(live_emulator: LiveEmulator) -> None:
    add_fault(live_emulator, action="reset")
    assert httpx.get(live_emulator.url + "/_emulator/faults").status_code == 200
    assert httpx.delete(live_emulator.url + "/_emulator/faults").status_code == 204
    assert httpx.get(live_emulator.url + "/_emulator/faults").json() == []
    assert httpx.get(live_emulator.url + NAMESPACES).status_code == 401


@pytest.mark.parametrize(
    "spec",
    [
        {"action": "status", "colour": "red"},
        {"action": "explode"},
        {"path": ".*"},
        {"action": "status", "path": "(unclosed"},
        {"action": "status", "probability": 1.5},
        {"action": "status", "probability": "half"},
        {"action": "status", "status": "503"},
        {"action": "status", "status": 200},
        {"action": "status", "count": 0},
        {"action": "status", "count": True},
        {"action": "latency", "latency_ms": -5},
        {"action": "status", "retry_after": "soon"},
        {"action": 1},
    ],
)
def test_invalid_fault_specs_are_refused(live_emulator: LiveEmulator, spec: dict[str, Any]) -> None:
    response = httpx.post(live_emulator.url + "/_emulator/faults", json=spec)
    assert response.status_code == 400
    assert response.json()["error_code"] == "SVCSTG.SWR.4001025"
    assert httpx.get(live_emulator.url + "/_emulator/faults").json() == []


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (b"[1, 2]", {"Content-Type": "application/json"}),
        (b"{nope", {"Content-Type": "application/json"}),
        (b'{"action": "reset"}', {}),
    ],
)
def test_fault_body_must_be_a_json_object(
    live_emulator: LiveEmulator, content: bytes, headers: dict[str, str]
) -> None:
    response = httpx.post(live_emulator.url + "/_emulator/faults", content=content, headers=headers)
    assert response.status_code == 400
    assert response.json()["error_code"] == "SVCSTG.SWR.4001018"


# --- reproducibility: a seed replays the same faults whatever the interleaving -------------

REPOS = [f"/v2/manage/namespaces/demo/repos/r{n}/tags" for n in range(40)]


async def _statuses(app: EmulatorApp, paths: list[str]) -> dict[str, list[int]]:
    """Each path requested three times, all at once; per path, the statuses in order."""
    transport = httpx.ASGITransport(app=app)
    seen: dict[str, list[int]] = {path: [] for path in paths}
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:

        async def get(path: str) -> None:
            for _ in range(3):
                seen[path].append((await client.get(path, params={"limit": 10})).status_code)

        await asyncio.gather(*(get(path) for path in paths))
    return seen


def _faulty_app(seed: int) -> EmulatorApp:
    app = create_app(seed="empty", fault_seed=seed)
    app.faults.add({"action": "status", "status": 503, "probability": 0.3})
    app.faults.add({"action": "status", "status": 502, "probability": 0.3})
    return app


async def test_same_seed_same_faults_in_any_order() -> None:
    forward = await _statuses(_faulty_app(7), REPOS)
    backward = await _statuses(_faulty_app(7), REPOS[::-1])
    assert forward == backward
    # Both rules really fired, and a request's outcome can change between its repeats.
    statuses = [status for per_path in forward.values() for status in per_path]
    assert {502, 503, 401} <= set(statuses)
    assert any(len(set(per_path)) > 1 for per_path in forward.values())


async def test_another_seed_other_faults() -> None:
    assert await _statuses(_faulty_app(7), REPOS) != await _statuses(_faulty_app(8), REPOS)


async def test_the_query_is_part_of_the_request() -> None:
    app = create_app(seed="empty", fault_seed=3)
    app.faults.add({"action": "status", "status": 503, "probability": 0.5})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        pages = [
            (await client.get(NAMESPACES, params={"offset": n})).status_code for n in range(40)
        ]
    # Each page is a new request (occurrence 0), yet they do not all share one draw.
    assert set(pages) == {503, 401}


def test_seed_through_the_control_api(live_emulator: LiveEmulator) -> None:
    url = live_emulator.url + "/_emulator/faults/seed"
    try:
        assert httpx.put(url, json={"seed": 42}).json() == {"seed": 42}
        assert httpx.get(url).json() == {"seed": 42}
        assert live_emulator.app.faults.seed == 42
    finally:
        live_emulator.app.faults.reseed(0)


def test_reseeding_replays_from_the_start(live_emulator: LiveEmulator) -> None:
    add_fault(live_emulator, action="status", status=503, probability=0.5)
    url = live_emulator.url + "/_emulator/faults/seed"

    def run() -> list[int]:
        assert httpx.put(url, json={"seed": 5}).status_code == 200
        return [httpx.get(live_emulator.url + NAMESPACES).status_code for _ in range(30)]

    try:
        first = run()
        assert run() == first and set(first) == {503, 401}
    finally:
        live_emulator.app.faults.reseed(0)


@pytest.mark.parametrize("body", [{"seed": -1}, {"seed": "7"}, {"seed": True}, {"seed": 2**60}, {}])
def test_invalid_seeds_are_refused(live_emulator: LiveEmulator, body: dict[str, Any]) -> None:
    response = httpx.put(live_emulator.url + "/_emulator/faults/seed", json=body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "SVCSTG.SWR.4001025"
    assert live_emulator.app.faults.seed == 0
