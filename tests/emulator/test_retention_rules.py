"""The retention selection rules on their own (pure, no emulator)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from swrtui.emulator.backend.retention_rules import rule_type, select_for_deletion

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def _days_ago(**ages: float) -> dict[str, datetime]:
    return {name.replace("_", "-"): NOW - timedelta(days=age) for name, age in ages.items()}


def _rule(template: str, value: int, *selectors: tuple[str, str]) -> dict[str, object]:
    key = "days" if template == "date_rule" else "num"
    return {
        "template": template,
        "params": {key: str(value)},
        "tag_selectors": [{"kind": k, "pattern": p} for k, p in selectors],
    }


def _deleted(tags: dict[str, datetime], *rules: dict[str, object]) -> list[str]:
    policy = {"algorithm": "or", "rules": list(rules)}
    return [tag for tag, _ in select_for_deletion(policy, tags, NOW)]


def test_date_rule_deletes_tags_pushed_more_than_n_days_ago() -> None:
    tags = _days_ago(a=31, b=30, c=29, d=400)
    tags["edge"] = NOW - timedelta(days=30, seconds=1)
    assert _deleted(tags, _rule("date_rule", 30)) == ["d", "a", "edge"]


def test_tag_rule_keeps_the_n_most_recent() -> None:
    tags = _days_ago(v1=5, v2=4, v3=3, v4=2, v5=1)
    assert _deleted(tags, _rule("tag_rule", 2)) == ["v1", "v2", "v3"]
    assert _deleted(tags, _rule("tag_rule", 5)) == []


def test_tag_rule_breaks_ties_by_name() -> None:
    same = NOW - timedelta(days=1)
    assert _deleted({"a": same, "b": same, "c": same}, _rule("tag_rule", 1)) == ["a", "b"]


def test_exceptions_are_neither_deleted_nor_counted() -> None:
    tags = _days_ago(latest=100, stable=90, v1=50, v2=40, v3=1)
    rule = _rule("tag_rule", 1, ("label", "latest"), ("label", "stable"))
    # Only v1..v3 are subject to the rule: the newest of them stays.
    assert _deleted(tags, rule) == ["v1", "v2"]


def test_label_is_exact_and_regexp_searches() -> None:
    tags = _days_ago(release_1=60, release_2=60, prerelease_3=60, rc=60)
    rule = _rule("date_rule", 30, ("label", "rc"), ("regexp", "^release-"))
    assert _deleted(tags, rule) == ["prerelease-3"]
    unanchored = _rule("date_rule", 30, ("regexp", "release"))
    assert _deleted(tags, unanchored) == ["rc"]
    assert _deleted(tags, _rule("date_rule", 30, ("label", "releas"))) == sorted(tags)


def test_rules_combine_with_or_and_report_the_first_rule() -> None:
    tags = _days_ago(old=90, mid=20, new1=3, new2=2, new3=1)
    by_age, by_count = _rule("date_rule", 60), _rule("tag_rule", 3)
    chosen = select_for_deletion({"algorithm": "or", "rules": [by_age, by_count]}, tags, NOW)
    assert chosen == [("old", rule_type(by_age)), ("mid", rule_type(by_count))]


def test_rule_type_is_the_records_compact_json() -> None:
    rule = {"params": {"num": "7"}, "tag_selectors": [], "template": "tag_rule"}
    assert rule_type(rule) == '{"template":"tag_rule","params":{"num":"7"},"tag_selectors":[]}'


def test_unknown_template_or_algorithm_is_an_error() -> None:
    tags = _days_ago(a=1)
    with pytest.raises(ValueError, match="template"):
        _deleted(tags, {"template": "size_rule", "params": {"num": "1"}, "tag_selectors": []})
    with pytest.raises(ValueError, match="algorithm"):
        select_for_deletion({"algorithm": "and", "rules": []}, tags, NOW)


def test_no_rules_delete_nothing() -> None:
    assert select_for_deletion({"algorithm": "or", "rules": []}, _days_ago(a=999), NOW) == []
