"""client.image_permissions against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SwrClient,
    ValidationError,
)
from swrtui.client.models.image_permissions import UserAuth
from swrtui.emulator.app import EmulatorApp

ADMIN = UserAuth("u-admin-0001", "swr-admin", 7)
ALICE = UserAuth("u-dev-0002", "dev-alice", 1)
BOB = UserAuth("u-ops-0003", "ops-bob", 3)


async def test_get_shows_the_repository_grants(swr: SwrClient, app: EmulatorApp) -> None:
    shown = await swr.image_permissions.get("demo", "tools/ci-runner")
    repo = app.state.namespaces["demo"].repos["tools/ci-runner"]
    assert (shown.id, shown.name) == (repo.id, "tools/ci-runner")
    assert shown.self_auth == ADMIN and shown.others == (BOB,)


async def test_grant_change_revoke(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(NotFoundError):
        await alice.tags.list("demo", "nginx")
    await swr.image_permissions.create("demo", "nginx", [ALICE])
    assert ALICE in await swr.image_permissions.list("demo", "nginx")
    # The grant is real: Alice can now read the repository.
    assert len(await alice.tags.list("demo", "nginx")) > 0
    with pytest.raises(ConflictError):
        await swr.image_permissions.create("demo", "nginx", [ALICE])
    await swr.image_permissions.update(
        "demo", "nginx", [UserAuth(ALICE.user_id, ALICE.user_name, 3)]
    )
    roles = {u.user_name: u.role for u in await swr.image_permissions.list("demo", "nginx")}
    assert roles["dev-alice"] == "edit"
    await swr.image_permissions.delete("demo", "nginx", [ALICE.user_id])
    assert [u.user_name for u in await swr.image_permissions.list("demo", "nginx")] == ["swr-admin"]
    with pytest.raises(NotFoundError) as gone:
        await swr.image_permissions.delete("demo", "nginx", [ALICE.user_id])
    assert gone.value.error_code == "SVCSTG.SWR.4040091"


async def test_server_refusals(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(NotFoundError):
        await swr.image_permissions.get("demo", "no-such-repo")
    # Alice only views this repository: granting takes manage on it or edit on the org.
    with pytest.raises(PermissionDeniedError) as refused:
        await alice.image_permissions.create("ml-lab", "models/bert-base", [BOB])
    assert (refused.value.status, refused.value.error_code) == (403, "SVCSTG.SWR.4039002")


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    with pytest.raises(ValidationError, match="invalid role 5"):
        await swr.image_permissions.create("demo", "nginx", [UserAuth("u", "n", 5)])
    with pytest.raises(ValidationError, match="at least one user ID"):
        await swr.image_permissions.delete("demo", "nginx", [])
    with pytest.raises(ValidationError):
        await swr.image_permissions.get("demo", "Bad Repo")
    assert app.faults.stats.requests == sent
