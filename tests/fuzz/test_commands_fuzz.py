"""The REPL's command language on arbitrary lines: parse, tokenize and complete.

Clean error, for the command layer: :func:`swrtui.commands.parse.parse` returns an
``Invocation`` (or ``None`` for a blank line or a comment) or raises ``UsageError``, whose
one-line message the REPL and the TUI command bar show; ``suggest`` returns suggestions for
any line and cursor position and never raises (it runs on every keystroke). Lines are
built mostly from the registry's own words, real names and flags, so they reach the
argument binders, plus quotes, escapes and arbitrary text.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swrtui.commands import REGISTRY
from swrtui.commands.args import Where
from swrtui.commands.parse import Invocation, UsageError, parse
from swrtui.commands.suggest import Suggestion, suggest
from swrtui.commands.tokens import quote, tokenize

pytestmark = pytest.mark.fuzz


class _Names:
    """A name cache with a few real-looking entries."""

    def orgs(self) -> Sequence[str]:
        return ["demo", "platform"]

    def repos(self, org: str) -> Sequence[str]:
        return ["nginx", "tools/ci-runner"]

    def all_repos(self) -> Sequence[str]:
        return ["demo/nginx", "platform/tools/ci-runner"]

    def tags(self, org: str, repo: str) -> Sequence[str]:
        return ["latest", "v1.2.3"]


VOCABULARY = sorted(
    {group.name for group in REGISTRY.groups.values()}
    | {word for group in REGISTRY.groups.values() for sub in group.commands for word in sub.split()}
    | {
        "--json",
        "--csv",
        "--table",
        "--yes",
        "--limit",
        "--older-than",
        "--keep-last",
        "--keep",
        "-n",
        "=",
        "demo",
        "nginx",
        "demo/nginx",
        "demo/nginx:latest",
        "latest",
        "90d",
        "7",
        "-1",
        "true",
        "Foo",
        "a..b",
        "#",
        "'",
        '"',
        "\\",
        "*",
        "'quoted word'",
    }
)
words = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12))
lines = st.one_of(st.lists(words, max_size=8).map(" ".join), st.text(max_size=80))
wheres = st.sampled_from([Where(), Where("demo"), Where("demo", "nginx"), Where("Bad", None)])


@given(lines, wheres)
def test_parse_gives_an_invocation_or_a_usage_error(line: str, where: Where) -> None:
    try:
        invocation = parse(REGISTRY, line, where)
    except UsageError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert invocation is None or isinstance(invocation, Invocation)
    if invocation is None:
        assert not line.strip() or tokenize(line)[0].text.startswith("#")


@given(lines, st.integers(min_value=0, max_value=100), wheres)
def test_completion_never_raises(line: str, cursor: int, where: Where) -> None:
    found = suggest(line, min(cursor, len(line)), _Names(), where=where)
    assert isinstance(found, list) and all(isinstance(s, Suggestion) for s in found)


@given(st.lists(st.text(max_size=10), max_size=6))
def test_quoted_words_tokenize_back_to_themselves(items: list[str]) -> None:
    line = " ".join(quote(item) for item in items)
    assert [token.text for token in tokenize(line)] == [item for item in items]
