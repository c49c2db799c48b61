"""Temporary login commands (4.11.1) and the SDK's authorization token, over a real socket."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui import clock
from tests.conftest import LiveEmulator
from tests.emulator.helpers import client_as

pytestmark = pytest.mark.socket

def _credentials(response: Any) -> tuple[str, str]:
    # Over a socket the login names the emulator's own host:port, which serves the registry.
    (host,) = list(response.auths)
    assert host.startswith("127.0.0.1:")
    user, _, password = base64.b64decode(response.auths[host].auth).decode().partition(":")
    assert response.x_swr_dockerlogin == f"docker login -u {user} -p {password} {host}"
    return user, password


def _expires_in(stamp: str) -> timedelta:
    expires = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return expires - clock.now()


def test_secret_gives_a_six_hour_login(sdk: Any) -> None:
    response = sdk.create_secret(model.CreateSecretRequest())
    user, password = _credentials(response)
    region, _, key_id = user.partition("@")
    assert region == "cn-north-4"
    assert len(key_id) == 20 and key_id.isalnum() and key_id.isupper()
    assert len(password) == 64
    assert (
        timedelta(hours=5, minutes=59) < _expires_in(response.x_swr_expireat) <= timedelta(hours=6)
    )


def test_every_call_gives_new_credentials(sdk: Any) -> None:
    first = _credentials(sdk.create_secret(model.CreateSecretRequest()))
    second = _credentials(sdk.create_secret(model.CreateSecretRequest(projectname="cn-north-4")))
    assert first[0] != second[0] and first[1] != second[1]


def test_projectname_must_be_the_callers(sdk: Any) -> None:
    with pytest.raises(ClientRequestException) as caught:
        sdk.create_secret(model.CreateSecretRequest(projectname="ap-southeast-1"))
    assert (caught.value.status_code, caught.value.error_code) == (400, "SVCSTG.SWR.4001025")


def test_non_admin_users_get_one_too(live_emulator: LiveEmulator) -> None:
    alice = client_as(live_emulator, "alice")
    user, _ = _credentials(alice.create_secret(model.CreateSecretRequest()))
    assert user.startswith("cn-north-4@")


def test_credentials_are_required(live_emulator: LiveEmulator) -> None:
    response = httpx.post(f"{live_emulator.url}/v2/manage/utils/secret")
    assert response.status_code == 401
    assert response.json()["error_code"] == "SVCSTG.S2I.4019000"


def test_authorization_token(sdk: Any) -> None:
    response = sdk.create_authorization_token(model.CreateAuthorizationTokenRequest())
    user, password = _credentials(response)
    assert user.startswith("bearertoken@") and len(password) == 64
    lifetime = _expires_in(response.x_swr_expireat)
    assert timedelta(hours=23, minutes=59) < lifetime <= timedelta(hours=24)
    assert len(response.x_swr_expireat.rsplit(".", 1)[1]) == 4  # milliseconds and "Z"
