"""client.quotas against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import AuthError, MissingProjectId, SwrClient
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.state import seeds


async def test_namespace_quota_counts_the_tenants_organizations(
    swr: SwrClient, app: EmulatorApp
) -> None:
    tenant = app.state.domains[seeds.DEMO_DOMAIN_ID]
    owned = len(app.state.namespaces_of(tenant.id))
    [quota] = await swr.quotas.list()
    assert (quota.key, quota.limit, quota.used, quota.unit) == (
        "namespace",
        tenant.namespace_quota,
        owned,
        "",
    )
    assert quota.remaining == tenant.namespace_quota - owned
    await swr.organizations.create("quota-probe")
    [after] = await swr.quotas.list()
    assert after.used == owned + 1


async def test_another_project_is_refused(swr: SwrClient) -> None:
    swr.project_id = seeds.PARTNER_PROJECT_ID
    with pytest.raises(AuthError) as refused:
        await swr.quotas.list()
    assert (refused.value.status, refused.value.error_code) == (401, "SVCSTG.SWR.4011064")


async def test_no_project_id_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    swr.project_id = None
    sent = app.faults.stats.requests
    with pytest.raises(MissingProjectId, match=r"needs the project ID.*SwrClient\(project_id="):
        await swr.quotas.list()
    assert app.faults.stats.requests == sent
