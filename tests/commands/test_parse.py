"""Tokenizing, addressing and argument validation: every problem names its argument."""

from __future__ import annotations

from datetime import timedelta

import pytest

from swrtui.commands import REGISTRY, RepoRef, TagRef, UsageError, Where, parse
from swrtui.commands.tokens import tokenize


def test_tokenize_keeps_positions_and_tolerates_open_quotes() -> None:
    tokens = tokenize("tags 'demo/web' \"a b\" c\\ d 'open")
    assert [t.text for t in tokens] == ["tags", "demo/web", "a b", "c d", "open"]
    assert (tokens[1].start, tokens[1].end) == (5, 15)
    assert tokens[-1].open_quote and not tokens[0].open_quote


def test_group_word_alone_runs_the_default_subcommand() -> None:
    invocation = parse(REGISTRY, "tags demo/nginx --sort size --limit 5", Where())
    assert invocation is not None
    assert invocation.command.name == "tags list"
    assert invocation.values["repo"] == RepoRef("demo", "nginx")
    assert invocation.values["sort"] == "size" and invocation.values["limit"] == 5


def test_aliases_and_nested_repository_names() -> None:
    invocation = parse(REGISTRY, "tag ls demo/tools/ci-runner", Where())
    assert invocation is not None
    assert invocation.command.name == "tags list"
    assert invocation.values["repo"] == RepoRef("demo", "tools/ci-runner")


def test_context_fills_short_forms() -> None:
    where = Where("demo", "nginx")
    show = parse(REGISTRY, "tags show 1.0", where)
    assert show is not None and show.values["ref"] == TagRef("demo", "nginx", "1.0")
    other = parse(REGISTRY, "tags show redis:7", where)
    assert other is not None and other.values["ref"] == TagRef("demo", "redis", "7")
    listing = parse(REGISTRY, "tags", where)
    assert listing is not None and listing.values["repo"] == RepoRef("demo", "nginx")
    absolute = parse(REGISTRY, "tags show platform/envoy:1", where)
    assert absolute is not None and absolute.values["ref"] == TagRef("platform", "envoy", "1")


def test_invalid_names_point_at_the_argument() -> None:
    with pytest.raises(UsageError) as bad_repo:
        parse(REGISTRY, "tags demo/Foo", Where())
    assert str(bad_repo.value).startswith(
        "tags list: invalid repository name 'Foo' (argument 1): 1-128 characters"
    )
    with pytest.raises(UsageError) as bad_tag:
        parse(REGISTRY, "tags delete demo/web:ok -bad", Where())
    assert "invalid tag name '-bad' (argument 2)" in str(bad_tag.value)
    with pytest.raises(UsageError) as bad_option:
        parse(REGISTRY, "tags demo/web --limit many", Where())
    assert "'many' is not a whole number (option --limit)" in str(bad_option.value)


def test_missing_and_unknown_things_are_usage_errors() -> None:
    cases = {
        "nope": "unknown command 'nope'",
        "tags": "missing REPO (argument 1): or `cd ORG/REPO` first",
        "tags demo/web --bogus": "unknown option --bogus",
        "tags show web": "'web' needs a repository",
        "orgs show demo extra": "unexpected argument 'extra' (argument 2)",
        "tags demo/web --limit": "--limit needs a value",
        "tags 'demo/web": "unclosed quote",
    }
    for line, expected in cases.items():
        with pytest.raises(UsageError) as caught:
            parse(REGISTRY, line, Where())
        assert expected in str(caught.value), line


def test_output_flags_yes_and_repeatable_options() -> None:
    invocation = parse(
        REGISTRY, "cleanup execute demo/* --older-than 30d --keep a --keep b --csv --yes", Where()
    )
    assert invocation is not None
    assert invocation.output == "csv" and invocation.yes
    assert [str(p) for p in invocation.values["keep"]] == ["a", "b"]
    assert invocation.values["older_than"] == timedelta(days=30)
    # --yes is for destructive commands only.
    with pytest.raises(UsageError):
        parse(REGISTRY, "tags demo/web --yes", Where())


def test_blank_lines_and_comments_are_nothing() -> None:
    assert parse(REGISTRY, "   ", Where()) is None
    assert parse(REGISTRY, "# a comment", Where()) is None


def test_sub_group_word_alone_lists() -> None:
    invocation = parse(REGISTRY, "perms image demo/nginx", Where())
    assert invocation is not None and invocation.command.name == "perms image list"
    org = parse(REGISTRY, "perms org demo", Where())
    assert org is not None and org.command.name == "perms org list"
    assert org.values["org"] == "demo"


def test_every_command_has_a_summary_and_help() -> None:
    from swrtui.commands import help_text

    for command in REGISTRY:
        assert command.summary, command.name
        text = help_text(command.name.split())
        assert text.startswith(f"usage: {command.name}"), command.name
    assert "perms" in help_text([]) and "cleanup" in help_text([])
