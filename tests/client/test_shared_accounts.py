"""client.shared_accounts against the in-process emulator."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from swrtui.client import ConflictError, NotFoundError, SwrClient, SwrError, ValidationError


async def test_list_existing_share(swr: SwrClient) -> None:
    shares = await swr.shared_accounts.list("demo", "tools/ci-runner")
    assert [(s.access_domain, s.permit, s.deadline, s.status) for s in shares] == [
        ("partner-account", "read", "forever", True)
    ]
    assert shares[0].expires is None
    assert (shares[0].namespace, shares[0].repository) == ("demo", "tools/ci-runner")


async def test_create_get_update_delete(swr: SwrClient) -> None:
    assert await swr.shared_accounts.exists("demo", "nginx", "partner-account") is False
    until = datetime(2031, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    await swr.shared_accounts.create(
        "demo", "nginx", "partner-account", deadline=until, description="pull"
    )
    share = await swr.shared_accounts.get("demo", "nginx", "partner-account")
    assert share.exist and share.status and share.description == "pull"
    assert share.expires == until
    with pytest.raises(ConflictError):
        await swr.shared_accounts.create("demo", "nginx", "partner-account")
    await swr.shared_accounts.update("demo", "nginx", "partner-account", deadline="forever")
    share = await swr.shared_accounts.get("demo", "nginx", "partner-account")
    assert (share.deadline, share.expires, share.description) == ("forever", None, "pull")
    await swr.shared_accounts.delete("demo", "nginx", "partner-account")
    assert await swr.shared_accounts.exists("demo", "nginx", "partner-account") is False
    with pytest.raises(NotFoundError):
        await swr.shared_accounts.delete("demo", "nginx", "partner-account")


async def test_server_side_refusals(swr: SwrClient) -> None:
    with pytest.raises(SwrError) as unknown:
        await swr.shared_accounts.create("demo", "nginx", "no-such-account")
    assert unknown.value.status == 400
    with pytest.raises(SwrError) as past:
        await swr.shared_accounts.create("demo", "nginx", "partner-account", deadline="2001-01-01")
    assert past.value.status == 400


async def test_client_side_validation(swr: SwrClient) -> None:
    with pytest.raises(ValidationError, match="invalid permit"):
        await swr.shared_accounts.create("demo", "nginx", "partner-account", permit="write")
    with pytest.raises(ValidationError, match="account name must not be empty"):
        await swr.shared_accounts.delete("demo", "nginx", " ")
