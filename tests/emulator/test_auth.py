"""Authentication over a real socket: AK/SK signatures, temporary credentials, IAM tokens.

Requests are made twice over: raw httpx requests signed with :mod:`swrtui.signing` (so each
part of a request can be tampered with after signing) and the official SDKs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui import clock, signing
from swrtui.emulator.state import seeds
from swrtui.emulator.state.store import User, utcnow
from tests.conftest import LiveEmulator, make_sdk_client

pytestmark = pytest.mark.socket

NAMESPACES = "/v2/manage/namespaces"
BAD_SIGNATURE = "APIGW.0301"
BAD_TOKEN = "SVCSTG.SWR.4010000"
TEMP_AK = "TEMPSWRTUIADMIN00009"
TEMP_SK = "temp0secret0key0for0the0swrtui0emulat"
TEMP_TOKEN = "gQpjbi1ub3J0aC00In0.temporary-security-token"


def _date(moment: datetime | None = None) -> str:
    return signing.format_sdk_date(moment or clock.now())


def send(
    live: LiveEmulator,
    method: str,
    path: str,
    *,
    query: Sequence[tuple[str, str]] = (),
    body: bytes | None = None,
    ak: str = seeds.DEMO_ADMIN_AK,
    sk: str = seeds.DEMO_ADMIN_SK,
    headers: dict[str, str] | None = None,
    sdk_date: str | None = None,
    sent_body: bytes | None = None,
    sent_query: Sequence[tuple[str, str]] | None = None,
    sent_headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Sign a request, then send it, optionally with other body/query/headers than signed."""
    host = live.url.removeprefix("http://")
    base = {"Content-Type": "application/json", "Host": host, **(headers or {})}
    added = signing.sign(
        access_key=ak,
        secret_key=sk,
        method=method,
        raw_path=path,
        query=query,
        headers=base,
        body=body,
        sdk_date=sdk_date or _date(),
    )
    wire_query = signing.canonical_query(query if sent_query is None else sent_query)
    url = live.url + path + (f"?{wire_query}" if wire_query else "")
    final_headers = {**base, **added, **(sent_headers or {})}
    content = body if sent_body is None else sent_body
    return httpx.request(method, url, headers=final_headers, content=content or b"")


def _refused(response: httpx.Response, code: str = BAD_SIGNATURE) -> dict[str, Any]:
    assert response.status_code == 401, response.text
    document = response.json()
    assert document["error_code"] == code
    return document


def _namespace_body(name: str) -> bytes:
    return json.dumps({"namespace": name}).encode()


# --- AK/SK over raw httpx ------------------------------------------------------------------


def test_signed_request_is_accepted(live_emulator: LiveEmulator) -> None:
    response = send(live_emulator, "GET", NAMESPACES, query=[("filter", "namespace::demo")])
    assert response.status_code == 200
    assert [ns["name"] for ns in response.json()["namespaces"]] == ["demo"]


def test_forged_signature(live_emulator: LiveEmulator) -> None:
    response = send(live_emulator, "GET", NAMESPACES, sk="not-the-secret")
    assert "signature does not match" in _refused(response)["error_msg"]


@pytest.mark.parametrize("skew", [timedelta(minutes=16), -timedelta(minutes=16)])
def test_stale_date(live_emulator: LiveEmulator, skew: timedelta) -> None:
    moment = clock.now() + skew
    response = send(live_emulator, "GET", NAMESPACES, sdk_date=_date(moment))
    assert "clock skew" in _refused(response)["error_msg"]


def test_tampered_body_creates_nothing(live_emulator: LiveEmulator) -> None:
    response = send(
        live_emulator,
        "POST",
        NAMESPACES,
        body=_namespace_body("signed-name"),
        sent_body=_namespace_body("other-name"),
    )
    _refused(response)
    assert "other-name" not in live_emulator.app.state.namespaces
    assert "signed-name" not in live_emulator.app.state.namespaces


def test_tampered_query(live_emulator: LiveEmulator) -> None:
    response = send(
        live_emulator,
        "GET",
        NAMESPACES,
        query=[("namespace", "demo")],
        sent_query=[("namespace", "platform")],
    )
    _refused(response)


def test_unknown_access_key(live_emulator: LiveEmulator) -> None:
    response = send(live_emulator, "GET", NAMESPACES, ak="NOSUCHACCESSKEY00000")
    assert "unknown access key" in _refused(response)["error_msg"]


def test_missing_authorization(live_emulator: LiveEmulator) -> None:
    response = httpx.get(live_emulator.url + NAMESPACES)
    _refused(response, "SVCSTG.S2I.4019000")


def test_project_of_another_tenant(live_emulator: LiveEmulator) -> None:
    response = send(
        live_emulator, "GET", NAMESPACES, headers={"X-Project-Id": seeds.PARTNER_PROJECT_ID}
    )
    assert seeds.PARTNER_PROJECT_ID in _refused(response, "SVCSTG.SWR.4011064")["error_msg"]
    response = send(
        live_emulator, "GET", NAMESPACES, headers={"X-Project-Id": seeds.DEMO_PROJECT_ID}
    )
    assert response.status_code == 200


# --- AK/SK through the official SDK --------------------------------------------------------


def _sdk_refusal(client: Any) -> ClientRequestException:
    with pytest.raises(ClientRequestException) as caught:
        client.list_namespaces(model.ListNamespacesRequest())
    return caught.value


def test_sdk_is_accepted_and_sees_its_tenant(sdk: Any) -> None:
    names = {ns.name for ns in sdk.list_namespaces(model.ListNamespacesRequest()).namespaces}
    assert "demo" in names


@pytest.mark.parametrize(
    ("ak", "sk", "project", "code"),
    [
        (seeds.DEMO_ADMIN_AK, "wrong-secret", seeds.DEMO_PROJECT_ID, BAD_SIGNATURE),
        ("NOSUCHACCESSKEY00000", seeds.DEMO_ADMIN_SK, seeds.DEMO_PROJECT_ID, BAD_SIGNATURE),
        (seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, seeds.PARTNER_PROJECT_ID, "SVCSTG.SWR.4011064"),
    ],
    ids=["wrong-sk", "unknown-ak", "other-project"],
)
def test_sdk_refusals(
    live_emulator: LiveEmulator, ak: str, sk: str, project: str, code: str
) -> None:
    refusal = _sdk_refusal(make_sdk_client(live_emulator.url, ak=ak, sk=sk, project_id=project))
    assert (refusal.status_code, refusal.error_code) == (401, code)


def test_sdk_with_stale_preset_date(live_emulator: LiveEmulator) -> None:
    client = make_sdk_client(live_emulator.url)
    client.preset_headers = {"X-Sdk-Date": _date(clock.now() - timedelta(hours=1))}
    refusal = _sdk_refusal(client)
    assert (refusal.status_code, refusal.error_code) == (401, BAD_SIGNATURE)


# --- temporary credentials (X-Security-Token) ---------------------------------------------


@pytest.fixture
def temporary_user(live_emulator: LiveEmulator) -> User:
    domain = live_emulator.app.state.domains[seeds.DEMO_DOMAIN_ID]
    user = User(
        "u-temp-0009",
        seeds.DEMO_ADMIN_NAME,
        domain.id,
        TEMP_AK,
        TEMP_SK,
        "",
        is_admin=True,
        security_token=TEMP_TOKEN,
    )
    domain.users[user.id] = user
    return user


def _temporary_sdk(live: LiveEmulator, token: str | None) -> Any:
    return make_sdk_client(live.url, ak=TEMP_AK, sk=TEMP_SK, security_token=token)


def test_sdk_with_security_token_is_accepted(
    live_emulator: LiveEmulator, temporary_user: User
) -> None:
    client = _temporary_sdk(live_emulator, TEMP_TOKEN)
    names = {ns.name for ns in client.list_namespaces(model.ListNamespacesRequest()).namespaces}
    assert "demo" in names


@pytest.mark.parametrize("token", [None, "some-other-token"], ids=["missing", "wrong"])
def test_temporary_key_needs_its_own_token(
    live_emulator: LiveEmulator, temporary_user: User, token: str | None
) -> None:
    refusal = _sdk_refusal(_temporary_sdk(live_emulator, token))
    assert (refusal.status_code, refusal.error_code) == (401, BAD_SIGNATURE)
    assert "security token" in refusal.error_msg


def test_permanent_key_with_a_security_token_is_refused(live_emulator: LiveEmulator) -> None:
    client = make_sdk_client(live_emulator.url, security_token=TEMP_TOKEN)
    refusal = _sdk_refusal(client)
    assert (refusal.status_code, refusal.error_code) == (401, BAD_SIGNATURE)
    assert "permanent access key" in refusal.error_msg


def test_unsigned_security_token_is_refused(
    live_emulator: LiveEmulator, temporary_user: User
) -> None:
    response = send(
        live_emulator,
        "GET",
        NAMESPACES,
        ak=TEMP_AK,
        sk=TEMP_SK,
        sent_headers={"X-Security-Token": TEMP_TOKEN},
    )
    assert "must be signed" in _refused(response)["error_msg"]
    response = send(
        live_emulator,
        "GET",
        NAMESPACES,
        ak=TEMP_AK,
        sk=TEMP_SK,
        headers={"X-Security-Token": TEMP_TOKEN},
    )
    assert response.status_code == 200


# --- IAM tokens -------------------------------------------------------------------------------


def _token_body(
    password: str = seeds.DEMO_ADMIN_PASSWORD, project: str = seeds.DEMO_PROJECT_NAME
) -> dict[str, Any]:
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": seeds.DEMO_ADMIN_NAME,
                        "password": password,
                        "domain": {"name": seeds.DEMO_DOMAIN_NAME},
                    }
                },
            },
            "scope": {"project": {"name": project}},
        }
    }


def _issue(live: LiveEmulator, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(live.url + "/v3/auth/tokens", json=body)


def test_token_is_issued_and_works(live_emulator: LiveEmulator) -> None:
    issued = _issue(live_emulator, _token_body())
    assert issued.status_code == 201
    token = issued.headers["X-Subject-Token"]
    document = issued.json()["token"]
    assert document["user"]["name"] == seeds.DEMO_ADMIN_NAME
    assert document["project"]["id"] == seeds.DEMO_PROJECT_ID
    assert document["methods"] == ["password"]
    expires = datetime.strptime(document["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
    issued_at = datetime.strptime(document["issued_at"], "%Y-%m-%dT%H:%M:%SZ")
    assert expires - issued_at == timedelta(hours=24)
    response = httpx.get(live_emulator.url + NAMESPACES, headers={"X-Auth-Token": token})
    assert response.status_code == 200
    assert "demo" in {ns["name"] for ns in response.json()["namespaces"]}


def test_token_scoped_by_project_id(live_emulator: LiveEmulator) -> None:
    body = _token_body()
    body["auth"]["scope"] = {"project": {"id": seeds.DEMO_PROJECT_ID}}
    assert _issue(live_emulator, body).status_code == 201
    body["auth"]["scope"] = {"project": {"id": seeds.PARTNER_PROJECT_ID}}
    refused = _issue(live_emulator, body)
    assert (refused.status_code, refused.json()["error_code"]) == (400, "IAM.0013")


def test_wrong_password(live_emulator: LiveEmulator) -> None:
    response = _issue(live_emulator, _token_body(password="not-it"))
    assert response.status_code == 401
    assert response.json()["error_code"] == "IAM.0002"
    assert "X-Subject-Token" not in response.headers


def test_malformed_token_request(live_emulator: LiveEmulator) -> None:
    body = _token_body()
    body["auth"]["identity"]["methods"] = ["token"]
    response = _issue(live_emulator, body)
    assert (response.status_code, response.json()["error_code"]) == (400, "IAM.0011")


def test_unknown_token(live_emulator: LiveEmulator) -> None:
    response = httpx.get(live_emulator.url + NAMESPACES, headers={"X-Auth-Token": "MIIEnope"})
    _refused(response, BAD_TOKEN)


def test_expired_token(live_emulator: LiveEmulator) -> None:
    token = _issue(live_emulator, _token_body()).headers["X-Subject-Token"]
    live_emulator.app.state.tokens[token].expires_at = utcnow() - timedelta(seconds=1)
    response = httpx.get(live_emulator.url + NAMESPACES, headers={"X-Auth-Token": token})
    _refused(response, BAD_TOKEN)


def test_token_with_project_of_another_tenant(live_emulator: LiveEmulator) -> None:
    token = _issue(live_emulator, _token_body()).headers["X-Subject-Token"]
    response = httpx.get(
        live_emulator.url + NAMESPACES,
        headers={"X-Auth-Token": token, "X-Project-Id": seeds.PARTNER_PROJECT_ID},
    )
    _refused(response, "SVCSTG.SWR.4011064")


def test_official_iam_sdk_gets_a_token(live_emulator: LiveEmulator) -> None:
    from huaweicloudsdkcore.auth.credentials import GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkiam.v3 import IamClient
    from huaweicloudsdkiam.v3 import model as iam

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (
        IamClient.new_builder()
        .with_http_config(config)
        .with_credentials(
            GlobalCredentials(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, seeds.DEMO_DOMAIN_ID)
        )
        .with_endpoints([live_emulator.url])
        .build()
    )
    user = iam.PwdPasswordUser(
        domain=iam.PwdPasswordUserDomain(name=seeds.DEMO_DOMAIN_NAME),
        name=seeds.DEMO_ADMIN_NAME,
        password=seeds.DEMO_ADMIN_PASSWORD,
    )
    auth = iam.PwdAuth(
        identity=iam.PwdIdentity(methods=["password"], password=iam.PwdPassword(user=user)),
        scope=iam.AuthScope(project=iam.AuthScopeProject(name=seeds.DEMO_PROJECT_NAME)),
    )
    request = iam.KeystoneCreateUserTokenByPasswordRequest(
        body=iam.KeystoneCreateUserTokenByPasswordRequestBody(auth=auth)
    )
    response = client.keystone_create_user_token_by_password(request)
    assert response.x_subject_token in live_emulator.app.state.tokens
    assert response.token.user.name == seeds.DEMO_ADMIN_NAME
    assert response.token.user.domain.id == seeds.DEMO_DOMAIN_ID
    assert response.token.project.id == seeds.DEMO_PROJECT_ID
    assert response.token.methods == ["password"]
    assert [role.name for role in response.token.roles] == ["te_admin"]

    user.password = "wrong-password"
    with pytest.raises(ClientRequestException) as caught:
        client.keystone_create_user_token_by_password(request)
    assert (caught.value.status_code, caught.value.error_code) == (401, "IAM.0002")
