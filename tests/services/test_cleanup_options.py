"""The cleanup rule options are one vocabulary: the CLI, the REPL and the TUI take the same
names with the same parsing, and plans explain selections truthfully."""

from __future__ import annotations

from datetime import timedelta

import pytest

from swrtui.cli import build_parser
from swrtui.commands.registry import REGISTRY
from swrtui.services.cleanup import Pattern, RuleError, RuleSet
from swrtui.services.cleanup.options import RULE_OPTIONS, parse_values, rule_set
from swrtui.tui.screens.cleanup import FIELDS


def _cli_flags() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    cleanup = sub.choices["cleanup"]  # type: ignore[attr-defined]
    return {flag for action in cleanup._actions for flag in action.option_strings}


def test_every_front_end_offers_the_same_rule_options() -> None:
    flags = {option.flag for option in RULE_OPTIONS}
    assert flags <= _cli_flags()
    for name in ("cleanup plan", "cleanup execute"):
        command = REGISTRY.get(name)
        assert command is not None
        assert {spec.name for spec in command.options} == flags
        helps = {spec.name: spec.help for spec in command.options}
        assert all(helps[o.flag] == o.help for o in RULE_OPTIONS)
    # The TUI's fields: every option that takes a value, labelled once.
    assert {o.flag for o in FIELDS} == {o.flag for o in RULE_OPTIONS if not o.is_flag}


def test_values_parse_to_one_rule_set() -> None:
    raw = {"keep_last": "5", "older_than": "90d", "keep": ["release-*"], "include": ["re:^v"]}
    rules = rule_set("demo/web-*", parse_values(raw))
    assert rules.keep_last == 5 and rules.older_than == timedelta(days=90)
    assert rules.keep == (Pattern("glob", "latest"), Pattern("glob", "release-*"))
    assert rules.include == (Pattern("regex", "^v"),)
    no_latest = rule_set("demo", parse_values({"keep_last": "1", "no_keep_latest": True}))
    assert no_latest.keep == ()
    with pytest.raises(RuleError, match=r"^--age: .pushed. is not one of updated, created$"):
        parse_values({"age": "pushed"})


def test_reasons_say_why_a_tag_was_chosen() -> None:
    by_hand = RuleSet(include=(Pattern("exact", "a"),), keep_last=0)
    assert by_hand.describe() == "selected by hand"
    assert RuleSet(include=(Pattern("glob", "rc-*"),), keep_last=0).describe() == "matches rc-*"
    both = RuleSet(keep_last=3, older_than=timedelta(days=30))
    assert both.describe() == "older than 30d (updated) and not among the 3 newest"
    assert RuleSet(keep_last=0, older_than=timedelta(days=30)).describe() == (
        "older than 30d (updated)"
    )


def test_keep_last_images_is_one_option_everywhere() -> None:
    assert "--keep-last-images" in _cli_flags()
    assert "--keep-last-images" in {o.flag for o in FIELDS}
    rules = rule_set("demo/web", parse_values({"keep_last_images": "3"}))
    assert (rules.keep_last_images, rules.keep_last, rules.older_than) == (3, None, None)
    assert rules.describe() == "not among the 3 newest images"
    with pytest.raises(RuleError, match=r"^--keep-last-images: '3x' is not a whole number"):
        parse_values({"keep_last_images": "3x"})
