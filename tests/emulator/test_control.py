"""The control API under /_emulator: reset/seed, state dump, credentials, stats, latency."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator, make_sdk_client

pytestmark = pytest.mark.socket

NAMESPACES = "/v2/manage/namespaces"


def control(live: LiveEmulator, method: str, path: str, body: Any = None) -> httpx.Response:
    return httpx.request(method, f"{live.url}/_emulator/{path}", json=body)


def _names(sdk: Any) -> list[str]:
    return [ns.name for ns in sdk.list_namespaces(model.ListNamespacesRequest()).namespaces]


# --- reset / seed --------------------------------------------------------------------------


def test_reset_to_empty_then_demo(live_emulator: LiveEmulator, sdk: Any) -> None:
    response = control(live_emulator, "POST", "reset", {"seed": "empty"})
    assert response.status_code == 200
    assert response.json() == {"seed": "empty", "namespaces": 0}
    assert _names(sdk) == []

    response = control(live_emulator, "POST", "reset")
    assert response.json()["seed"] == "demo"
    assert response.json()["namespaces"] == len(live_emulator.app.state.namespaces) > 0
    assert "demo" in _names(sdk)


def test_reset_discards_changes_and_fault_rules(live_emulator: LiveEmulator, sdk: Any) -> None:
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="scratch"))
    )
    control(live_emulator, "POST", "faults", {"action": "status", "path": "nothing-matches"})
    control(live_emulator, "POST", "reset", {"seed": "demo"})
    assert "scratch" not in _names(sdk)
    assert control(live_emulator, "GET", "faults").json() == []


def test_reset_with_unknown_seed_keeps_the_state(live_emulator: LiveEmulator, sdk: Any) -> None:
    response = control(live_emulator, "POST", "reset", {"seed": "no-such-seed"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "SVCSTG.SWR.4001025"
    assert "demo" in _names(sdk)


# --- state and credentials -----------------------------------------------------------------


def test_state_dump_masks_secrets(live_emulator: LiveEmulator) -> None:
    document = control(live_emulator, "GET", "state").json()
    assert document["secrets"] is False
    state = document["state"]
    assert set(state["namespaces"]) == set(live_emulator.app.state.namespaces)
    admin = state["domains"][seeds.DEMO_DOMAIN_ID]["users"]["u-admin-0001"]
    assert admin["access_key"] == seeds.DEMO_ADMIN_AK
    assert admin["secret_key"] == admin["password"] == "********"
    assert seeds.DEMO_ADMIN_SK not in control(live_emulator, "GET", "state").text


def test_credentials_list_every_user_with_working_keys(live_emulator: LiveEmulator) -> None:
    listed = control(live_emulator, "GET", "credentials").json()
    by_name = {entry["user_name"]: entry for entry in listed}
    assert {"swr-admin", "dev-alice", "ops-bob", "partner-admin"} <= set(by_name)
    admin = by_name["swr-admin"]
    assert (admin["access_key"], admin["secret_key"]) == (seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)
    assert (admin["project_id"], admin["is_admin"]) == (seeds.DEMO_PROJECT_ID, True)
    assert admin["security_token"] is None
    partner = by_name["partner-admin"]
    client = make_sdk_client(
        live_emulator.url, partner["access_key"], partner["secret_key"], partner["project_id"]
    )
    assert "demo" not in _names(client)


# --- stats -----------------------------------------------------------------------------------


def test_stats_count_requests_by_route(live_emulator: LiveEmulator) -> None:
    assert control(live_emulator, "DELETE", "stats").status_code == 204
    for _ in range(3):
        httpx.get(live_emulator.url + NAMESPACES)
    httpx.get(live_emulator.url + "/v2/manage/nowhere")
    stats = control(live_emulator, "GET", "stats").json()
    # Control calls (the stats reading itself included) are not traffic and are not counted.
    assert stats["requests"] == 4
    assert stats["in_flight"] == 0
    assert not any(
        route.startswith(("GET /_emulator", "DELETE /_emulator")) for route in stats["by_route"]
    )
    assert stats["by_route"][f"GET {NAMESPACES}"] == 3
    assert stats["by_route"]["GET /v2/manage/nowhere"] == 1
    assert stats["max_in_flight"] == 1


async def test_stats_record_concurrency(live_emulator: LiveEmulator) -> None:
    assert control(live_emulator, "PUT", "latency", {"latency_ms": 200}).status_code == 200
    control(live_emulator, "DELETE", "stats")
    async with httpx.AsyncClient(base_url=live_emulator.url) as client:
        responses = await asyncio.gather(*(client.get(NAMESPACES) for _ in range(10)))
    assert [r.status_code for r in responses] == [401] * 10
    stats = control(live_emulator, "GET", "stats").json()
    assert 2 <= stats["max_in_flight"] <= 10
    assert stats["by_route"][f"GET {NAMESPACES}"] == 10


# --- latency ---------------------------------------------------------------------------------


def test_global_latency_applies_to_the_api_not_the_control_plane(
    live_emulator: LiveEmulator,
) -> None:
    response = control(live_emulator, "PUT", "latency", {"latency_ms": 250})
    assert response.json() == {"latency_ms": 250}
    started = time.monotonic()
    httpx.get(live_emulator.url + NAMESPACES)
    assert time.monotonic() - started >= 0.25
    started = time.monotonic()
    control(live_emulator, "GET", "faults")
    assert time.monotonic() - started < 0.25
    control(live_emulator, "PUT", "latency", {"latency_ms": 0})
    started = time.monotonic()
    httpx.get(live_emulator.url + NAMESPACES)
    assert time.monotonic() - started < 0.25


@pytest.mark.parametrize(
    "body", [{"latency_ms": -1}, {"latency_ms": "5"}, {"latency_ms": True}, {}]
)
def test_latency_validation(live_emulator: LiveEmulator, body: dict[str, Any]) -> None:
    response = control(live_emulator, "PUT", "latency", body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "SVCSTG.SWR.4001025"
    assert live_emulator.app.faults.latency_ms == 0


def test_control_api_needs_no_credentials_but_api_does(live_emulator: LiveEmulator) -> None:
    assert control(live_emulator, "GET", "faults").status_code == 200
    assert httpx.get(live_emulator.url + NAMESPACES).status_code == 401
