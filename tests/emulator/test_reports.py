"""Overview, resource reports and feature gates (4.13) through the official SDK."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui import clock
from swrtui.emulator.backend import images
from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator
from tests.emulator.helpers import (
    add_repo,
    client_as,
    demo_domain,
    get_with_token,
    token_for,
)

pytestmark = pytest.mark.socket

MB = 1024 * 1024


def _stored_bytes(live: LiveEmulator) -> int:
    state = live.app.state
    total = 0
    for ns in state.namespaces_of(seeds.DEMO_DOMAIN_ID):
        for repo in ns.repos.values():
            total += sum({t.digest: t.size for t in repo.tags.values()}.values())
    return total


def _report(sdk: Any, resource: str, frequency: str) -> list[tuple[str, float]]:
    request = model.ShowDomainResourceReportsRequest(resource_type=resource, frequency=frequency)
    return [(p.date, p.value) for p in sdk.show_domain_resource_reports(request).body]


def test_overview_is_computed_from_the_tenant(sdk: Any, live_emulator: LiveEmulator) -> None:
    state = live_emulator.app.state
    mine = state.namespaces_of(seeds.DEMO_DOMAIN_ID)
    repos = [r for ns in mine for r in ns.repos.values()]
    overview = sdk.show_domain_overview(model.ShowDomainOverviewRequest())
    assert (overview.domain_id, overview.domain_name) == (seeds.DEMO_DOMAIN_ID, "demo-account")
    assert overview.namspace_num == len(mine) == 4
    assert overview.repo_num == len(repos)
    assert overview.image_num == sum(len(r.tags) for r in repos)
    assert overview.store_space == round(_stored_bytes(live_emulator) / MB, 2)
    downflow = sum(demo_domain(live_emulator).downflow.values())
    assert downflow > 0 and overview.downflow_size == round(downflow / MB, 2)


def test_overview_follows_pushes(sdk: Any, live_emulator: LiveEmulator) -> None:
    before = sdk.show_domain_overview(model.ShowDomainOverviewRequest())
    state = live_emulator.app.state
    ns = state.namespaces["demo"]
    when = clock.now()
    images.push(
        state, ns, ns.repos["nginx"], "brand-new", content_key="new", size=10 * MB, when=when
    )
    after = sdk.show_domain_overview(model.ShowDomainOverviewRequest())
    assert after.image_num == before.image_num + 1
    assert after.store_space == pytest.approx(before.store_space + 10, abs=0.011)


def test_overview_wire_has_both_spellings(live_emulator: LiveEmulator) -> None:
    document = get_with_token(live_emulator, "/v2/manage/overview", token_for(live_emulator)).json()
    assert document["namespace_num"] == document["namspace_num"] == 4


def test_daily_downflow(sdk: Any, live_emulator: LiveEmulator) -> None:
    today = clock.now().date()
    demo_domain(live_emulator).downflow = {
        today.isoformat(): 5 * MB,
        (today - timedelta(days=1)).isoformat(): 3 * MB,
        (today - timedelta(days=40)).isoformat(): 7 * MB,
    }
    points = _report(sdk, "downflow", "daily")
    assert [d for d, _ in points] == [
        (today - timedelta(days=back)).isoformat() for back in range(29, -1, -1)
    ]
    assert [v for _, v in points][-2:] == [3.0, 5.0]
    assert sum(v for _, v in points) == 8.0


def test_monthly_downflow(sdk: Any, live_emulator: LiveEmulator) -> None:
    today = clock.now().date()
    days = [today - timedelta(days=back) for back in (0, 1, 45, 500)]
    demo_domain(live_emulator).downflow = {d.isoformat(): MB for d in days}
    points = _report(sdk, "downflow", "monthly")
    assert len(points) == 12 and points[-1][0] == today.replace(day=1).isoformat()
    assert all(date.fromisoformat(d).day == 1 for d, _ in points)
    this_month = sum(1.0 for d in days if d.replace(day=1) == today.replace(day=1))
    assert points[-1][1] == this_month
    assert sum(v for _, v in points) == 3.0  # 500 days ago is outside the year


def test_daily_store_counts_each_image_from_its_first_push(
    sdk: Any, live_emulator: LiveEmulator
) -> None:
    live_emulator.reset("empty")
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="store"))
    )
    state = live_emulator.app.state
    now = clock.now()
    repo = add_repo(state, "store", "app", {})
    ns = state.namespaces["store"]
    five_days_ago = now - timedelta(days=5)
    images.push(state, ns, repo, "v1", content_key="one", size=10 * MB, when=five_days_ago)
    images.push(state, ns, repo, "v2", content_key="two", size=20 * MB, when=now)
    images.push(state, ns, repo, "latest", content_key="two", size=20 * MB, when=now)

    values = [v for _, v in _report(sdk, "store", "daily")]
    assert values[-1] == 30.0 and values[-2] == 10.0
    assert values[-6] == 10.0 and values[-7] == 0.0
    assert values == sorted(values)


@pytest.mark.parametrize(("resource", "frequency"), [("upload", "daily"), ("store", "weekly")])
def test_unknown_report_is_refused(sdk: Any, resource: str, frequency: str) -> None:
    with pytest.raises(ClientRequestException) as caught:
        _report(sdk, resource, frequency)
    assert (caught.value.status_code, caught.value.error_code) == (400, "SVCSTG.SWR.4001025")


def test_feature_gates(live_emulator: LiveEmulator) -> None:
    gates = client_as(live_emulator, "alice").show_share_feature_gates(
        model.ShowShareFeatureGatesRequest()
    )
    values = {name: getattr(gates, name) for name in gates.openapi_types}
    assert len(values) == 12 and all(isinstance(v, bool) for v in values.values())
    assert values["enable_image_sync"] is True and values["enable_pipeline"] is False


def test_feature_gates_of_another_project(live_emulator: LiveEmulator) -> None:
    path = f"/v2/manage/projects/{seeds.PARTNER_PROJECT_ID}/feature-gates"
    response = get_with_token(live_emulator, path, token_for(live_emulator))
    assert response.status_code == 401
    assert response.json()["error_code"] == "SVCSTG.SWR.4011064"
