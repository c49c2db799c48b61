"""A connection reset injected in-process surfaces as a retryable transport failure."""

from __future__ import annotations

import httpx
import pytest

from swrtui.client import SwrClient, TransportError
from swrtui.emulator.app import EmulatorApp
from tests.client.conftest import make_client


async def test_reset_on_get_is_retried_in_process(
    swr: SwrClient, control: httpx.AsyncClient
) -> None:
    expected = [org.name for org in await swr.organizations.list()]
    fault = {"action": "reset", "method": "GET", "path": "/v2/manage/namespaces$", "count": 2}
    assert (await control.post("/_emulator/faults", json=fault)).status_code == 201
    assert [org.name for org in await swr.organizations.list()] == expected


async def test_reset_beyond_the_retries_is_a_transport_error(app: EmulatorApp) -> None:
    app.faults.add({"action": "reset", "method": "GET", "path": "/v2/manage/namespaces$"})
    async with make_client(app, retries=1) as client:
        with pytest.raises(TransportError):
            await client.organizations.list()
