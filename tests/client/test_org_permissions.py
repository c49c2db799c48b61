"""client.org_permissions against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SwrClient,
    SwrError,
    ValidationError,
)
from swrtui.client.models.org_permissions import Permissions, UserAuth
from swrtui.emulator.app import EmulatorApp

ADMIN = UserAuth("u-admin-0001", "swr-admin", 7)
ALICE = UserAuth("u-dev-0002", "dev-alice", 3)
BOB = UserAuth("u-ops-0003", "ops-bob", 1)


async def test_get_shows_self_and_others(swr: SwrClient, app: EmulatorApp) -> None:
    shown = await swr.org_permissions.get("platform")
    assert (shown.id, shown.name) == (app.state.namespaces["platform"].id, "platform")
    assert shown.creator_name == "swr-admin"
    assert shown.self_auth == ADMIN and shown.self_auth.role == "manage"
    assert shown.others == (ALICE,)
    assert await swr.org_permissions.list("platform") == [ADMIN, ALICE]


async def test_grant_change_revoke(swr: SwrClient) -> None:
    await swr.org_permissions.create("platform", [BOB])
    assert BOB in await swr.org_permissions.list("platform")
    with pytest.raises(ConflictError) as again:
        await swr.org_permissions.create("platform", [BOB])
    assert again.value.status == 409
    await swr.org_permissions.update("platform", [UserAuth(BOB.user_id, BOB.user_name, 7)])
    bob = next(u for u in await swr.org_permissions.list("platform") if u.user_id == BOB.user_id)
    assert (bob.auth, bob.role) == (7, "manage")
    await swr.org_permissions.delete("platform", [BOB.user_id, BOB.user_id])
    assert [u.user_name for u in await swr.org_permissions.list("platform")] == [
        "swr-admin",
        "dev-alice",
    ]
    with pytest.raises(NotFoundError):
        await swr.org_permissions.delete("platform", [BOB.user_id])


async def test_server_refusals(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(NotFoundError):
        await swr.org_permissions.get("no-such-org")
    # Alice edits platform but granting takes the manage role.
    with pytest.raises(PermissionDeniedError):
        await alice.org_permissions.create("platform", [BOB])
    with pytest.raises(SwrError) as unknown:
        await swr.org_permissions.create("platform", [UserAuth("u-nobody", "nobody", 1)])
    assert (unknown.value.status, unknown.value.error_code) == (400, "SVCSTG.SWR.4001067")


def test_parsing_tolerates_nulls() -> None:
    shown = Permissions.from_api({"id": "5", "self_auth": None, "others_auths": None})
    assert (shown.id, shown.self_auth, shown.others) == (5, UserAuth("", "", 0), ())


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    with pytest.raises(ValidationError, match="invalid role 2"):
        await swr.org_permissions.create("platform", [UserAuth(BOB.user_id, BOB.user_name, 2)])
    with pytest.raises(ValidationError, match="at least one user"):
        await swr.org_permissions.update("platform", [])
    with pytest.raises(ValidationError, match="more than once"):
        await swr.org_permissions.create("platform", [BOB, BOB])
    with pytest.raises(ValidationError, match="user_id must not be empty"):
        await swr.org_permissions.delete("platform", [""])
    with pytest.raises(ValidationError):
        await swr.org_permissions.get("Bad_Org!")
    assert app.faults.stats.requests == sent
