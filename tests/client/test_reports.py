"""client.reports against the in-process emulator."""

from __future__ import annotations

from datetime import timedelta

import pytest

from swrtui import clock
from swrtui.client import AuthError, MissingProjectId, SwrClient, ValidationError
from swrtui.client.models.reports import FeatureGates, Overview
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.state import seeds

MB = 1024 * 1024


async def test_overview_is_computed_from_the_tenants_state(
    swr: SwrClient, app: EmulatorApp
) -> None:
    tenant = app.state.domains[seeds.DEMO_DOMAIN_ID]
    namespaces = app.state.namespaces_of(tenant.id)
    repos = [repo for ns in namespaces for repo in ns.repos.values()]
    overview = await swr.reports.overview()
    assert (overview.domain_id, overview.domain_name) == (tenant.id, tenant.name)
    assert overview.namespace_num == len(namespaces)
    assert overview.repo_num == len(repos)
    assert overview.image_num == sum(len(repo.tags) for repo in repos)
    assert overview.downflow_size == pytest.approx(sum(tenant.downflow.values()) / MB, abs=0.01)
    assert overview.store_space > 0


def test_overview_reads_both_spellings_of_the_organization_count() -> None:
    assert Overview.from_api({"namspace_num": 3}).namespace_num == 3
    assert Overview.from_api({"namespace_num": "4", "store_space": None}).namespace_num == 4


async def test_daily_downflow_report(swr: SwrClient, app: EmulatorApp) -> None:
    tenant = app.state.domains[seeds.DEMO_DOMAIN_ID]
    points = await swr.reports.resource_report("downflow", "daily")
    today = clock.now().date()
    assert [p.date for p in points] == [today - timedelta(days=29 - i) for i in range(30)]
    for point in points:
        assert point.date is not None
        expected = tenant.downflow.get(point.date.isoformat(), 0) / MB
        assert point.value == pytest.approx(expected, abs=0.01)


async def test_monthly_store_report_grows_to_the_current_storage(swr: SwrClient) -> None:
    points = await swr.reports.resource_report("store", "monthly")
    assert len(points) == 12 and all(p.date is not None and p.date.day == 1 for p in points)
    values = [p.value for p in points]
    assert values == sorted(values)
    assert points[-1].date == clock.now().date().replace(day=1)
    assert values[-1] == pytest.approx((await swr.reports.overview()).store_space, abs=0.01)


async def test_feature_gates(swr: SwrClient) -> None:
    gates = await swr.reports.feature_gates()
    assert gates.enable_authorization_token and gates.enable_image_sync and gates.enable_list_v3
    assert not gates.enable_image_quota and not gates.enable_pipeline
    assert FeatureGates.from_api({"enable_sm3": True, "unknown": 1}) == FeatureGates(
        enable_sm3=True
    )


async def test_refusals(swr: SwrClient) -> None:
    swr.project_id = seeds.PARTNER_PROJECT_ID
    with pytest.raises(AuthError):
        await swr.reports.feature_gates()
    # The overview and reports are scoped by the credentials, not the path.
    assert (await swr.reports.overview()).domain_id == seeds.DEMO_DOMAIN_ID


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    with pytest.raises(ValidationError, match="invalid resource type 'disk'"):
        await swr.reports.resource_report("disk", "daily")
    with pytest.raises(ValidationError, match="invalid frequency 'hourly'"):
        await swr.reports.resource_report("store", "hourly")
    swr.project_id = None
    with pytest.raises(MissingProjectId, match=r"needs the project ID.*SwrClient\(project_id="):
        await swr.reports.feature_gates()
    assert app.faults.stats.requests == sent
