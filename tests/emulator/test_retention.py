"""Image retention policies (4.10) through the official SDK over a real socket."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state.store import utcnow
from tests.conftest import LiveEmulator
from tests.emulator.helpers import add_repo, client_as, push_tags, refused

pytestmark = pytest.mark.socket

LAB = ("demo", "retention-lab")


def _rule(template: str, params: dict[str, Any], selectors: tuple[tuple[str, str], ...] = ()):
    return model.Rule(
        template=template,
        params=params,
        tag_selectors=[model.TagSelector(kind=k, pattern=p) for k, p in selectors],
    )


def _create(sdk: Any, rules: list[Any], where: tuple[str, str] = LAB, algorithm: str = "or"):
    body = model.CreateRetentionRequestBody(algorithm=algorithm, rules=rules)
    request = model.CreateRetentionRequest(namespace=where[0], repository=where[1], body=body)
    return sdk.create_retention(request).id


def _histories(sdk: Any, where: tuple[str, str] = LAB, **query: str) -> Any:
    request = model.ListRetentionHistoriesRequest(namespace=where[0], repository=where[1], **query)
    return sdk.list_retention_histories(request)


def _run(live: LiveEmulator, **scope: str) -> list[dict[str, Any]]:
    response = httpx.post(f"{live.url}/_emulator/retention/run", json=scope)
    assert response.status_code == 200, response.text
    return response.json()["deleted"]


@pytest.fixture
def lab(live_emulator: LiveEmulator) -> LiveEmulator:
    add_repo(live_emulator.app.state, *LAB, {})
    return live_emulator


def test_create_show_list_update_delete(sdk: Any, lab: LiveEmulator) -> None:
    selectors = (("label", "v5"), ("label", "1.0.1"), ("regexp", "^123$"))
    policy_id = _create(sdk, [_rule("date_rule", {"days": "30"}, selectors)])
    assert isinstance(policy_id, int)

    shown = sdk.show_retention(
        model.ShowRetentionRequest(namespace=LAB[0], repository=LAB[1], retention_id=policy_id)
    )
    assert (shown.id, shown.algorithm, shown.scope) == (policy_id, "or", "")
    assert shown.rules[0].template == "date_rule"
    assert shown.rules[0].params == {"days": "30"}
    assert [(s.kind, s.pattern) for s in shown.rules[0].tag_selectors] == list(selectors)

    listed = sdk.list_retentions(model.ListRetentionsRequest(namespace=LAB[0], repository=LAB[1]))
    assert [p.id for p in listed.body] == [policy_id]

    body = model.UpdateRetentionRequestBody(algorithm="or", rules=[_rule("tag_rule", {"num": "7"})])
    sdk.update_retention(
        model.UpdateRetentionRequest(
            namespace=LAB[0], repository=LAB[1], retention_id=policy_id, body=body
        )
    )
    shown = sdk.show_retention(
        model.ShowRetentionRequest(namespace=LAB[0], repository=LAB[1], retention_id=policy_id)
    )
    assert (shown.rules[0].template, shown.rules[0].params) == ("tag_rule", {"num": "7"})
    assert shown.rules[0].tag_selectors == []

    sdk.delete_retention(
        model.DeleteRetentionRequest(namespace=LAB[0], repository=LAB[1], retention_id=policy_id)
    )
    listed = sdk.list_retentions(model.ListRetentionsRequest(namespace=LAB[0], repository=LAB[1]))
    assert not listed.body  # the SDK turns an empty array into None
    refused(
        lambda: sdk.show_retention(
            model.ShowRetentionRequest(namespace=LAB[0], repository=LAB[1], retention_id=policy_id)
        ),
        404,
        "SVCSTG.SWR.4040083",
    )


def test_seeded_policy_and_records(sdk: Any) -> None:
    where = ("platform", "api-gateway")
    listed = sdk.list_retentions(
        model.ListRetentionsRequest(namespace=where[0], repository=where[1])
    )
    assert len(listed.body) == 1
    assert listed.body[0].rules[0].params == {"days": "90"}

    page = _histories(sdk, where, limit="2", offset="0")
    assert page.total == 3 and len(page.retention_log) == 2
    assert page.content_range == "0-2/3"
    rest = _histories(sdk, where, filter="limit::2|offset::2")
    assert rest.content_range == "2-1/3"
    tags = {log.tag for log in page.retention_log + rest.retention_log}
    assert tags == {"sha-1f0c2a9", "sha-77ab310", "sha-0e93d5c"}
    assert all(log.retention_id == listed.body[0].id for log in page.retention_log)
    assert page.retention_log[0].created_at >= page.retention_log[1].created_at


def test_one_policy_per_repository(sdk: Any, lab: LiveEmulator) -> None:
    _create(sdk, [_rule("tag_rule", {"num": "20"})])
    refused(lambda: _create(sdk, [_rule("tag_rule", {"num": "5"})]), 400, "SVCSTG.SWR.4001025")


def test_run_deletes_exactly_the_selected_tags(sdk: Any, lab: LiveEmulator) -> None:
    rules = [
        _rule("date_rule", {"days": "30"}, (("label", "latest"), ("regexp", "^keep-"))),
        _rule("tag_rule", {"num": "2"}, (("label", "latest"), ("regexp", "^keep-"))),
    ]
    policy_id = _create(sdk, rules)
    now = utcnow()
    days = {"old": 100, "month": 31, "recent-a": 3, "recent-b": 2, "recent-c": 1}
    pushed = {tag: now - timedelta(days=d) for tag, d in days.items()}
    pushed |= {"latest": now - timedelta(days=200), "keep-1.0": now - timedelta(days=300)}
    repo = lab.app.state.namespaces[LAB[0]].repos[LAB[1]]
    push_tags(lab.app.state, LAB[0], repo, pushed)

    deleted = _run(lab, namespace=LAB[0], repository=LAB[1])

    # old and month are past 30 days; recent-a is the third newest of the unprotected tags.
    assert [d["tag"] for d in deleted] == ["old", "month", "recent-a"]
    assert {d["retention_id"] for d in deleted} == {policy_id}
    assert json.loads(deleted[0]["rule_type"])["template"] == "date_rule"
    assert json.loads(deleted[2]["rule_type"])["template"] == "tag_rule"
    assert set(repo.tags) == {"recent-b", "recent-c", "latest", "keep-1.0"}

    records = _histories(sdk)
    assert records.total == 3
    assert {log.tag for log in records.retention_log} == {"old", "month", "recent-a"}
    assert {(log.namespace, log.repo) for log in records.retention_log} == {LAB}
    assert _run(lab, namespace=LAB[0], repository=LAB[1]) == []


def test_creating_a_policy_applies_it_at_once(sdk: Any, live_emulator: LiveEmulator) -> None:
    now = utcnow()
    pushed = {"ancient": now - timedelta(days=400), "fresh": now - timedelta(hours=1)}
    repo = add_repo(live_emulator.app.state, *LAB, pushed)
    _create(sdk, [_rule("date_rule", {"days": "365"})])
    assert set(repo.tags) == {"fresh"}
    assert [log.tag for log in _histories(sdk).retention_log] == ["ancient"]


def test_run_scope_leaves_other_repositories(sdk: Any, lab: LiveEmulator) -> None:
    _create(sdk, [_rule("tag_rule", {"num": "1"})])
    now = utcnow()
    repo = lab.app.state.namespaces[LAB[0]].repos[LAB[1]]
    push_tags(lab.app.state, LAB[0], repo, {"a": now - timedelta(days=2), "b": now})
    elsewhere = _run(lab, namespace="platform")  # its seeded 90-day policy finds old tags
    assert elsewhere and {(d["namespace"], d["repository"]) for d in elsewhere} == {
        ("platform", "api-gateway")
    }
    assert set(repo.tags) == {"a", "b"}
    assert [d["tag"] for d in _run(lab, namespace=LAB[0], repository=LAB[1])] == ["a"]


@pytest.mark.parametrize(
    ("algorithm", "rule", "code"),
    [
        ("and", _rule("date_rule", {"days": "30"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("week_rule", {"days": "30"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("date_rule", {"days": "0"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("date_rule", {"days": "366"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("date_rule", {"days": "ten"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("date_rule", {"days": 30}), "SVCSTG.SWR.4001025"),
        ("or", _rule("date_rule", {"num": "30"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("tag_rule", {"num": "1001"}), "SVCSTG.SWR.4001025"),
        ("or", _rule("tag_rule", {"num": "5"}, (("glob", "v*"),)), "SVCSTG.SWR.4001025"),
        ("or", _rule("tag_rule", {"num": "5"}, (("regexp", "v(1"),)), "SVCSTG.SWR.4001025"),
        ("or", _rule("tag_rule", {"num": "5"}, (("label", "-bad"),)), "SVCSTG.SWR.4001025"),
        ("or", _rule("tag_rule", {"num": "5"}, (("label", ""),)), "SVCSTG.SWR.4001014"),
        ("or", model.Rule(template="tag_rule", params={"num": "5"}), "SVCSTG.SWR.4001014"),
        ("or", model.Rule(template="tag_rule", tag_selectors=[]), "SVCSTG.SWR.4001014"),
    ],
)
def test_invalid_policies_are_refused(
    sdk: Any, lab: LiveEmulator, algorithm: str, rule: Any, code: str
) -> None:
    refused(lambda: _create(sdk, [rule], algorithm=algorithm), 400, code)
    assert lab.app.state.namespaces[LAB[0]].repos[LAB[1]].retentions == {}


def test_empty_rules_are_refused(sdk: Any, lab: LiveEmulator) -> None:
    refused(lambda: _create(sdk, []), 400, "SVCSTG.SWR.4001025")


def test_missing_repository_and_policy(sdk: Any, lab: LiveEmulator) -> None:
    refused(
        lambda: _create(sdk, [_rule("tag_rule", {"num": "5"})], ("demo", "nope")),
        404,
        "SVCSTG.SWR.4040010",
    )
    refused(
        lambda: sdk.delete_retention(
            model.DeleteRetentionRequest(namespace=LAB[0], repository=LAB[1], retention_id=424242)
        ),
        404,
        "SVCSTG.SWR.4040083",
    )


def test_permissions(live_emulator: LiveEmulator) -> None:
    bob = client_as(live_emulator, "bob")  # views data-team
    where = ("data-team", "kafka")
    listed = bob.list_retentions(
        model.ListRetentionsRequest(namespace=where[0], repository=where[1])
    )
    assert not listed.body  # the SDK turns an empty array into None
    assert _histories(bob, where).total == 0
    refused(lambda: _create(bob, [_rule("tag_rule", {"num": "5"})], where), 403,
             "SVCSTG.SWR.4039002")  # fmt: skip

    alice = client_as(live_emulator, "alice")  # no role on data-team; edits platform
    refused(
        lambda: alice.list_retentions(
            model.ListRetentionsRequest(namespace=where[0], repository=where[1])
        ),
        404,
        "SVCSTG.SWR.4040058",
    )
    assert isinstance(
        _create(alice, [_rule("tag_rule", {"num": "50"})], ("platform", "envoy")), int
    )
