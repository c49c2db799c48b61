"""Helpers for the tenant-level conformance tests (retention, login, quotas, reports, versions).

SDK clients for the demo tenant's users (keys read from the live state, so they follow the
seed), an IAM token for plain-httpx calls that must show the raw wire document, and a
repository placed straight into the state with tags pushed at chosen times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from swrtui.emulator import images, seeds
from swrtui.emulator.store import Domain, EmulatorState, Repository, utcnow
from tests.conftest import LiveEmulator, make_sdk_client

DEMO_USERS = {"admin": "u-admin-0001", "alice": "u-dev-0002", "bob": "u-ops-0003"}


def demo_domain(live: LiveEmulator) -> Domain:
    return live.app.state.domains[seeds.DEMO_DOMAIN_ID]


def client_as(live: LiveEmulator, who: str, project_id: str | None = None) -> Any:
    """The official SDK client for a demo user (``admin``, ``alice`` or ``bob``)."""
    domain = demo_domain(live)
    user = domain.users[DEMO_USERS[who]]
    return make_sdk_client(
        live.url,
        ak=user.access_key,
        sk=user.secret_key,
        project_id=project_id or domain.project_id,
    )


def token_for(live: LiveEmulator, who: str = "admin") -> str:
    """An IAM token for a demo user, from the emulator's ``POST /v3/auth/tokens``."""
    domain = demo_domain(live)
    user = domain.users[DEMO_USERS[who]]
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": user.name,
                        "password": user.password,
                        "domain": {"name": domain.name},
                    }
                },
            },
            "scope": {"project": {"id": domain.project_id}},
        }
    }
    response = httpx.post(f"{live.url}/v3/auth/tokens", json=body)
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"]


def get_with_token(live: LiveEmulator, path: str, token: str) -> httpx.Response:
    return httpx.get(
        f"{live.url}{path}",
        headers={"X-Auth-Token": token, "Content-Type": "application/json"},
    )


def add_repo_with_tags(
    state: EmulatorState, namespace: str, name: str, pushed: dict[str, datetime]
) -> Repository:
    """A repository in an existing organization whose tags were last pushed at ``pushed``."""
    ns = state.namespaces[namespace]
    now = utcnow()
    repo = Repository(
        id=state.next_id(),
        ns_id=ns.id,
        name=name,
        category="other",
        description="",
        is_public=False,
        creator_id=ns.creator_id,
        creator_name=ns.creator_name,
        created=min([now, *pushed.values()]),
        updated=min([now, *pushed.values()]),
    )
    ns.repos[name] = repo
    push_tags(state, namespace, repo, pushed)
    return repo


def push_tags(
    state: EmulatorState, namespace: str, repo: Repository, pushed: dict[str, datetime]
) -> None:
    ns = state.namespaces[namespace]
    for tag, when in pushed.items():
        images.push(state, ns, repo, tag, content_key=f"{repo.name}:{tag}", size=4096, when=when)
