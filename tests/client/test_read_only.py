"""Read-only is one gate: ``SwrClient(read_only=True)`` refuses every mutating call before
anything is sent. The walk below covers every endpoint method that sends POST, PUT, PATCH or
DELETE (found from the sources, so a new one fails the coverage check until it is listed)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from swrtui.client import ReadOnlyError, SwrClient
from swrtui.client.endpoints import (
    image_permissions,
    org_permissions,
    organizations,
    repositories,
    retention,
    shared_accounts,
    sync,
    tags,
    temporary_login,
    triggers,
)
from swrtui.client.models.org_permissions import UserAuth
from swrtui.client.models.retention import RetentionRule
from swrtui.emulator.app import EmulatorApp
from tests.client.conftest import make_client

MODULES = (
    image_permissions, org_permissions, organizations, repositories, retention,
    shared_accounts, sync, tags, temporary_login, triggers,
)  # fmt: skip
GRANT = [UserAuth("u1", "bob", 1)]
RULES = [RetentionRule.date_rule(30)]
Call = Callable[[SwrClient], Awaitable[Any]]

# Every mutating endpoint method → one call of it.
REFUSED: dict[str, Call] = {
    "ImagePermissions.create": lambda c: c.image_permissions.create("demo", "nginx", GRANT),
    "ImagePermissions.update": lambda c: c.image_permissions.update("demo", "nginx", GRANT),
    "ImagePermissions.delete": lambda c: c.image_permissions.delete("demo", "nginx", ["u1"]),
    "OrgPermissions.create": lambda c: c.org_permissions.create("demo", GRANT),
    "OrgPermissions.update": lambda c: c.org_permissions.update("demo", GRANT),
    "OrgPermissions.delete": lambda c: c.org_permissions.delete("demo", ["u1"]),
    "Organizations.create": lambda c: c.organizations.create("brandnew"),
    "Organizations.delete": lambda c: c.organizations.delete("demo"),
    "Repositories.create": lambda c: c.repositories.create("demo", "fresh"),
    "Repositories.update": lambda c: c.repositories.update("demo", "nginx", is_public=True),
    "Repositories.delete": lambda c: c.repositories.delete("demo", "nginx"),
    "RetentionPolicies.create": lambda c: c.retention.create("demo", "nginx", RULES),
    "RetentionPolicies.update": lambda c: c.retention.update("demo", "nginx", 1, RULES),
    "RetentionPolicies.delete": lambda c: c.retention.delete("demo", "nginx", 1),
    "SharedAccounts.create": lambda c: c.shared_accounts.create("demo", "nginx", "bob"),
    "SharedAccounts.update": lambda c: c.shared_accounts.update(
        "demo", "nginx", "bob", deadline="forever"
    ),
    "SharedAccounts.delete": lambda c: c.shared_accounts.delete("demo", "nginx", "bob"),
    "Sync.create_task": lambda c: c.sync.create_task("demo", "nginx", "cn-east-3", "demo"),
    "Sync.delete_task": lambda c: c.sync.delete_task("demo", "nginx", "cn-east-3", "demo"),
    "Sync.sync_now": lambda c: c.sync.sync_now("demo", "nginx", ["latest"], "cn-east-3", "demo"),
    "Tags.create": lambda c: c.tags.create("demo", "nginx", "latest", "copy"),
    "Tags.delete": lambda c: c.tags.delete("demo", "nginx", "latest"),
    "Triggers.create": lambda c: c.triggers.create(
        "demo", "nginx", "t1", cluster_ns="default", application="web", cluster_id="c1",
        cluster_name="prod",
    ),
    "Triggers.update": lambda c: c.triggers.update("demo", "nginx", "t1", enable=False),
    "Triggers.delete": lambda c: c.triggers.delete("demo", "nginx", "t1"),
}  # fmt: skip
# Docker logins are POSTs that change nothing: a read-only user still needs them to pull.
ALLOWED: dict[str, Call] = {
    "TemporaryLogin.create": lambda c: c.temporary_login.create(),
    "TemporaryLogin.create_authorization_token": lambda c: (
        c.temporary_login.create_authorization_token()
    ),
}


def mutating_methods() -> set[str]:
    """``Class.method`` of every endpoint coroutine whose source sends a mutating verb."""
    found = set()
    for module in MODULES:
        tree = ast.parse(inspect.getsource(module))
        for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            for fn in cls.body:
                source = ast.unparse(fn)
                verbs = ("'POST'", "'PUT'", "'PATCH'", "'DELETE'")
                if isinstance(fn, ast.AsyncFunctionDef) and any(v in source for v in verbs):
                    found.add(f"{cls.name}.{fn.name}")
    return found


def test_the_walk_covers_every_mutating_method() -> None:
    assert mutating_methods() == set(REFUSED) | set(ALLOWED)


@pytest.mark.parametrize("name", sorted(REFUSED))
async def test_read_only_refuses_before_sending(app: EmulatorApp, name: str) -> None:
    before = app.faults.stats.requests
    async with make_client(app, read_only=True) as client:
        with pytest.raises(ReadOnlyError) as caught:
            await REFUSED[name](client)
    assert caught.value.error_code == "READ_ONLY" and "read-only" in str(caught.value)
    assert caught.value.method in {"POST", "PUT", "PATCH", "DELETE"}
    assert app.faults.stats.requests == before  # nothing reached the emulator


async def test_read_only_still_reads_and_logs_in(app: EmulatorApp) -> None:
    async with make_client(app, read_only=True) as client:
        assert any(tag.name == "latest" for tag in await client.tags.list("demo", "nginx"))
        for call in ALLOWED.values():
            await call(client)
    assert app.faults.stats.requests >= 3
