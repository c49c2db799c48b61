"""Token authentication: IAM password tokens (cached, refreshed once on 401) and plain tokens."""

from __future__ import annotations

import asyncio

import pytest

from swrtui.client import AuthError, PasswordTokenAuth, TokenAuth, iam_endpoint
from swrtui.emulator.state import seeds
from tests.client.conftest import make_client

TOKEN_ROUTE = "POST /v3/auth/tokens"


def password_auth(password: str = seeds.DEMO_ADMIN_PASSWORD) -> PasswordTokenAuth:
    return PasswordTokenAuth(
        iam_endpoint("cn-north-4"),
        seeds.DEMO_DOMAIN_NAME,
        seeds.DEMO_ADMIN_NAME,
        password,
        project_name=seeds.DEMO_PROJECT_NAME,
    )


async def test_token_is_fetched_once_and_reused(app) -> None:
    auth = password_auth()
    async with make_client(app, auth) as client:
        first = await client.organizations.list()
        second = await client.repositories.get("demo", "nginx")
    assert [o.name for o in first] == ["data-team", "demo", "ml-lab", "platform"]
    assert second.name == "nginx"
    assert app.faults.stats.by_route[TOKEN_ROUTE] == 1
    assert auth.generation == 1


async def test_one_refresh_for_twenty_concurrent_401s(app) -> None:
    auth = password_auth()
    async with make_client(app, auth) as client:
        await client.organizations.list()
        app.state.tokens.clear()  # every cached token is now refused with 401
        app.faults.stats.by_route.clear()
        app.faults.latency_ms = 10  # keep the twenty calls overlapping
        results = await asyncio.gather(*(client.organizations.get("demo") for _ in range(20)))
    assert {org.name for org in results} == {"demo"}
    assert app.faults.stats.by_route[TOKEN_ROUTE] == 1
    assert app.faults.stats.by_route["GET /v2/manage/namespaces/demo"] >= 21
    assert auth.generation == 2


async def test_wrong_password_is_an_auth_error(app) -> None:
    async with make_client(app, password_auth("wrong")) as client:
        with pytest.raises(AuthError) as caught:
            await client.organizations.list()
    assert caught.value.status == 401
    assert caught.value.error_code == "IAM.0002"
    assert "wrong" not in str(caught.value)


async def test_plain_token(app) -> None:
    auth = password_auth()
    async with make_client(app, auth) as client:
        await client.organizations.list()
    (token,) = app.state.tokens
    async with make_client(app, TokenAuth(token)) as client:
        assert (await client.organizations.get("ml-lab")).auth == 7
    async with make_client(app, TokenAuth("not-a-token")) as client:
        with pytest.raises(AuthError) as caught:
            await client.organizations.list()
    assert caught.value.error_code == "SVCSTG.SWR.4010000"
