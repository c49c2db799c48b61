"""Organizations (4.1) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from tests.conftest import LiveEmulator, make_sdk_client

pytestmark = pytest.mark.socket


def _names(sdk: Any) -> list[str]:
    response = sdk.list_namespaces(model.ListNamespacesRequest())
    return [ns.name for ns in response.namespaces]


def test_create_then_show_and_list(sdk: Any) -> None:
    body = model.CreateNamespaceRequestBody(namespace="team-a")
    sdk.create_namespace(model.CreateNamespaceRequest(body=body))

    shown = sdk.show_namespace(model.ShowNamespaceRequest(namespace="team-a"))
    assert (shown.name, shown.creator_name, shown.auth) == ("team-a", "swr-admin", 7)
    assert isinstance(shown.id, int)
    assert "team-a" in _names(sdk)


def test_list_filter_by_name(sdk: Any) -> None:
    response = sdk.list_namespaces(model.ListNamespacesRequest(filter="namespace::demo"))
    assert [ns.name for ns in response.namespaces] == ["demo"]
    response = sdk.list_namespaces(model.ListNamespacesRequest(namespace="platform"))
    assert [ns.name for ns in response.namespaces] == ["platform"]


def test_delete_empty_namespace(sdk: Any) -> None:
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="gone"))
    )
    sdk.delete_namespaces(model.DeleteNamespacesRequest(namespace="gone"))
    assert "gone" not in _names(sdk)
    with pytest.raises(ClientRequestException) as caught:
        sdk.show_namespace(model.ShowNamespaceRequest(namespace="gone"))
    assert caught.value.status_code == 404
    assert caught.value.error_code == "SVCSTG.SWR.4040058"


@pytest.mark.parametrize("bad", ["Upper", "1starts-with-digit", "a..b", "a___b", "ends-", "x" * 65])
def test_invalid_names_are_refused(sdk: Any, bad: str) -> None:
    with pytest.raises(ClientRequestException) as caught:
        sdk.create_namespace(
            model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace=bad))
        )
    assert caught.value.status_code == 400
    assert caught.value.error_code == "SVCSTG.SWR.4001028"


def test_duplicate_is_a_conflict(sdk: Any) -> None:
    with pytest.raises(ClientRequestException) as caught:
        sdk.create_namespace(
            model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="demo"))
        )
    assert (caught.value.status_code, caught.value.error_code) == (409, "SVCSTG.SWR.4090060")


def test_namespace_quota(sdk: Any, live_emulator: LiveEmulator) -> None:
    quota = next(iter(live_emulator.app.state.domains.values())).namespace_quota
    existing = len(_names(sdk))
    for index in range(quota - existing):
        sdk.create_namespace(
            model.CreateNamespaceRequest(
                body=model.CreateNamespaceRequestBody(namespace=f"fill{index}")
            )
        )
    with pytest.raises(ClientRequestException) as caught:
        sdk.create_namespace(
            model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="over"))
        )
    assert (caught.value.status_code, caught.value.error_code) == (400, "SVCSTG.SWR.4000097")


def test_other_tenant_cannot_see_or_delete(live_emulator: LiveEmulator) -> None:
    from swrtui.emulator.state import seeds

    partner = make_sdk_client(
        live_emulator.url,
        ak="PARTNERSWRTUIADMIN01",
        sk="partner0secret0key0for0swrtui0emulator0",
        project_id=seeds.PARTNER_PROJECT_ID,
    )
    assert "demo" not in _names(partner)
    with pytest.raises(ClientRequestException) as caught:
        partner.delete_namespaces(model.DeleteNamespacesRequest(namespace="demo"))
    assert caught.value.status_code == 404
