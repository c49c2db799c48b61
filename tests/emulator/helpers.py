"""Shared helpers for the emulator's conformance tests.

Users are named by alias (``admin``, ``alice``, ``bob``, ``partner``) or by their emulated
name, and their keys are read from the live state so they follow the seed. Organizations,
repositories, tags and grants go straight into the live state, so a test does not depend on
the handlers it is not about; images can also arrive through the ``/_emulator/push`` control
endpoint. ``refused`` checks an SDK failure, ``token_for`` and ``get_with_token`` make plain
httpx calls that show the raw wire document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.backend import images
from swrtui.emulator.state import seeds
from swrtui.emulator.state.store import (
    AUTH_VIEW,
    Domain,
    EmulatorState,
    Namespace,
    Permission,
    Repository,
    User,
    add_namespace,
    add_repository,
    utcnow,
)
from tests.conftest import LiveEmulator, make_sdk_client

# The seeded users every tenant-aware test talks about.
ADMIN, ALICE, BOB, PARTNER_ADMIN = "swr-admin", "dev-alice", "ops-bob", "partner-admin"
ADMIN_ID, ALICE_ID, BOB_ID = "u-admin-0001", "u-dev-0002", "u-ops-0003"
ALIASES = {"admin": ADMIN, "alice": ALICE, "bob": BOB, "partner": PARTNER_ADMIN}

# When repositories made by add_repo were created, and when tags given by name were pushed.
WHEN = datetime(2026, 2, 1, tzinfo=timezone.utc)

CLUSTER_ID = "5b28c12f-dc10-11e9-97b3-0255ac1001b5"


# --- users and clients ------------------------------------------------------------------------


def user(state: EmulatorState, who: str) -> User:
    """The emulated user with alias or name ``who``."""
    name = ALIASES.get(who, who)
    return next(u for u in state.all_users().values() if u.name == name)


def demo_domain(live: LiveEmulator) -> Domain:
    return live.app.state.domains[seeds.DEMO_DOMAIN_ID]


def client_as(live: LiveEmulator, who: str, project_id: str | None = None) -> Any:
    """The official SDK client signed with ``who``'s keys, scoped to its own project by default."""
    state = live.app.state
    signer = user(state, who)
    project = project_id or state.domains[signer.domain_id].project_id
    return make_sdk_client(live.url, ak=signer.access_key, sk=signer.secret_key, project_id=project)


def token_for(live: LiveEmulator, who: str = "admin") -> str:
    """An IAM token for ``who``, from the emulator's ``POST /v3/auth/tokens``."""
    signer = user(live.app.state, who)
    domain = live.app.state.domains[signer.domain_id]
    password = {"name": signer.name, "password": signer.password, "domain": {"name": domain.name}}
    body = {
        "auth": {
            "identity": {"methods": ["password"], "password": {"user": password}},
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


def refused(call: Callable[[], Any], status: int, code: str) -> None:
    """``call`` fails through the SDK with this HTTP status and service error code."""
    with pytest.raises(ClientRequestException) as caught:
        call()
    assert (caught.value.status_code, caught.value.error_code) == (status, code)


# --- organizations and grants -----------------------------------------------------------------


def start_empty(live: LiveEmulator, *orgs: str, partner_orgs: tuple[str, ...] = ()) -> None:
    """Reset to the empty seed, then add organizations owned by each tenant's admin."""
    live.reset("empty")
    for name in orgs:
        add_org(live, name, seeds.DEMO_DOMAIN_ID)
    for name in partner_orgs:
        add_org(live, name, seeds.PARTNER_DOMAIN_ID)


def add_org(live: LiveEmulator, name: str, domain_id: str) -> Namespace:
    """An organization created now by the admin of ``domain_id``."""
    state = live.app.state
    admin = next(u for u in state.domains[domain_id].users.values() if u.is_admin)
    return add_namespace(state, name, admin, utcnow())


def grant_org(live: LiveEmulator, org: str, who: str, auth: int = AUTH_VIEW) -> None:
    grantee = user(live.app.state, who)
    live.app.state.namespaces[org].permissions[grantee.id] = Permission(
        grantee.id, grantee.name, auth
    )


def grant_repo(live: LiveEmulator, org: str, repo: str, who: str, auth: int) -> None:
    grantee = user(live.app.state, who)
    target = live.app.state.namespaces[org].repos[repo]
    target.permissions[grantee.id] = Permission(grantee.id, grantee.name, auth)


# --- repositories and images ------------------------------------------------------------------


def add_repo(
    state: EmulatorState,
    org: str,
    name: str,
    tags: Iterable[str] | Mapping[str, datetime] = (),
    creator_id: str | None = None,
) -> Repository:
    """A private repository in an existing organization, with one synthetic image per tag.

    ``tags`` are names pushed at :data:`WHEN` or ``{tag: pushed_at}``; the repository dates
    from its oldest push (or :data:`WHEN`). ``creator_id`` defaults to the organization's
    creator.
    """
    ns = state.namespaces[org]
    assert name not in ns.repos, f"{org}/{name} is already in the seed"
    pushed = dict(tags) if isinstance(tags, Mapping) else dict.fromkeys(tags, WHEN)
    creator = state.domains[ns.domain_id].users[creator_id or ns.creator_id]
    repo = add_repository(state, ns, name, min([WHEN, *pushed.values()]), creator)
    push_tags(state, org, repo, pushed)
    return repo


def push_tags(
    state: EmulatorState, org: str, repo: Repository, pushed: Mapping[str, datetime]
) -> None:
    """Push one synthetic 4 KiB image per tag of ``pushed`` at its time."""
    ns = state.namespaces[org]
    for tag, when in pushed.items():
        images.push(state, ns, repo, tag, content_key=f"{repo.name}:{tag}", size=4096, when=when)


def push(live: LiveEmulator, namespace: str, repository: str, tag: str, **extra: Any) -> Any:
    """Push through the control endpoint; returns the decoded answer (raises on failure)."""
    response = push_raw(live, namespace=namespace, repository=repository, tag=tag, **extra)
    response.raise_for_status()
    return response.json()


def push_raw(live: LiveEmulator, **body: Any) -> httpx.Response:
    return httpx.post(f"{live.url}/_emulator/push", json=body, timeout=10)


# --- triggers ---------------------------------------------------------------------------------


def trigger_body(**overrides: Any) -> Any:
    """A trigger deploying every new tag to a CCE cluster; an override of ``None`` leaves out."""
    fields = {
        "action": "update",
        "app_type": "deployments",
        "application": "web-api",
        "cluster_id": CLUSTER_ID,
        "cluster_name": "prod-cluster",
        "cluster_ns": "default",
        "condition": ".*",
        "container": "",
        "enable": "true",
        "name": "deploy-all",
        "trigger_mode": "cce",
        "trigger_type": "all",
    }
    fields.update(overrides)
    return model.CreateTriggerRequestBody(**fields)


def cci_trigger_body(name: str) -> Any:
    """The smallest valid trigger, a CCI one with no cluster: for tests about who may create it."""
    no_cluster = {"cluster_id": None, "cluster_name": None, "container": None}
    return trigger_body(name=name, application="app", trigger_mode="cci", **no_cluster)
