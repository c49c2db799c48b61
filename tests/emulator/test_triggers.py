"""Triggers (4.9) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.backend.triggers import fire_triggers
from swrtui.emulator.state.store import Permission
from tests.conftest import LiveEmulator
from tests.emulator.helpers import (
    ALICE_ID,
    CLUSTER_ID,
    WHEN,
    add_repo,
    client_as,
    refused,
    trigger_body,
)

pytestmark = pytest.mark.socket


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> Any:
    return add_repo(live_emulator.app.state, "demo", "web/api", tags=("v1",))


def _create(client: Any, **overrides: Any) -> None:
    client.create_trigger(
        model.CreateTriggerRequest(
            namespace="demo", repository="web$api", body=trigger_body(**overrides)
        )
    )


def _show(client: Any, name: str) -> Any:
    return client.show_trigger(
        model.ShowTriggerRequest(namespace="demo", repository="web$api", trigger=name)
    )


def test_create_then_show(sdk: Any, repo: Any) -> None:
    _create(sdk)
    shown = _show(sdk, "deploy-all")
    assert (shown.name, shown.action, shown.app_type, shown.application) == (
        "deploy-all",
        "update",
        "deployments",
        "web-api",
    )
    assert (shown.cluster_id, shown.cluster_name, shown.cluster_ns) == (
        CLUSTER_ID,
        "prod-cluster",
        "default",
    )
    assert (shown.enable, shown.trigger_mode, shown.trigger_type, shown.condition) == (
        "true",
        "cce",
        "all",
        ".*",
    )
    assert shown.creator_name == "swr-admin"
    assert shown.created_at.endswith("Z")
    assert shown.trigger_history is None


def test_list_returns_every_trigger(sdk: Any, repo: Any) -> None:
    _create(sdk)
    _create(
        sdk,
        name="cci-release",
        trigger_mode="cci",
        cluster_id="",
        cluster_name="",
        trigger_type="regular",
        condition=r"v\d+",
        app_type="statefulsets",
    )
    listed = sdk.list_triggers_details(
        model.ListTriggersDetailsRequest(namespace="demo", repository="web$api")
    ).body
    by_name = {t.name: t for t in listed}
    assert set(by_name) == {"deploy-all", "cci-release"}
    assert (by_name["cci-release"].trigger_mode, by_name["cci-release"].cluster_id) == ("cci", "")
    assert by_name["cci-release"].condition == r"v\d+"
    assert by_name["cci-release"].app_type == "statefulsets"


def test_trigger_mode_defaults_to_cce(sdk: Any, repo: Any) -> None:
    _create(sdk, trigger_mode=None)
    assert _show(sdk, "deploy-all").trigger_mode == "cce"


def _enable(client: Any, value: str) -> None:
    client.update_trigger(
        model.UpdateTriggerRequest(
            namespace="demo",
            repository="web$api",
            trigger="deploy-all",
            body=model.UpdateTriggerRequestBody(enable=value),
        )
    )


def test_update_switches_enable_only(sdk: Any, repo: Any) -> None:
    _create(sdk)
    _enable(sdk, "false")
    shown = _show(sdk, "deploy-all")
    assert (shown.enable, shown.application, shown.trigger_type) == ("false", "web-api", "all")
    refused(lambda: _enable(sdk, "yes"), 400, "SVCSTG.SWR.4001025")


def test_delete(sdk: Any, repo: Any) -> None:
    _create(sdk)
    sdk.delete_trigger(
        model.DeleteTriggerRequest(namespace="demo", repository="web$api", trigger="deploy-all")
    )
    refused(lambda: _show(sdk, "deploy-all"), 404, "SVCSTG.SWR.4040083")
    refused(
        lambda: sdk.delete_trigger(
            model.DeleteTriggerRequest(namespace="demo", repository="web$api", trigger="deploy-all")
        ),
        404,
        "SVCSTG.SWR.4040083",
    )


def test_duplicate_name_is_a_conflict(sdk: Any, repo: Any) -> None:
    _create(sdk)
    refused(lambda: _create(sdk, application="other"), 409, "SVCSTG.SWR.4090006")


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"action": "create"}, "SVCSTG.SWR.4001025"),
        ({"app_type": "daemonsets"}, "SVCSTG.SWR.4001025"),
        ({"trigger_type": "some"}, "SVCSTG.SWR.4001025"),
        ({"trigger_mode": "ecs"}, "SVCSTG.SWR.4001025"),
        ({"enable": "True"}, "SVCSTG.SWR.4001025"),
        ({"name": "1starts-with-digit"}, "SVCSTG.SWR.4001025"),
        ({"name": "x" * 65}, "SVCSTG.SWR.4001025"),
        ({"application": "Web_API"}, "SVCSTG.SWR.4001025"),
        ({"cluster_ns": "-bad"}, "SVCSTG.SWR.4001025"),
        ({"cluster_id": "not-a-uuid"}, "SVCSTG.SWR.4001025"),
        ({"condition": "v1"}, "SVCSTG.SWR.4001025"),  # trigger_type all wants .*
        ({"trigger_type": "tag", "condition": "-bad-tag"}, "SVCSTG.SWR.4009021"),
        ({"trigger_type": "regular", "condition": "v(1"}, "SVCSTG.SWR.4001025"),
        ({"trigger_mode": "cci"}, "SVCSTG.SWR.4001025"),  # cluster fields must be blank
        ({"cluster_id": None}, "SVCSTG.SWR.4001014"),  # cce needs the cluster
        ({"name": None}, "SVCSTG.SWR.4001014"),
        ({"application": None}, "SVCSTG.SWR.4001014"),
        ({"cluster_ns": None}, "SVCSTG.SWR.4001014"),
        ({"condition": None}, "SVCSTG.SWR.4001014"),
        ({"enable": None}, "SVCSTG.SWR.4001014"),
    ],
)
def test_invalid_fields_arerefused(
    sdk: Any, repo: Any, overrides: dict[str, Any], code: str
) -> None:
    refused(lambda: _create(sdk, **overrides), 400, code)


def test_missing_repository_and_organization(sdk: Any, repo: Any) -> None:
    def create_in(namespace: str, repository: str) -> None:
        sdk.create_trigger(
            model.CreateTriggerRequest(
                namespace=namespace, repository=repository, body=trigger_body()
            )
        )

    refused(lambda: create_in("demo", "nope"), 404, "SVCSTG.SWR.4040010")
    refused(lambda: create_in("nowhere", "web$api"), 404, "SVCSTG.SWR.4040058")


def test_roles_gate_reading_and_changing(live_emulator: LiveEmulator, sdk: Any, repo: Any) -> None:
    _create(sdk)
    alice = client_as(live_emulator, "alice")
    refused(lambda: _show(alice, "deploy-all"), 404, "SVCSTG.SWR.4040058")

    repo.permissions[ALICE_ID] = Permission(ALICE_ID, "dev-alice", 1)
    assert _show(alice, "deploy-all").name == "deploy-all"
    refused(lambda: _create(alice, name="mine"), 403, "SVCSTG.SWR.4039002")

    repo.permissions[ALICE_ID].auth = 3
    _create(alice, name="mine")
    assert _show(sdk, "mine").creator_name == "dev-alice"


def test_partner_tenant_cannot_see_triggers(
    live_emulator: LiveEmulator, sdk: Any, repo: Any
) -> None:
    _create(sdk)
    partner = client_as(live_emulator, "partner")
    refused(lambda: _show(partner, "deploy-all"), 404, "SVCSTG.SWR.4040058")


def test_fire_triggers_records_history_for_matching_enabled_triggers(
    live_emulator: LiveEmulator, sdk: Any, repo: Any
) -> None:
    _create(sdk)
    _create(sdk, name="only-v2", trigger_type="tag", condition="v2")
    _create(sdk, name="releases", trigger_type="regular", condition=r"v\d+")
    _create(sdk, name="disabled", enable="false")
    state = live_emulator.app.state
    fired = fire_triggers(state, state.namespaces["demo"], repo, "v1", WHEN)
    assert sorted(entry.condition for entry in fired) == [".*", r"v\d+"]
    assert [h.tag for h in _show(sdk, "deploy-all").trigger_history] == ["v1"]

    history = _show(sdk, "releases").trigger_history
    assert [(h.tag, h.result, h.condition) for h in history] == [("v1", "success", r"v\d+")]
    assert "swr.cn-north-4.myhuaweicloud.com/demo/web/api:v1" in history[0].detail
    assert history[0].created_at == "2026-02-01T00:00:00Z"
    assert _show(sdk, "only-v2").trigger_history is None
    assert _show(sdk, "disabled").trigger_history is None
