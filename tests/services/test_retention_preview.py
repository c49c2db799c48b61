"""Retention previews agree with the emulator's own retention runs (two implementations)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from swrtui import clock
from swrtui.client import AkSkAuth, SwrClient
from swrtui.client.models.retention import RetentionRule
from swrtui.emulator.backend.retention import execute_policies
from swrtui.emulator.backend.retention_rules import rule_type, select_for_deletion
from swrtui.emulator.state import seeds
from swrtui.emulator.state.store import Retention
from swrtui.services.cleanup import (
    Pattern,
    RuleSet,
    export_policy,
    parse_duration,
    plan_rules,
    preview_repository,
    preview_retention,
)
from tests.services.conftest import LAB, LAB_TAGS, Lab, push_lab
from tests.services.test_cleanup_plan import FakeTag

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
POLICY = {
    "algorithm": "or",
    "rules": [
        {
            "template": "date_rule",
            "params": {"days": "90"},
            "tag_selectors": [
                {"kind": "label", "pattern": "latest"},
                {"kind": "regexp", "pattern": "^release-"},
            ],
        },
        {
            "template": "tag_rule",
            "params": {"num": "4"},
            "tag_selectors": [{"kind": "regexp", "pattern": "hotfix"}],
        },
    ],
}


async def test_preview_equals_the_emulators_run_in_process(swr: SwrClient, lab: Lab) -> None:
    plan = await preview_repository(swr, *LAB, POLICY, now=lab.now)
    repo = lab.app.state.namespaces["demo"].repos["cleanup-lab"]
    repo.retentions[1] = Retention(id=1, algorithm="or", rules=copy.deepcopy(POLICY["rules"]))
    ran = execute_policies(lab.app.state, "demo", "cleanup-lab", now=lab.now)
    assert {item.tag for item in plan.items} == {entry["tag"] for entry in ran}
    assert plan.count == len(ran) > 0
    # Both name the first rule that selected each tag.
    rule_index = {rule_type(r): i for i, r in enumerate(POLICY["rules"])}
    ours = {i.tag: i.rule.split(":")[0] for i in plan.items}
    theirs = {e["tag"]: f"retention rule {rule_index[e['rule_type']] + 1}" for e in ran}
    assert ours == theirs


async def test_preview_of_the_repositorys_own_policy_over_a_socket(live_emulator: Any) -> None:
    push_lab(live_emulator.app, clock.now(), LAB)
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    async with SwrClient(live_emulator.url, auth=auth) as client:
        rules = [
            RetentionRule.date_rule(90, keep_tags=["latest"], keep_regex="^release-"),
            RetentionRule.tag_rule(4, keep_regex="hotfix"),
        ]
        preview = preview_retention({"algorithm": "or", "rules": rules}, *LAB,
            [t async for t in client.tags.iter_all(*LAB)], clock.now())  # fmt: skip
        # Creating the policy runs it at once: the emulator's own retention execution.
        await client.retention.create(*LAB, rules)
        records = [r async for r in client.retention.iter_histories(*LAB)]
        remaining = {t.name async for t in client.tags.iter_all(*LAB)}
        # And with the policy stored, the preview fetches it by itself (and finds nothing left).
        after = await preview_repository(client, *LAB)
    assert {r.tag for r in records} == {i.tag for i in preview.items}
    assert remaining == set(LAB_TAGS) - {i.tag for i in preview.items}
    assert after.count == 0


tag_names = st.text(alphabet="abv0.1-", min_size=1, max_size=4).filter(lambda s: s[0].isalnum())
selectors = st.lists(
    st.one_of(
        st.builds(lambda t: {"kind": "label", "pattern": t}, tag_names),
        st.builds(
            lambda t: {"kind": "regexp", "pattern": t}, st.sampled_from(["^a", "1$", "v", "b.0"])
        ),
    ),
    max_size=2,
)


def _rule(template: str, key: str) -> Any:
    def build(value: int, chosen: list[dict[str, str]]) -> dict[str, Any]:
        return {"template": template, "params": {key: str(value)}, "tag_selectors": chosen}

    return build


rules = st.one_of(
    st.builds(_rule("date_rule", "days"), st.integers(1, 60), selectors),
    st.builds(_rule("tag_rule", "num"), st.integers(1, 6), selectors),
)


@settings(max_examples=200, deadline=None)
@given(
    tags=st.dictionaries(tag_names, st.integers(0, 90 * 24), min_size=0, max_size=10),
    policy_rules=st.lists(rules, min_size=1, max_size=3),
)
def test_preview_agrees_with_the_emulators_selection(
    tags: dict[str, int], policy_rules: list[dict[str, Any]]
) -> None:
    times = {name: NOW - timedelta(hours=hours) for name, hours in tags.items()}
    policy = {"algorithm": "or", "rules": policy_rules}
    fakes = [FakeTag(name, updated=when) for name, when in times.items()]
    plan = preview_retention(policy, "o", "r", fakes, NOW)
    theirs = select_for_deletion(policy, times, NOW)
    assert sorted(i.tag for i in plan.items) == sorted(name for name, _ in theirs)
    first_rule = {name: [rule_type(r) for r in policy_rules].index(kind) for name, kind in theirs}
    for item in plan.items:
        # Identical rules may appear twice: compare the first index of that rule.
        index = int(item.rule.split(":")[0].split()[-1]) - 1
        assert rule_type(policy_rules[index]) == rule_type(policy_rules[first_rule[item.tag]])


def test_export_of_an_expressible_rule_set_runs_the_same_on_the_emulator(lab: Lab) -> None:
    rules = RuleSet(
        older_than=parse_duration("90d"),
        keep=(Pattern.parse("latest"), Pattern.parse("release-*"), Pattern.parse("re:^hotfix")),
    )
    exported = export_policy(rules)
    assert exported.problems == ()
    assert exported.policy == {
        "algorithm": "or",
        "rules": [{
            "template": "date_rule",
            "params": {"days": "90"},
            "tag_selectors": [
                {"kind": "label", "pattern": "latest"},
                {"kind": "regexp", "pattern": r"^release\-.*$"},
                {"kind": "regexp", "pattern": "^hotfix"},
            ],
        }],
    }  # fmt: skip
    repo = lab.app.state.namespaces["demo"].repos["cleanup-lab"]
    tags = list(repo.tags.values())
    ours = plan_rules({LAB: tags}, rules, lab.now)
    repo.retentions[1] = Retention(id=1, algorithm="or", rules=exported.policy["rules"])
    ran = execute_policies(lab.app.state, *LAB, now=lab.now)
    assert {i.tag for i in ours.items} == {e["tag"] for e in ran} != set()


def test_export_says_why_a_rule_set_is_not_expressible() -> None:
    both = export_policy(RuleSet(keep_last=5, older_than=parse_duration("90d")))
    assert both.policy is None and "'or'" in both.problems[0]
    odd = export_policy(
        RuleSet(
            older_than=parse_duration("36h"),
            age_field="created",
            include=(Pattern.parse("re:^sha-"),),
            exclude=(Pattern.parse("re:(?!x)"),),
        )
    )
    assert odd.policy is None
    text = " | ".join(odd.problems)
    for fragment in ("include", "whole days", "push (update) time", "RE2"):
        assert fragment in text
    assert export_policy(RuleSet(keep_last=2000)).problems[0].startswith("keep-last must be")
    images = export_policy(RuleSet(keep_last_images=3))
    assert images.policy is None and images.problems == (
        "SWR's retention rules count tags, not images: keep-last-images has no equivalent",
    )
    simple = export_policy(RuleSet(keep_last=3, keep=()))
    assert simple.policy == {
        "algorithm": "or",
        "rules": [{"template": "tag_rule", "params": {"num": "3"}, "tag_selectors": []}],
    }
