"""The client over a real socket (uvicorn), with AK/SK signatures and with IAM tokens."""

from __future__ import annotations

import httpx
import pytest

from swrtui.client import AkSkAuth, NotFoundError, PasswordTokenAuth, SwrClient
from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator

pytestmark = pytest.mark.socket


def _auths(url: str) -> dict[str, httpx.Auth]:
    return {
        "aksk": AkSkAuth(
            seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID
        ),
        "password": PasswordTokenAuth(
            url,
            seeds.DEMO_DOMAIN_NAME,
            seeds.DEMO_ADMIN_NAME,
            seeds.DEMO_ADMIN_PASSWORD,
            project_id=seeds.DEMO_PROJECT_ID,
        ),
    }


@pytest.mark.parametrize("kind", ["aksk", "password"])
async def test_round_trip(live_emulator: LiveEmulator, kind: str) -> None:
    auth = _auths(live_emulator.url)[kind]
    async with SwrClient(live_emulator.url, auth=auth) as swr:
        assert "demo" in {o.name for o in await swr.organizations.list()}
        await swr.repositories.create("demo", "smoke/app", description="smoke")
        assert (await swr.repositories.get("demo", "smoke/app")).description == "smoke"
        await swr.tags.create("demo", "nginx", "latest", "smoke")
        tags = {t.name async for t in swr.tags.iter_all("demo", "nginx", page_size=8)}
        assert {"latest", "smoke"} <= tags
        await swr.tags.delete("demo", "nginx", "smoke")
        await swr.repositories.delete("demo", "smoke/app")
        with pytest.raises(NotFoundError):
            await swr.repositories.get("demo", "smoke/app")
        assert [v.id for v in await swr.api_versions.list()]
