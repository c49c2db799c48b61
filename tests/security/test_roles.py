"""Roles 1/3/7 on every route that names an organization or repository.

dev-alice holds one grant at a time, set directly in the state: none, view/edit/manage on the
organization, or view/edit/manage on the repository only. For each route the expected answer
follows from :func:`~tests.security.catalog.requirement` (the handlers' rules): allowed →
2xx; refused → 403 when alice can see the resource, 404 when she cannot (the service hides
what a caller has no role on), and a refusal changes nothing.
"""

from __future__ import annotations

import pytest

from swrtui.emulator.handlers import all_routes
from swrtui.emulator.state.store import Permission
from tests.security.catalog import (
    ALICE,
    MANAGE,
    ORG,
    PUBLIC,
    REPO,
    TENANT,
    Sample,
    catalog,
    fresh_state,
    requirement,
)
from tests.security.harness import ALICE_AUTH, app_for, send, snapshot

pytestmark = pytest.mark.security

ROUTES = [(r.method, r.template) for r in all_routes()]
SCOPED = [r for r in ROUTES if requirement(*r) not in (TENANT, PUBLIC)]
GRANTS = [(None, 0), ("org", 1), ("org", 3), ("org", 7), ("repo", 1), ("repo", 3), ("repo", 7)]


def expected_status(need: tuple, grant: tuple[str | None, int], sample: Sample) -> int | None:
    """``None`` when alice may do it, else the status of the refusal."""
    scope, level = grant
    # A repository grant exists only on sec-org/team/app; other organizations stay unseen.
    repo_grant = level if scope == "repo" and sample.org == ORG else 0
    org_auth = level if scope == "org" else 0
    repo_auth = max(org_auth, repo_grant)
    if need == MANAGE:
        allowed = org_auth >= 3 or repo_auth >= 7
    else:
        allowed = (org_auth if need[0] == "org" else repo_auth) >= need[1]
    if allowed:
        return None
    if need[0] == "org":
        return 403 if org_auth or repo_grant else 404
    return 403 if repo_auth else 404


def _granted(sample: Sample, grant: tuple[str | None, int]):
    state = fresh_state()
    scope, level = grant
    user_id, user_name = ALICE[0], ALICE[1]
    if scope == "org":
        state.namespaces[sample.org].permissions[user_id] = Permission(user_id, user_name, level)
    elif scope == "repo":
        repo = state.namespaces[ORG].repos[REPO]
        repo.permissions[user_id] = Permission(user_id, user_name, level)
    return state


def test_the_rules_refuse_one_step_below_and_allow_at_the_level() -> None:
    """The table itself: view is refused edits, edit is refused manage-only operations."""
    repo_sample = catalog()[("DELETE", "/v2/manage/namespaces/{namespace}/repos/{repository}")]
    assert expected_status(("repo", 3), ("repo", 1), repo_sample) == 403
    assert expected_status(("repo", 3), ("repo", 3), repo_sample) is None
    assert expected_status(MANAGE, ("repo", 3), repo_sample) == 403
    assert expected_status(MANAGE, ("repo", 7), repo_sample) is None
    assert expected_status(MANAGE, ("org", 3), repo_sample) is None
    assert expected_status(("org", 7), ("org", 3), repo_sample) == 403


@pytest.mark.parametrize("route", SCOPED, ids=lambda r: f"{r[0]} {r[1]}")
async def test_roles_are_enforced(route: tuple[str, str]) -> None:
    sample, need = catalog()[route], requirement(*route)
    outcomes = {}
    for grant in GRANTS:
        app = app_for(sample, _granted(sample, grant))
        before = snapshot(app)
        response = await send(app, *route, sample, ALICE_AUTH)
        wanted = expected_status(need, grant, sample)
        outcomes[grant] = response.status_code
        if wanted is None:
            assert response.is_success, (grant, response.text)
        else:
            assert response.status_code == wanted, (grant, response.text)
            assert snapshot(app) == before, grant
    # Every scoped route is refused to someone and allowed to someone.
    assert any(status < 300 for status in outcomes.values()), outcomes
    assert any(status in (403, 404) for status in outcomes.values()), outcomes


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if requirement(*r) == TENANT], ids=lambda r: f"{r[0]} {r[1]}"
)
async def test_tenant_wide_routes_need_no_role(route: tuple[str, str]) -> None:
    sample = catalog()[route]
    response = await send(app_for(sample), *route, sample, ALICE_AUTH)
    assert response.is_success, response.text
