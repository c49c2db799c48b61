"""client.retention against the in-process emulator, and the rule builders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from swrtui import clock
from swrtui.client import NotFoundError, PermissionDeniedError, SwrClient, SwrError, ValidationError
from swrtui.client.models.retention import RetentionRecord, RetentionRule, TagSelector
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.backend.retention_rules import select_for_deletion


def test_rule_builders_and_wire_form() -> None:
    rule = RetentionRule.date_rule(30, keep_tags=["latest", "stable"], keep_regex="^release-")
    assert rule.to_api() == {
        "template": "date_rule",
        "params": {"days": "30"},
        "tag_selectors": [
            {"kind": "label", "pattern": "latest"},
            {"kind": "label", "pattern": "stable"},
            {"kind": "regexp", "pattern": "^release-"},
        ],
    }
    assert RetentionRule.from_api(rule.to_api()) == rule
    assert RetentionRule.tag_rule(1000).to_api()["params"] == {"num": "1000"}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: RetentionRule.date_rule(0), "days must be from 1 to 365, got 0"),
        (lambda: RetentionRule.date_rule(366), "days must be from 1 to 365"),
        (lambda: RetentionRule.tag_rule(1001), "num must be from 1 to 1000"),
        (lambda: RetentionRule.tag_rule(True), "num must be an integer"),
        (lambda: RetentionRule.tag_rule(5, keep_tags=["bad tag"]), "invalid tag name"),
        (lambda: RetentionRule.tag_rule(5, keep_regex="("), "invalid regexp"),
        (lambda: RetentionRule("size_rule", 5).check(), "invalid template"),
        (lambda: RetentionRule("tag_rule", 5, (TagSelector("glob", "*"),)).check(), "kind"),
    ],
)
def test_rule_bounds(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build()


async def test_list_get_and_histories_of_the_seeded_policy(swr: SwrClient) -> None:
    [policy] = await swr.retention.list("platform", "api-gateway")
    assert (policy.algorithm, policy.rules) == (
        "or",
        (RetentionRule.date_rule(90, keep_tags=["latest"]),),
    )
    assert await swr.retention.get("platform", "api-gateway", policy.id) == policy
    history = await swr.retention.histories("platform", "api-gateway", limit=2)
    assert history.total == 3 and len(history.records) == 2
    first = history.records[0]
    assert (first.retention_id, first.namespace, first.repo) == (
        policy.id,
        "platform",
        "api-gateway",
    )
    assert first.rule == policy.rules[0] and first.created_at is not None
    every = [r async for r in swr.retention.iter_histories("platform", "api-gateway", page_size=2)]
    assert [r.tag for r in every] == ["sha-1f0c2a9", "sha-77ab310", "sha-0e93d5c"]
    assert every[:2] == list(history.records)


async def test_create_runs_at_once_update_delete(swr: SwrClient, app: EmulatorApp) -> None:
    repo = app.state.namespaces["demo"].repos["nginx"]
    rule = RetentionRule.tag_rule(25, keep_tags=["latest"])
    pushed = {name: tag.updated for name, tag in repo.tags.items()}
    expected = [
        tag
        for tag, _ in select_for_deletion(
            {"algorithm": "or", "rules": [rule.to_api()]}, pushed, clock.now()
        )
    ]
    assert expected  # the seed has more than 25 tags
    policy_id = await swr.retention.create("demo", "nginx", [rule])
    remaining = {tag.name for tag in await swr.tags.list("demo", "nginx")}
    assert remaining == set(pushed) - set(expected)
    history = await swr.retention.histories("demo", "nginx")
    assert history.total == len(expected)
    assert {r.tag for r in history.records} == set(expected)
    assert {r.retention_id for r in history.records} == {policy_id}
    # A second policy on the same repository is refused.
    with pytest.raises(SwrError) as second:
        await swr.retention.create("demo", "nginx", [RetentionRule.date_rule(7)])
    assert second.value.status == 400
    await swr.retention.update("demo", "nginx", policy_id, [RetentionRule.date_rule(365)])
    [updated] = await swr.retention.list("demo", "nginx")
    assert (updated.id, updated.rules) == (policy_id, (RetentionRule.date_rule(365),))
    await swr.retention.delete("demo", "nginx", policy_id)
    assert await swr.retention.list("demo", "nginx") == []
    with pytest.raises(NotFoundError):
        await swr.retention.get("demo", "nginx", policy_id)


async def test_server_refusals(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(NotFoundError):
        await swr.retention.list("demo", "no-such-repo")
    with pytest.raises(PermissionDeniedError):
        await alice.retention.create("ml-lab", "models/bert-base", [RetentionRule.tag_rule(3)])


def test_record_with_a_non_json_rule_type() -> None:
    record = RetentionRecord.from_api({"id": 1, "rule_type": "date_rule", "tag": None})
    assert (record.rule, record.tag, record.created_at) == (None, "", None)


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    with pytest.raises(ValidationError, match="at least one rule"):
        await swr.retention.create("demo", "nginx", [])
    with pytest.raises(ValidationError, match="invalid algorithm"):
        await swr.retention.create("demo", "nginx", [RetentionRule.tag_rule(3)], algorithm="and")
    with pytest.raises(ValidationError, match="days must be from 1 to 365"):
        await swr.retention.update("demo", "nginx", 1, [RetentionRule("date_rule", 400)])
    with pytest.raises(ValidationError, match="retention id"):
        await swr.retention.delete("demo", "nginx", -1)
    with pytest.raises(ValidationError, match="limit must be at least 1"):
        await swr.retention.histories("demo", "nginx", limit=0)
    assert app.faults.stats.requests == sent
