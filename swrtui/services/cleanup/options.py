"""The cleanup rule options, defined once for every front end.

``swrtui cleanup`` generates its argparse options from :data:`RULE_OPTIONS`, the REPL's
``cleanup plan/execute`` its command options, and the TUI's cleanup screen its fields
(label, hint): the same names, meanings and parsing everywhere. A value is parsed by
:meth:`RuleOption.parse` and a set of parsed values becomes a :class:`RuleSet` with
:func:`rule_set`, so a typo fails the same way (``CLEANUP.BAD_RULE``) in each.

Patterns are globs by default, ``re:REGEX`` for a regular expression (see
:mod:`swrtui.services.cleanup.patterns`). Many-valued options take one value each time
and repeat (``--keep 'release-*' --keep stable``), so a value never swallows the scope.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from swrtui.errors import EXIT_USAGE
from swrtui.services.cleanup.patterns import Pattern, RuleError, parse_duration
from swrtui.services.cleanup.rules import AGE_FIELDS, DEFAULT_KEEP, RuleSet, parse_scope

# Counts people type never need more digits than this.
_MAX_DIGITS = 12


class BadRuleOption(RuleError):
    """A rule option's value that cannot be used: a usage error naming the option."""

    code = "CLEANUP.BAD_RULE"
    title = "Bad cleanup rule"
    exit_code = EXIT_USAGE


def _count(text: str) -> int:
    digits = text.strip()
    # ASCII digits only: int() would also read "٣" or "1_000".
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        raise RuleError(f"{text!r} is not a whole number of at most {_MAX_DIGITS} digits")
    return int(digits)


def _age(text: str) -> str:
    if text not in AGE_FIELDS:
        raise RuleError(f"{text!r} is not one of {', '.join(AGE_FIELDS)}")
    return text


@dataclass(frozen=True)
class RuleOption:
    """One rule option: ``--name VALUE`` on the command lines, a labelled field in the TUI."""

    name: str
    metavar: str
    help: str
    label: str
    hint: str
    convert: Callable[[str], Any] | None = None
    many: bool = False
    choices: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        return f"--{self.name}"

    @property
    def key(self) -> str:
        return self.name.replace("-", "_")

    @property
    def is_flag(self) -> bool:
        """An on/off option: no value (``--no-keep-latest``)."""
        return self.convert is None

    def parse(self, text: str) -> Any:
        """One typed value → the rule's value; :class:`BadRuleOption` names the option."""
        if self.convert is None:
            raise BadRuleOption(f"{self.flag} takes no value")
        try:
            return self.convert(text)
        except RuleError as exc:
            raise BadRuleOption(f"{self.flag}: {exc}") from None


_PATTERN_HELP = "a glob, or re:REGEX; repeatable"
RULE_OPTIONS: tuple[RuleOption, ...] = (
    RuleOption("keep-last", "N", "keep the N newest tags of each repository, delete the rest",
               "Keep last N", "e.g. 10", _count),
    RuleOption("keep-last-images", "N",
               "keep the N newest images (digests; a multi-arch list is one) with all their tags",
               "Keep last N images", "e.g. 3", _count),
    RuleOption("older-than", "AGE", "delete tags older than AGE (30d, 12h, 2w)",
               "Older than", "e.g. 90d, 12h, 2w", parse_duration),
    RuleOption("age", "updated|created", "which time --older-than reads (default: updated)",
               "Age by", "updated or created", _age, choices=AGE_FIELDS),
    RuleOption("include", "PATTERN", f"only tags matching: {_PATTERN_HELP}",
               "Include", "globs or re:REGEX, comma-separated", Pattern.parse, many=True),
    RuleOption("exclude", "PATTERN", f"never tags matching: {_PATTERN_HELP}",
               "Exclude", "globs or re:REGEX, comma-separated", Pattern.parse, many=True),
    RuleOption("keep", "PATTERN", f"always keep tags matching, as latest is: {_PATTERN_HELP}",
               "Always keep", "globs or re:REGEX, comma-separated", Pattern.parse, many=True),
    RuleOption("no-keep-latest", "", "do not keep latest by default",
               "Delete latest too", ""),
)  # fmt: skip
OPTIONS_BY_KEY = {option.key: option for option in RULE_OPTIONS}


def parse_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed option values (key → text, list of texts, or bool for flags) → parsed values."""
    parsed: dict[str, Any] = {}
    for option in RULE_OPTIONS:
        value = raw.get(option.key)
        if option.is_flag:
            parsed[option.key] = bool(value)
        elif option.many:
            parsed[option.key] = [option.parse(text) for text in value or ()]
        else:
            parsed[option.key] = option.parse(value) if value not in (None, "") else None
    return parsed


def rule_set(scope: str, values: Mapping[str, Any]) -> RuleSet:
    """A scope (``ORG[/REPO_GLOB]``) and parsed option values → the rule set.

    ``--keep`` adds to the default (latest): keeping more is never the surprise.
    """
    orgs, repos = parse_scope(scope)
    default_keep = () if values.get("no_keep_latest") else DEFAULT_KEEP
    try:
        return RuleSet(
            orgs=orgs,
            repos=repos,
            include=tuple(values.get("include") or ()),
            exclude=tuple(values.get("exclude") or ()),
            keep=(*default_keep, *(values.get("keep") or ())),
            older_than=values.get("older_than"),
            age_field=values.get("age") or "updated",
            keep_last=values.get("keep_last"),
            keep_last_images=values.get("keep_last_images"),
        )
    except RuleError as exc:
        raise BadRuleOption(str(exc)) from None
