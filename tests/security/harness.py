"""Sending catalog requests to an in-process emulator as a chosen caller.

``Caller`` objects are httpx auth flows: the demo admin, dev-alice, the partner tenant's
admin, and the broken ones the authentication tests need (stale date, wrong secret, a
flipped signature digit, an unknown key).
"""

from __future__ import annotations

import json
from collections.abc import Generator
from datetime import timedelta
from typing import Any

import httpx

from swrtui import clock, signing
from swrtui.client import AkSkAuth
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds
from swrtui.emulator.state.snapshot import to_document
from swrtui.emulator.state.store import EmulatorState
from tests.security.catalog import ALICE, ENDPOINT, PARTNER_ADMIN, Sample, fresh_state, path_of

ADMIN = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
ALICE_AUTH = AkSkAuth(ALICE[2], ALICE[3], project_id=seeds.DEMO_PROJECT_ID)
PARTNER = AkSkAuth(*PARTNER_ADMIN, project_id=seeds.PARTNER_PROJECT_ID)


class StaleAuth(httpx.Auth):
    """Signs correctly, but with a date ``age`` in the past (a replayed request)."""

    def __init__(self, inner: AkSkAuth, age: timedelta) -> None:
        self.inner, self.age = inner, age

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        moment = clock.now() - self.age
        self.inner.sign(request, sdk_date=signing.format_sdk_date(moment))
        yield request


class FlippedSignatureAuth(httpx.Auth):
    """A valid signature with its last hex digit changed (a forged or tampered request)."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        ADMIN.sign(request)
        value = request.headers["Authorization"]
        last = "0" if value[-1] != "0" else "1"
        request.headers["Authorization"] = value[:-1] + last
        yield request


class NoAuth(httpx.Auth):
    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        yield request


class BogusTokenAuth(httpx.Auth):
    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Auth-Token"] = "MIIE" + "A" * 64
        yield request


def app_for(sample: Sample, state: EmulatorState | None = None) -> EmulatorApp:
    state = state or fresh_state()
    if sample.prepare is not None:
        sample.prepare(state)
    return create_app(state=state)


def snapshot(app: EmulatorApp) -> dict[str, Any]:
    document = to_document(app.state, include_secrets=True)
    # Issued tokens are not resources; everything else must be untouched by a refusal.
    document["state"].pop("tokens")
    return document


async def send(
    app: EmulatorApp,
    method: str,
    template: str,
    sample: Sample,
    auth: httpx.Auth,
    **overrides: Any,
) -> httpx.Response:
    """One request of the catalog; ``overrides`` replace its params, query or body."""
    params = overrides.get("params", sample.params)
    query = overrides.get("query", sample.query)
    body = overrides.get("body", sample.body)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url=ENDPOINT, auth=auth
    ) as client:
        return await client.request(
            method,
            path_of(template, params),
            params=query,
            # json.dumps, not httpx's json=: fuzzed bodies may carry NaN and Infinity.
            content=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
