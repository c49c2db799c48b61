"""Cross-tenant requests: the partner tenant's admin cannot reach the demo tenant's resources.

Every route that names an organization or repository is called by ``partner-admin`` with
the demo tenant's real names (``sec-org``, ``team/app``, its tag, trigger, policy, share):
each must be refused (404, as for a missing organization) with the state untouched, while
the demo admin's identical request succeeds. The share to ``partner-account`` is expired
for these requests; a separate test shows a valid share opens exactly reading. Routes
without such names must answer about the caller's own tenant only: nothing of ``sec-org``
may appear in any answer, and naming the demo tenant's project is a cross-account error.
"""

from __future__ import annotations

from typing import Any

import pytest

from swrtui.emulator.handlers import all_routes
from swrtui.emulator.state import seeds
from tests.security.catalog import (
    EMPTY_ORG,
    ORG,
    PARTNER,
    PUBLIC,
    REPO,
    TENANT,
    catalog,
    fresh_state,
    requirement,
)
from tests.security.harness import ADMIN, app_for, send, snapshot
from tests.security.harness import PARTNER as PARTNER_AUTH

pytestmark = pytest.mark.security

ROUTES = [(r.method, r.template) for r in all_routes()]
SCOPED = [r for r in ROUTES if requirement(*r) not in (TENANT, PUBLIC)]
TENANT_WIDE = [r for r in ROUTES if requirement(*r) == TENANT]

# Tenant-wide routes, as the partner would aim them at the demo tenant: (overrides, status).
AIMED: dict[tuple[str, str], tuple[dict[str, Any], int]] = {
    ("POST", "/v2/manage/namespaces"): ({"body": {"namespace": ORG}}, 409),
    ("GET", "/v2/manage/projects/{project_id}/quotas"): ({}, 401),
    ("GET", "/v2/manage/projects/{project_id}/feature-gates"): ({}, 401),
    ("POST", "/v2/manage/utils/secret"): ({"query": {"projectname": seeds.DEMO_PROJECT_ID}}, 400),
}


def _expired_share_state() -> Any:
    state = fresh_state()
    state.namespaces[ORG].repos[REPO].access_domains[PARTNER].deadline = "2020-01-01T00:00:00Z"
    return state


@pytest.mark.parametrize("route", SCOPED, ids=lambda r: f"{r[0]} {r[1]}")
async def test_other_tenants_resources_are_invisible(route: tuple[str, str]) -> None:
    sample = catalog()[route]
    app = app_for(sample, _expired_share_state())
    before = snapshot(app)
    response = await send(app, *route, sample, PARTNER_AUTH)
    assert response.status_code == 404, response.text
    assert response.json()["error_code"] == "SVCSTG.SWR.4040058"  # organization not found
    assert snapshot(app) == before
    assert (await send(app_for(sample), *route, sample, ADMIN)).is_success


@pytest.mark.parametrize("route", TENANT_WIDE, ids=lambda r: f"{r[0]} {r[1]}")
async def test_tenant_wide_routes_answer_about_the_callers_tenant_only(
    route: tuple[str, str],
) -> None:
    sample = catalog()[route]
    overrides, status = AIMED.get(route, ({}, 200))
    app = app_for(sample, _expired_share_state())
    before = snapshot(app)
    response = await send(app, *route, sample, PARTNER_AUTH, **overrides)
    assert response.status_code // 100 == status // 100, response.text
    for name in (ORG, EMPTY_ORG, REPO, seeds.DEMO_DOMAIN_NAME):
        assert name not in response.text or status >= 400
    if status >= 400:
        assert response.status_code == status
        assert snapshot(app) == before


async def test_overview_counts_only_the_callers_tenant() -> None:
    route = ("GET", "/v2/manage/overview")
    response = await send(app_for(catalog()[route]), *route, catalog()[route], PARTNER_AUTH)
    document = response.json()
    assert document["domain_name"] == PARTNER
    assert (document["namespace_num"], document["repo_num"], document["image_num"]) == (0, 0, 0)


async def test_a_valid_share_opens_reading_and_nothing_else() -> None:
    shared_reads = {
        ("GET", "/v2/manage/namespaces/{namespace}/repos/{repository}"),
        ("GET", "/v2/manage/namespaces/{namespace}/repos/{repository}/tags"),
        ("GET", "/v2/manage/namespaces/{namespace}/repos/{repository}/tags/{tag}"),
        ("GET", "/v3/manage/namespaces/{namespace}/repos/{repository}/tags"),
    }
    allowed = set()
    for route in SCOPED:
        sample = catalog()[route]
        app = app_for(sample)  # the share to partner-account is valid (forever) here
        before = snapshot(app)
        response = await send(app, *route, sample, PARTNER_AUTH)
        if response.is_success:
            allowed.add(route)
        else:
            assert response.status_code in (403, 404), response.text
            assert snapshot(app) == before
    assert allowed == shared_reads
