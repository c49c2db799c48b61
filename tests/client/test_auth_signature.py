"""AkSkAuth produces exactly the official signer's headers, and puts the signed URL on the wire.

Each case makes a real client call over an ``httpx.MockTransport`` that records the request,
then signs the same request independently with ``huaweicloudsdkcore``'s ``Signer`` using the
recorded ``X-Sdk-Date``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from swrtui.client import AkSkAuth, SwrClient

AK, SK, PROJECT = "HPUABCDEFGHIJKLMNOPQ", "sk0123456789abcdefghijklmnopqrstuvwxyzAB", "proj0001"
ENDPOINT = "http://127.0.0.1:8080"


class Case:
    def __init__(
        self,
        call: Callable[[SwrClient], Awaitable[Any]],
        method: str,
        template: str,
        path_params: dict[str, str],
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> None:
        self.call, self.method, self.template = call, method, template
        self.path_params, self.query, self.body = path_params, query or [], body

    def resource_path(self) -> str:
        # As Client.build_future_request fills path templates.
        return self.template.format(
            **{k: quote(str(v), safe="") for k, v in self.path_params.items()}
        )


CASES = {
    "list_query": Case(
        lambda c: c.repositories.list("group", "app/web x", is_public=True, limit=10, offset=0),
        "GET",
        "/v2/manage/repos",
        {},
        [
            ("namespace", "group"),
            ("name", "app$web x"),
            ("filter", "is_public::true"),
            ("limit", "10"),
            ("offset", "0"),
        ],
    ),
    "nested_delete": Case(
        lambda c: c.tags.delete("group", "tools/ci-runner", "v1.0_rc-1"),
        "DELETE",
        "/v2/manage/namespaces/{namespace}/repos/{repository}/tags/{tag}",
        {"namespace": "group", "repository": "tools$ci-runner", "tag": "v1.0_rc-1"},
    ),
    "post_body": Case(
        lambda c: c.repositories.create("group", "a/b", category="linux", description="ü x"),
        "POST",
        "/v2/manage/namespaces/{namespace}/repos",
        {"namespace": "group"},
        body={"repository": "a$b", "is_public": False, "category": "linux", "description": "ü x"},
    ),
    "root": Case(lambda c: c.api_versions.list(), "GET", "/", {}),
}


def _answer(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/":
        return httpx.Response(200, json={"versions": []})
    return httpx.Response(200, json=[])


def official(case: Case, sent: httpx.Request, security_token: str | None) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": sent.headers["User-Agent"],
        "X-Project-Id": PROJECT,
        "X-Sdk-Date": sent.headers["X-Sdk-Date"],
    }
    if security_token:
        headers["X-Security-Token"] = security_token
    request = SdkRequest(
        method=case.method,
        schema="http",
        host="127.0.0.1:8080",
        resource_path=case.resource_path(),
        query_params=list(case.query),
        header_params=headers,
        body=json.dumps(case.body) if case.body is not None else None,
    )
    Signer(BasicCredentials(AK, SK)).sign(request)
    return {"Authorization": request.header_params["Authorization"], "uri": request.uri}


@pytest.mark.parametrize("token", [None, "temporary-security-token"])
@pytest.mark.parametrize("name", sorted(CASES))
async def test_signature_matches_official_signer(name: str, token: str | None) -> None:
    case = CASES[name]
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return _answer(request)

    auth = AkSkAuth(AK, SK, security_token=token, project_id=PROJECT)
    async with SwrClient(ENDPOINT, auth=auth, transport=httpx.MockTransport(record)) as client:
        await case.call(client)
    (request,) = sent
    expected = official(case, request, token)
    assert request.headers["Authorization"] == expected["Authorization"]
    # The path and query on the wire are the ones the SDK sends (and that were signed).
    assert request.url.raw_path.decode() == expected["uri"]
    if case.body is not None:
        assert request.content == json.dumps(case.body).encode()
    assert ("X-Security-Token" in request.headers) == bool(token)


def test_reprs_hide_secrets() -> None:
    from swrtui.client import PasswordTokenAuth, TokenAuth

    shown = [
        repr(AkSkAuth(AK, SK, security_token="tok-secret")),
        str(AkSkAuth(AK, SK)),
        repr(TokenAuth("MIIE-token-secret")),
        repr(PasswordTokenAuth("https://iam", "dom", "me", "pa55word", project_name="p")),
        f"{AkSkAuth(AK, SK).sk}",
    ]
    for text in shown:
        for secret in (SK, "tok-secret", "MIIE-token-secret", "pa55word"):
            assert secret not in text
    assert AK in shown[0]
