"""Unsigned, forged, tampered, replayed (stale) and bogus-token requests: refused everywhere.

Every authenticated route of the emulator gets its catalog request (valid for the demo
admin) sent with broken credentials; each must be a 401 with the service's error code and
leave the state exactly as it was. The only routes that answer without credentials are the
API version list and the control API's push, and this test fails if that set changes.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from swrtui.client import AkSkAuth
from swrtui.emulator.handlers import all_routes
from swrtui.emulator.state import seeds
from tests.security.catalog import catalog
from tests.security.harness import (
    ADMIN,
    BogusTokenAuth,
    FlippedSignatureAuth,
    NoAuth,
    StaleAuth,
    app_for,
    send,
    snapshot,
)

pytestmark = pytest.mark.security

ROUTES = [(r.method, r.template) for r in all_routes() if r.authenticated]
PUBLIC = {(r.method, r.template) for r in all_routes() if not r.authenticated}

# kind -> (auth flow, error code the emulator must answer with)
BROKEN: dict[str, tuple[httpx.Auth, str]] = {
    "unsigned": (NoAuth(), "SVCSTG.S2I.4019000"),
    "wrong-secret": (
        AkSkAuth(seeds.DEMO_ADMIN_AK, "not-the-secret-key", project_id=seeds.DEMO_PROJECT_ID),
        "APIGW.0301",
    ),
    "unknown-key": (AkSkAuth("NOSUCHACCESSKEY00000", "whatever"), "APIGW.0301"),
    "flipped-signature": (FlippedSignatureAuth(), "APIGW.0301"),
    "stale-16-min": (StaleAuth(ADMIN, timedelta(minutes=16)), "APIGW.0301"),
    "future-16-min": (StaleAuth(ADMIN, timedelta(minutes=-16)), "APIGW.0301"),
    "bogus-token": (BogusTokenAuth(), "SVCSTG.SWR.4010000"),
}


def test_only_the_version_list_and_push_are_public() -> None:
    assert {("GET", "/"), ("POST", "/_emulator/push")} == PUBLIC


def test_the_catalog_covers_every_route() -> None:
    assert set(catalog()) == {(r.method, r.template) for r in all_routes()}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
async def test_broken_credentials_are_refused(route: tuple[str, str]) -> None:
    method, template = route
    sample = catalog()[route]
    for kind, (auth, code) in BROKEN.items():
        app = app_for(sample)
        before = snapshot(app)
        response = await send(app, method, template, sample, auth)
        assert response.status_code == 401, (kind, response.text)
        assert response.json()["error_code"] == code, kind
        assert snapshot(app) == before, kind
    # The same request, properly signed, is accepted: the refusals above are about auth.
    app = app_for(sample)
    response = await send(app, method, template, sample, ADMIN)
    assert response.is_success, response.text


async def test_a_signature_inside_the_skew_window_is_accepted() -> None:
    route = ("GET", "/v2/manage/namespaces")
    sample = catalog()[route]
    response = await send(app_for(sample), *route, sample, StaleAuth(ADMIN, timedelta(minutes=14)))
    assert response.status_code == 200


async def test_a_signed_request_replayed_with_another_body_is_refused() -> None:
    """The signature covers the body: swapping it after signing is a forgery."""
    route = ("POST", "/v2/manage/namespaces")
    app = app_for(catalog()[route])
    before = snapshot(app)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="https://swr-api.cn-north-4.myhuaweicloud.com"
    ) as client:
        json_type = {"Content-Type": "application/json"}
        request = client.build_request(
            "POST", route[1], json={"namespace": "harmless"}, headers=json_type
        )
        ADMIN.sign(request)
        forged = client.build_request(
            "POST", route[1], content=b'{"namespace": "evil"}', headers=dict(request.headers)
        )
        forged.headers["Content-Length"] = str(len(b'{"namespace": "evil"}'))
        response = await client.send(forged)
    assert response.status_code == 401
    assert response.json()["error_code"] == "APIGW.0301"
    assert snapshot(app) == before
