"""Helpers for the repository, tag, shared-account and push conformance tests.

The tests start from the ``empty`` seed (tenants and users only) so that what they list is
exactly what they set up: organizations go straight into the live state, images arrive
through the ``/_emulator/push`` control endpoint, and SDK clients for any emulated user are
built from that user's own keys in the state.
"""

from __future__ import annotations

from typing import Any

import httpx

from swrtui.emulator import seeds
from swrtui.emulator.store import AUTH_VIEW, Namespace, Permission, utcnow
from tests.conftest import LiveEmulator, make_sdk_client

ALICE = "dev-alice"
BOB = "ops-bob"
PARTNER_ADMIN = "partner-admin"


def start_empty(live: LiveEmulator, *orgs: str, partner_orgs: tuple[str, ...] = ()) -> None:
    """Reset to the empty seed, then add organizations owned by each tenant's admin."""
    live.reset("empty")
    for name in orgs:
        add_org(live, name, seeds.DEMO_DOMAIN_ID)
    for name in partner_orgs:
        add_org(live, name, seeds.PARTNER_DOMAIN_ID)


def add_org(live: LiveEmulator, name: str, domain_id: str) -> Namespace:
    state = live.app.state
    admin = next(u for u in state.domains[domain_id].users.values() if u.is_admin)
    ns = Namespace(
        id=state.next_id(),
        name=name,
        domain_id=domain_id,
        creator_id=admin.id,
        creator_name=admin.name,
        created=utcnow(),
    )
    state.namespaces[name] = ns
    return ns


def client_as(live: LiveEmulator, user_name: str) -> Any:
    """The official SDK client signed with the keys of the emulated user ``user_name``."""
    state = live.app.state
    user = next(u for u in state.all_users().values() if u.name == user_name)
    project = state.domains[user.domain_id].project_id
    return make_sdk_client(live.url, ak=user.access_key, sk=user.secret_key, project_id=project)


def grant_org(live: LiveEmulator, org: str, user_name: str, auth: int = AUTH_VIEW) -> None:
    ns = live.app.state.namespaces[org]
    user = next(u for u in live.app.state.all_users().values() if u.name == user_name)
    ns.permissions[user.id] = Permission(user.id, user.name, auth)


def grant_repo(live: LiveEmulator, org: str, repo: str, user_name: str, auth: int) -> None:
    target = live.app.state.namespaces[org].repos[repo]
    user = next(u for u in live.app.state.all_users().values() if u.name == user_name)
    target.permissions[user.id] = Permission(user.id, user.name, auth)


def push(live: LiveEmulator, namespace: str, repository: str, tag: str, **extra: Any) -> Any:
    """Push through the control endpoint; returns the decoded answer (raises on failure)."""
    response = push_raw(live, namespace=namespace, repository=repository, tag=tag, **extra)
    response.raise_for_status()
    return response.json()


def push_raw(live: LiveEmulator, **body: Any) -> httpx.Response:
    return httpx.post(f"{live.url}/_emulator/push", json=body, timeout=10)
