"""client.triggers against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui import clock
from swrtui.client import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SwrClient,
    SwrError,
    ValidationError,
)
from swrtui.client.models.triggers import Trigger
from swrtui.emulator.app import EmulatorApp

CLUSTER = {"cluster_id": "5b28c12f-dc10-11e9-97b3-0255ac1001b5", "cluster_name": "prod-cce"}


async def test_list_parses_the_seeded_trigger_and_its_history(
    swr: SwrClient, app: EmulatorApp
) -> None:
    [trigger] = await swr.triggers.list("platform", "frontend/web-portal")
    seeded = app.state.namespaces["platform"].repos["frontend/web-portal"].triggers[trigger.name]
    assert (trigger.name, trigger.enable, trigger.trigger_type, trigger.trigger_mode) == (
        "deploy-web-portal",
        True,
        "all",
        "cce",
    )
    assert (trigger.application, trigger.cluster_ns, trigger.condition) == (
        "web-portal",
        "portal",
        ".*",
    )
    assert trigger.created_at == seeded.created_at
    assert [run.tag for run in trigger.history] == [
        run.tag for run in sorted(seeded.history, key=lambda r: r.created_at, reverse=True)
    ]
    assert {run.result for run in trigger.history} <= {"success", "failed"}
    assert trigger == await swr.triggers.get("platform", "frontend/web-portal", trigger.name)


async def test_create_fire_switch_delete(swr: SwrClient) -> None:
    before = clock.now().replace(microsecond=0)
    await swr.triggers.create(
        "demo", "nginx", "roll-v9", trigger_type="tag", condition="v9",
        cluster_ns="web", application="nginx", **CLUSTER,
    )  # fmt: skip
    created = await swr.triggers.get("demo", "nginx", "roll-v9")
    assert (created.enable, created.condition, created.creator_name) == (True, "v9", "swr-admin")
    assert created.created_at is not None and created.created_at >= before
    assert created.history == ()
    with pytest.raises(ConflictError):
        await swr.triggers.create(
            "demo", "nginx", "roll-v9", cluster_ns="web", application="nginx", **CLUSTER
        )
    # A retag onto the matching tag fires it.
    source = (await swr.tags.list("demo", "nginx"))[0].name
    await swr.tags.create("demo", "nginx", source, "v9")
    [run] = (await swr.triggers.get("demo", "nginx", "roll-v9")).history
    assert (run.tag, run.succeeded) == ("v9", True)
    await swr.triggers.update("demo", "nginx", "roll-v9", enable=False)
    assert (await swr.triggers.get("demo", "nginx", "roll-v9")).enable is False
    await swr.triggers.delete("demo", "nginx", "roll-v9")
    assert await swr.triggers.list("demo", "nginx") == []
    with pytest.raises(NotFoundError):
        await swr.triggers.get("demo", "nginx", "roll-v9")


async def test_cci_trigger_without_cluster(swr: SwrClient) -> None:
    await swr.triggers.create(
        "demo", "nginx", "cci-all", trigger_mode="cci", cluster_ns="ns1",
        application="app1", app_type="statefulsets", enable=False,
    )  # fmt: skip
    trigger = await swr.triggers.get("demo", "nginx", "cci-all")
    assert (trigger.trigger_mode, trigger.cluster_id, trigger.app_type, trigger.enable) == (
        "cci",
        "",
        "statefulsets",
        False,
    )


async def test_server_refusals(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(SwrError) as bad_name:
        await swr.triggers.create(
            "demo", "nginx", "9-starts-with-digit", cluster_ns="web", application="x", **CLUSTER
        )
    assert bad_name.value.status == 400
    # Alice only views this repository: creating takes edit.
    with pytest.raises(PermissionDeniedError):
        await alice.triggers.create(
            "ml-lab", "models/bert-base", "t1", cluster_ns="web", application="x", **CLUSTER
        )


def test_parsing_tolerates_null_history() -> None:
    parsed = Trigger.from_api({"name": "t", "enable": "false", "trigger_history": None})
    assert (parsed.name, parsed.enable, parsed.history, parsed.created_at) == ("t", False, (), None)


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    base = {"cluster_ns": "web", "application": "nginx"}
    with pytest.raises(ValidationError, match="invalid trigger type"):
        await swr.triggers.create("demo", "nginx", "t", trigger_type="some", **base, **CLUSTER)
    with pytest.raises(ValidationError, match="needs cluster_id"):
        await swr.triggers.create("demo", "nginx", "t", **base)
    with pytest.raises(ValidationError, match="needs a condition"):
        await swr.triggers.create("demo", "nginx", "t", trigger_type="regular", **base, **CLUSTER)
    with pytest.raises(ValidationError, match="invalid app type"):
        await swr.triggers.create("demo", "nginx", "t", app_type="pods", **base, **CLUSTER)
    with pytest.raises(ValidationError, match="trigger name must not be empty"):
        await swr.triggers.delete("demo", "nginx", "")
    assert app.faults.stats.requests == sent
