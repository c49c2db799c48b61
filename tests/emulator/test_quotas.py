"""Quotas (4.12.1) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator
from tests.emulator.helpers import client_as, demo_domain, get_with_token, token_for

pytestmark = pytest.mark.socket


def _namespace_quota(client: Any) -> tuple[int, int, str]:
    quotas = client.list_quotas(model.ListQuotasRequest()).quotas
    assert [q.quota_key for q in quotas] == ["namespace"]
    return quotas[0].quota_limit, quotas[0].used, quotas[0].unit


def test_quota_counts_the_tenants_organizations(sdk: Any, live_emulator: LiveEmulator) -> None:
    domain = demo_domain(live_emulator)
    assert _namespace_quota(sdk) == (domain.namespace_quota, 4, "")
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="one-more"))
    )
    assert _namespace_quota(sdk)[1] == 5


def test_limit_follows_the_domain(sdk: Any, live_emulator: LiveEmulator) -> None:
    demo_domain(live_emulator).namespace_quota = 15
    assert _namespace_quota(sdk)[0] == 15


def test_other_tenant_sees_its_own(live_emulator: LiveEmulator) -> None:
    assert _namespace_quota(client_as(live_emulator, "partner"))[1] == 1  # partner-tools


def test_non_admin_can_read(live_emulator: LiveEmulator) -> None:
    assert _namespace_quota(client_as(live_emulator, "bob"))[1] == 4


def test_another_project_is_refused(live_emulator: LiveEmulator) -> None:
    wrong = client_as(live_emulator, "admin", project_id=seeds.PARTNER_PROJECT_ID)
    with pytest.raises(ClientRequestException) as caught:
        wrong.list_quotas(model.ListQuotasRequest())
    assert (caught.value.status_code, caught.value.error_code) == (401, "SVCSTG.SWR.4011064")


def test_path_project_is_checked_with_a_token(live_emulator: LiveEmulator) -> None:
    token = token_for(live_emulator)
    mine = get_with_token(
        live_emulator, f"/v2/manage/projects/{seeds.DEMO_PROJECT_ID}/quotas", token
    )
    assert mine.status_code == 200 and mine.json()["quotas"][0]["used"] == 4
    other = get_with_token(
        live_emulator, f"/v2/manage/projects/{seeds.PARTNER_PROJECT_ID}/quotas", token
    )
    assert other.status_code == 401
    assert other.json()["error_code"] == "SVCSTG.SWR.4011064"
