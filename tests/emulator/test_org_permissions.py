"""Organization permissions (4.6) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from tests.conftest import LiveEmulator
from tests.emulator.helpers import (
    ADMIN_ID,
    ALICE_ID,
    BOB_ID,
    add_repo,
    cci_trigger_body,
    client_as,
    refused,
)

pytestmark = pytest.mark.socket

ORG = "demo"


def _auth(user_id: str, user_name: str, auth: Any) -> Any:
    return model.UserAuth(user_id=user_id, user_name=user_name, auth=auth)


def _create(client: Any, *auths: Any, namespace: str = ORG) -> None:
    client.create_namespace_auth(
        model.CreateNamespaceAuthRequest(namespace=namespace, body=list(auths))
    )


def _update(client: Any, *auths: Any) -> None:
    client.update_namespace_auth(model.UpdateNamespaceAuthRequest(namespace=ORG, body=list(auths)))


def _delete(client: Any, *user_ids: str) -> None:
    client.delete_namespace_auth(
        model.DeleteNamespaceAuthRequest(namespace=ORG, body=list(user_ids))
    )


def _show(client: Any, namespace: str = ORG) -> Any:
    return client.show_namespace_auth(model.ShowNamespaceAuthRequest(namespace=namespace))


def _others(shown: Any) -> list[tuple[str, str, int]]:
    return [(a.user_id, a.user_name, a.auth) for a in shown.others_auths]


def _create_trigger(client: Any, name: str) -> None:
    client.create_trigger(
        model.CreateTriggerRequest(
            namespace=ORG, repository="perm-probe", body=cci_trigger_body(name)
        )
    )


def test_show_as_creator_lists_no_others(sdk: Any) -> None:
    shown = _show(sdk)
    assert (shown.name, shown.creator_name, isinstance(shown.id, int)) == (ORG, "swr-admin", True)
    assert (shown.self_auth.user_id, shown.self_auth.user_name, shown.self_auth.auth) == (
        ADMIN_ID,
        "swr-admin",
        7,
    )
    assert shown.others_auths == []


def test_create_then_show(sdk: Any) -> None:
    _create(sdk, _auth(BOB_ID, "ops-bob", 3), _auth(ALICE_ID, "dev-alice", 1))
    assert _others(_show(sdk)) == [(ALICE_ID, "dev-alice", 1), (BOB_ID, "ops-bob", 3)]


def test_update_and_delete(sdk: Any) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 1), _auth(BOB_ID, "ops-bob", 1))
    _update(sdk, _auth(ALICE_ID, "dev-alice", 7))
    assert _others(_show(sdk)) == [(ALICE_ID, "dev-alice", 7), (BOB_ID, "ops-bob", 1)]
    _delete(sdk, BOB_ID)
    assert _others(_show(sdk)) == [(ALICE_ID, "dev-alice", 7)]


def test_grantee_sees_itself_and_the_creator(live_emulator: LiveEmulator, sdk: Any) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 3), _auth(BOB_ID, "ops-bob", 1))
    shown = _show(client_as(live_emulator, "alice"))
    assert (shown.self_auth.user_name, shown.self_auth.auth) == ("dev-alice", 3)
    # The creator first (implicit Manage), then explicit grants by user name.
    assert _others(shown) == [(ADMIN_ID, "swr-admin", 7), (BOB_ID, "ops-bob", 1)]


def test_grants_change_what_the_user_can_do(live_emulator: LiveEmulator, sdk: Any) -> None:
    add_repo(live_emulator.app.state, ORG, "perm-probe")
    alice = client_as(live_emulator, "alice")
    refused(
        lambda: alice.show_namespace(model.ShowNamespaceRequest(namespace=ORG)),
        404,
        "SVCSTG.SWR.4040058",
    )

    _create(sdk, _auth(ALICE_ID, "dev-alice", 1))
    assert alice.show_namespace(model.ShowNamespaceRequest(namespace=ORG)).auth == 1
    listed = alice.list_namespaces(model.ListNamespacesRequest()).namespaces
    assert ORG in [ns.name for ns in listed]
    refused(lambda: _create_trigger(alice, "by-alice"), 403, "SVCSTG.SWR.4039002")

    _update(sdk, _auth(ALICE_ID, "dev-alice", 3))
    _create_trigger(alice, "by-alice")
    refused(lambda: _create(alice, _auth(BOB_ID, "ops-bob", 1)), 403, "SVCSTG.SWR.4039002")

    _update(sdk, _auth(ALICE_ID, "dev-alice", 7))
    _create(alice, _auth(BOB_ID, "ops-bob", 1))
    assert (BOB_ID, "ops-bob", 1) in _others(_show(sdk))

    _delete(sdk, ALICE_ID)
    refused(lambda: _show(alice), 404, "SVCSTG.SWR.4040058")


def test_duplicate_grant_is_a_conflict(sdk: Any) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 1))
    refused(lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", 3)), 409, "SVCSTG.SWR.4090076")


def test_creator_cannot_be_granted_or_changed(live_emulator: LiveEmulator, sdk: Any) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 7))
    alice = client_as(live_emulator, "alice")
    refused(lambda: _create(alice, _auth(ADMIN_ID, "swr-admin", 1)), 409, "SVCSTG.SWR.4090076")
    refused(lambda: _delete(alice, ADMIN_ID), 403, "SVCSTG.SWR.4039002")


def test_missing_grant_cannot_be_updated_or_deleted(sdk: Any) -> None:
    refused(lambda: _update(sdk, _auth(BOB_ID, "ops-bob", 3)), 404, "SVCSTG.SWR.4040078")
    refused(lambda: _delete(sdk, BOB_ID), 404, "SVCSTG.SWR.4040078")


def test_nothing_changes_when_one_entry_is_bad(sdk: Any) -> None:
    refused(
        lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", 1), _auth(BOB_ID, "ops-bob", 2)),
        400,
        "SVCSTG.SWR.4001065",
    )
    assert _show(sdk).others_auths == []


def test_own_permission_cannot_change(live_emulator: LiveEmulator, sdk: Any) -> None:
    refused(lambda: _create(sdk, _auth(ADMIN_ID, "swr-admin", 1)), 403, "SVCSTG.SWR.4039002")
    _create(sdk, _auth(ALICE_ID, "dev-alice", 7))
    alice = client_as(live_emulator, "alice")
    refused(lambda: _update(alice, _auth(ALICE_ID, "dev-alice", 1)), 403, "SVCSTG.SWR.4039002")
    refused(lambda: _delete(alice, ALICE_ID), 403, "SVCSTG.SWR.4039002")


@pytest.mark.parametrize("auth", [0, 2, 5, 8, "1", True])
def test_invalid_auth_values(sdk: Any, auth: Any) -> None:
    refused(lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", auth)), 400, "SVCSTG.SWR.4001065")


@pytest.mark.parametrize(
    ("user_id", "user_name"),
    [
        ("u-nobody", "dev-alice"),  # unknown ID
        (ALICE_ID, "ops-bob"),  # name of somebody else
        ("u-partner-0001", "partner-admin"),  # a user of another tenant
    ],
)
def test_users_must_belong_to_the_tenant(sdk: Any, user_id: str, user_name: str) -> None:
    refused(lambda: _create(sdk, _auth(user_id, user_name, 1)), 400, "SVCSTG.SWR.4001067")


def test_malformed_bodies(sdk: Any) -> None:
    refused(lambda: _create(sdk), 400, "SVCSTG.SWR.4001014")
    refused(lambda: _create(sdk, _auth(ALICE_ID, None, 1)), 400, "SVCSTG.SWR.4001014")
    refused(lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", None)), 400, "SVCSTG.SWR.4001014")
    refused(
        lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", 1), _auth(ALICE_ID, "dev-alice", 3)),
        400,
        "SVCSTG.SWR.4001025",
    )


def test_users_without_an_org_role_cannot_read_or_change(live_emulator: LiveEmulator) -> None:
    bob = client_as(live_emulator, "bob")
    # The demo seed grants Bob a repository in "demo": he sees the org but holds no role on it.
    refused(lambda: _show(bob), 403, "SVCSTG.SWR.4039002")
    refused(lambda: _create(bob, _auth(ALICE_ID, "dev-alice", 1)), 403, "SVCSTG.SWR.4039002")
    refused(lambda: _show(bob, "platform"), 404, "SVCSTG.SWR.4040058")


def test_other_tenant_and_bad_names(live_emulator: LiveEmulator, sdk: Any) -> None:
    partner = client_as(live_emulator, "partner")
    refused(lambda: _show(partner), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _create(partner, _auth(ALICE_ID, "dev-alice", 1)), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _show(sdk, "nowhere"), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _show(sdk, "Bad_Name"), 400, "SVCSTG.SWR.4001028")
