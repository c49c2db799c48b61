"""Client fixtures: a SwrClient wired to an in-process emulator through ASGITransport."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from swrtui.client import AkSkAuth, SwrClient
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds

ENDPOINT = "https://swr-api.cn-north-4.myhuaweicloud.com"
ALICE = ("DEMOSWRTUIALICE00002", "alice0secret0key0for0the0swrtui0emulat")


def make_client(app: Any, auth: httpx.Auth | None = None, **options: Any) -> SwrClient:
    """A client for ``app`` (in-process), as the demo admin unless ``auth`` says otherwise."""
    auth = auth or AkSkAuth(
        seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID
    )
    options.setdefault("backoff", 0.001)
    return SwrClient(ENDPOINT, auth=auth, transport=httpx.ASGITransport(app), **options)


@pytest.fixture
def app() -> EmulatorApp:
    return create_app(seed="demo")


@pytest.fixture
async def swr(app: EmulatorApp) -> AsyncIterator[SwrClient]:
    async with make_client(app) as client:
        yield client


@pytest.fixture
async def alice(app: EmulatorApp) -> AsyncIterator[SwrClient]:
    """The non-admin user dev-alice (no roles unless granted)."""
    async with make_client(app, AkSkAuth(*ALICE, project_id=seeds.DEMO_PROJECT_ID)) as client:
        yield client


@pytest.fixture
async def control(app: EmulatorApp) -> AsyncIterator[httpx.AsyncClient]:
    """A plain HTTP client for the emulator's control API (``/_emulator/...``)."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://emulator"
    ) as client:
        yield client
