"""Image (repository) permissions (4.7) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state.store import Permission, Repository
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

ORG, REPO = "demo", "web$api"


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> Repository:
    return add_repo(live_emulator.app.state, ORG, "web/api")


def _auth(user_id: str, user_name: str, auth: Any) -> Any:
    return model.UserAuth(user_id=user_id, user_name=user_name, auth=auth)


def _create(client: Any, *auths: Any, repository: str = REPO) -> None:
    client.create_user_repository_auth(
        model.CreateUserRepositoryAuthRequest(
            namespace=ORG, repository=repository, body=list(auths)
        )
    )


def _update(client: Any, *auths: Any) -> None:
    client.update_user_repository_auth(
        model.UpdateUserRepositoryAuthRequest(namespace=ORG, repository=REPO, body=list(auths))
    )


def _delete(client: Any, *user_ids: str) -> None:
    client.delete_user_repository_auth(
        model.DeleteUserRepositoryAuthRequest(namespace=ORG, repository=REPO, body=list(user_ids))
    )


def _show(client: Any, repository: str = REPO) -> Any:
    return client.show_user_repository_auth(
        model.ShowUserRepositoryAuthRequest(namespace=ORG, repository=repository)
    )


def _others(shown: Any) -> list[tuple[str, str, int]]:
    return [(a.user_id, a.user_name, a.auth) for a in shown.others_auths]


def _org_role(live_emulator: LiveEmulator, user_id: str, name: str, auth: int) -> None:
    ns = live_emulator.app.state.namespaces[ORG]
    ns.permissions[user_id] = Permission(user_id, name, auth)


def test_show_as_creator(sdk: Any, repo: Repository) -> None:
    shown = _show(sdk)
    assert (shown.id, shown.name) == (repo.id, "web/api")
    assert (shown.self_auth.user_id, shown.self_auth.user_name, shown.self_auth.auth) == (
        ADMIN_ID,
        "swr-admin",
        7,
    )
    assert shown.others_auths == []


def test_create_update_delete(sdk: Any, repo: Repository) -> None:
    _create(sdk, _auth(BOB_ID, "ops-bob", 3), _auth(ALICE_ID, "dev-alice", 1))
    assert _others(_show(sdk)) == [(ALICE_ID, "dev-alice", 1), (BOB_ID, "ops-bob", 3)]
    _update(sdk, _auth(BOB_ID, "ops-bob", 7))
    assert _others(_show(sdk)) == [(ALICE_ID, "dev-alice", 1), (BOB_ID, "ops-bob", 7)]
    _delete(sdk, ALICE_ID)
    assert _others(_show(sdk)) == [(BOB_ID, "ops-bob", 7)]
    assert list(repo.permissions) == [BOB_ID]


def test_grantee_sees_its_role_and_the_creator(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 3))
    shown = _show(client_as(live_emulator, "alice"))
    assert (shown.self_auth.user_name, shown.self_auth.auth) == ("dev-alice", 3)
    assert _others(shown) == [(ADMIN_ID, "swr-admin", 7)]


def test_grants_change_what_the_user_can_do(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    alice = client_as(live_emulator, "alice")
    listing = model.ListTriggersDetailsRequest(namespace=ORG, repository=REPO)
    refused(lambda: alice.list_triggers_details(listing), 404, "SVCSTG.SWR.4040058")

    _create(sdk, _auth(ALICE_ID, "dev-alice", 1))
    # The SDK turns an empty JSON array body into None.
    assert alice.list_triggers_details(listing).body is None
    visible = alice.list_namespaces(model.ListNamespacesRequest(filter="mode::visible"))
    assert ORG in [ns.name for ns in visible.namespaces]
    create = model.CreateTriggerRequest(
        namespace=ORG, repository=REPO, body=cci_trigger_body("by-alice")
    )
    refused(lambda: alice.create_trigger(create), 403, "SVCSTG.SWR.4039002")

    _update(sdk, _auth(ALICE_ID, "dev-alice", 3))
    alice.create_trigger(create)
    assert [t.name for t in alice.list_triggers_details(listing).body] == ["by-alice"]


@pytest.mark.parametrize(
    ("org_auth", "repo_auth", "allowed"),
    [
        (3, None, True),  # Edit on the organization
        (1, 7, True),  # Manage on the repository
        (1, 3, False),
        (None, 3, False),
        (1, None, False),
    ],
)
def test_who_may_grant(
    live_emulator: LiveEmulator,
    repo: Repository,
    org_auth: int | None,
    repo_auth: int | None,
    allowed: bool,
) -> None:
    if org_auth:
        _org_role(live_emulator, ALICE_ID, "dev-alice", org_auth)
    if repo_auth:
        repo.permissions[ALICE_ID] = Permission(ALICE_ID, "dev-alice", repo_auth)
    alice = client_as(live_emulator, "alice")
    grant_bob = _auth(BOB_ID, "ops-bob", 1)
    if allowed:
        _create(alice, grant_bob)
        assert repo.permissions[BOB_ID].auth == 1
    else:
        refused(lambda: _create(alice, grant_bob), 403, "SVCSTG.SWR.4039002")
        assert BOB_ID not in repo.permissions


def test_nobody_grants_themselves(live_emulator: LiveEmulator, sdk: Any, repo: Repository) -> None:
    refused(lambda: _create(sdk, _auth(ADMIN_ID, "swr-admin", 1)), 403, "SVCSTG.SWR.4039002")
    _org_role(live_emulator, ALICE_ID, "dev-alice", 3)
    alice = client_as(live_emulator, "alice")
    refused(lambda: _create(alice, _auth(ALICE_ID, "dev-alice", 7)), 403, "SVCSTG.SWR.4039002")


def test_conflicts_and_missing_grants(sdk: Any, repo: Repository) -> None:
    _create(sdk, _auth(ALICE_ID, "dev-alice", 1))
    refused(lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", 3)), 409, "SVCSTG.SWR.4090089")
    refused(lambda: _update(sdk, _auth(BOB_ID, "ops-bob", 3)), 404, "SVCSTG.SWR.4040091")
    refused(lambda: _delete(sdk, BOB_ID), 404, "SVCSTG.SWR.4040091")
    refused(lambda: _delete(sdk, 42), 400, "SVCSTG.SWR.4001025")


@pytest.mark.parametrize("auth", [0, 2, 4, 6, "7", False])
def test_invalid_auth_values(sdk: Any, repo: Repository, auth: Any) -> None:
    refused(lambda: _create(sdk, _auth(ALICE_ID, "dev-alice", auth)), 400, "SVCSTG.SWR.4001066")
    assert repo.permissions == {}


@pytest.mark.parametrize(
    ("user_id", "user_name"),
    [("u-nobody", "nobody"), (BOB_ID, "dev-alice"), ("u-partner-0001", "partner-admin")],
)
def test_users_must_belong_to_the_tenant(
    sdk: Any, repo: Repository, user_id: str, user_name: str
) -> None:
    refused(lambda: _create(sdk, _auth(user_id, user_name, 1)), 400, "SVCSTG.SWR.4001067")


def test_missing_and_foreign_repositories(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    refused(lambda: _show(sdk, "nope"), 404, "SVCSTG.SWR.4040010")
    refused(lambda: _show(sdk, "Bad$Name"), 400, "SVCSTG.SWR.4001029")
    partner = client_as(live_emulator, "partner")
    refused(lambda: _show(partner), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _create(partner, _auth(ALICE_ID, "dev-alice", 1)), 404, "SVCSTG.SWR.4040058")
