"""client.temporary_login against the in-process emulator, and the login parsing on its own."""

from __future__ import annotations

import base64
import logging
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from swrtui import clock
from swrtui.client import AkSkAuth, ServerError, SwrClient, SwrError, ValidationError
from swrtui.client.models.temporary_login import LoginCredentials, parse_docker_login
from swrtui.emulator.state import seeds
from swrtui.redaction import MASK, Secret

HOST = "swr.cn-north-4.myhuaweicloud.com"


def _decoded(secret: Secret) -> str:
    return base64.b64decode(secret.reveal()).decode()


async def test_create_gives_matching_user_password_host_and_expiry(swr: SwrClient) -> None:
    before = clock.now()
    login = await swr.temporary_login.create()
    assert login.registry == HOST
    project, _, key_id = login.username.partition("@")
    assert project == seeds.DEMO_PROJECT_NAME and len(key_id) == 20
    assert len(login.password.reveal()) == 64
    assert _decoded(login.auths[HOST]) == f"{login.username}:{login.password.reveal()}"
    assert login.expires_at is not None and login.expires_at.tzinfo is not None
    lifetime = login.expires_at - before
    assert timedelta(hours=6) - timedelta(minutes=1) < lifetime <= timedelta(hours=6, minutes=1)
    assert not login.expired() and login.expired(login.expires_at)
    assert login.login_command is not None
    assert login.login_command.reveal() == (
        f"docker login -u {login.username} -p {login.password.reveal()} {HOST}"
    )


async def test_credentials_never_show_in_repr_or_logs(
    swr: SwrClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    login = await swr.temporary_login.create()
    password = login.password.reveal()
    shown = repr(login) + str(login)
    assert password not in shown and login.auths[HOST].reveal() not in shown
    assert MASK in shown
    assert password not in caplog.text


async def test_each_call_gives_fresh_credentials(swr: SwrClient) -> None:
    first, second = await swr.temporary_login.create(), await swr.temporary_login.create()
    assert first.username != second.username and first.password != second.password


async def test_project_name_or_id_of_the_caller(swr: SwrClient) -> None:
    by_name = await swr.temporary_login.create(seeds.DEMO_PROJECT_NAME)
    by_id = await swr.temporary_login.create(seeds.DEMO_PROJECT_ID)
    assert by_name.username.startswith(seeds.DEMO_PROJECT_NAME + "@")
    assert by_id.registry == HOST
    with pytest.raises(SwrError) as refused:
        await swr.temporary_login.create("someone-elses-project")
    assert (refused.value.status, refused.value.error_code) == (400, "SVCSTG.SWR.4001025")


async def test_authorization_token(swr: SwrClient) -> None:
    before = clock.now()
    login = await swr.temporary_login.create_authorization_token()
    assert login.username.startswith("bearertoken@") and login.registry == HOST
    assert login.expires_at is not None
    assert (
        timedelta(hours=23, minutes=59)
        < login.expires_at - before
        <= timedelta(hours=24, seconds=5)
    )


async def test_validation_sends_nothing(swr: SwrClient) -> None:
    with pytest.raises(ValidationError, match="project name must not be empty"):
        await swr.temporary_login.create(" ")


async def test_a_response_without_any_login_is_a_server_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"auths": {}})

    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)
    async with SwrClient(auth=auth, transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(ServerError, match="no usable docker login"):
            await client.temporary_login.create()


def test_parse_docker_login_forms() -> None:
    parsed = parse_docker_login("docker login --username=u@K -p 'p w' reg.example:5000")
    assert parsed is not None
    assert (parsed.username, parsed.password.reveal(), parsed.registry) == (
        "u@K",
        "p w",
        "reg.example:5000",
    )
    assert parse_docker_login("docker login -u u reg.example") is None  # no password
    assert parse_docker_login("podman login -u u -p p reg") is None
    assert parse_docker_login("docker login -u u -p 'unclosed") is None


def test_falls_back_to_the_auths_entry_without_the_header() -> None:
    auth = base64.b64encode(b"proj@KEY:s3cr3t-value").decode()
    login = LoginCredentials.from_api(
        {"auths": {HOST: {"auth": auth}}, "extra": None},
        {"X-Swr-Expireat": "2030-01-02T03:04:05.123456Z"},
    )
    assert login is not None
    assert (login.username, login.password.reveal(), login.registry) == (
        "proj@KEY",
        "s3cr3t-value",
        HOST,
    )
    assert login.expires_at == datetime(2030, 1, 2, 3, 4, 5, 123456, tzinfo=timezone.utc)
    assert login.login_command is None
