"""SWR image retention policies (reference 4.10) through the cleanup engine.

:func:`preview_retention` shows what a policy would delete on a repository's current tags —
SWR itself offers no such preview. Each rule becomes a :class:`RuleSet` with no default
keep list: ``date_rule`` ``{"days": N}`` is "older than N days by push (update) time",
``tag_rule`` ``{"num": N}`` is "keep the N newest"; ``tag_selectors`` are the rule's
exceptions (``label`` = the exact tag, ``regexp`` = found anywhere in the name). With the
algorithm ``or`` a tag goes when any rule selects it and is reported with the first one.

:func:`export_policy` goes the other way: a cleanup rule set as a policy body, or the
reasons it cannot be one. Policies apply per repository; the rule set's scope says which.

Policies may be given as plain dicts (the wire document) or as objects with the same
attribute names (client models).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from swrtui import clock, names
from swrtui.client import SwrClient
from swrtui.services.cleanup.patterns import Pattern, RuleError, glob_to_regex
from swrtui.services.cleanup.plan import Plan, build_plan
from swrtui.services.cleanup.rules import RuleSet, TagLike, select
from swrtui.services.errors import ServiceError

DAYS_RANGE = (1, 365)
NUM_RANGE = (1, 1000)
# Python-only regex syntax that a Go (RE2) regexp, as SWR evaluates selectors with, rejects.
_NOT_RE2 = re.compile(r"\(\?[=!]|\(\?<[=!]|\\[1-9]")


def _field(source: Any, name: str) -> Any:
    if hasattr(source, "to_api"):  # client models (RetentionRule) carry the wire form
        source = source.to_api()
    if isinstance(source, Mapping):
        return source.get(name)
    return getattr(source, name, None)


def _selector(raw: Any) -> Pattern:
    kind, pattern = _field(raw, "kind"), _field(raw, "pattern")
    if kind == "label":
        return Pattern("exact", str(pattern))
    if kind == "regexp":
        return Pattern("regex", str(pattern))
    raise RuleError(f"unknown tag selector kind {kind!r} (label or regexp)")


def _rule_set(raw: Any, index: int) -> RuleSet:
    template, params = _field(raw, "template"), _field(raw, "params") or {}
    exceptions = tuple(_selector(s) for s in _field(raw, "tag_selectors") or [])
    text = ", ".join(
        f"{_field(s, 'kind')}:{_field(s, 'pattern')}" for s in _field(raw, "tag_selectors") or []
    )
    label = f"retention rule {index + 1}: {template} {dict(params)}" + (
        f" except {text}" if text else ""
    )
    if template == "date_rule":
        days = int(_field(params, "days"))
        return RuleSet(exclude=exceptions, keep=(), older_than=timedelta(days=days), label=label)
    if template == "tag_rule":
        num = int(_field(params, "num"))
        return RuleSet(exclude=exceptions, keep=(), keep_last=num, label=label)
    raise RuleError(f"unknown retention template {template!r} (date_rule or tag_rule)")


def policy_rule_sets(policy: Any) -> list[RuleSet]:
    """One rule set per rule of the policy, in policy order."""
    algorithm = _field(policy, "algorithm") or "or"
    if algorithm != "or":
        raise RuleError(f"unknown retention algorithm {algorithm!r} (only 'or' exists)")
    return [_rule_set(rule, index) for index, rule in enumerate(_field(policy, "rules") or [])]


def preview_retention(
    policy: Any, org: str, repo: str, tags: Sequence[TagLike], now: datetime
) -> Plan:
    """What ``policy`` would delete from ``org/repo`` given its ``tags`` (pure)."""
    rule_sets = policy_rule_sets(policy)

    def selector(repo_tags: Sequence[TagLike], at: datetime) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for rules in rule_sets:
            for name, reason in select(repo_tags, rules, at).items():
                chosen.setdefault(name, reason)
        return chosen

    source = {"retention_policy": {"rules": [r.to_dict() for r in rule_sets]}}
    return build_plan({(org, repo): tags}, selector, now, source)


class NoPolicy(ServiceError, LookupError):
    """The repository has no retention policy to preview."""

    code = "CLEANUP.NO_POLICY"
    title = "No retention policy"


async def preview_repository(
    client: SwrClient, org: str, repo: str, policy: Any = None, now: datetime | None = None
) -> Plan:
    """Preview ``policy`` (default: the repository's own policy) on the repository's tags."""
    if policy is None:
        policies = await client.retention.list(org, repo)
        if not policies:
            raise NoPolicy(f"{org}/{repo} has no retention policy")
        policy = policies[0]
    tags = [tag async for tag in client.tags.iter_all(org, repo)]
    return preview_retention(policy, org, repo, tags, now or clock.now())


@dataclass(frozen=True)
class PolicyExport:
    """``policy`` is the request body, or ``None`` with ``problems`` saying why not."""

    policy: dict[str, Any] | None
    problems: tuple[str, ...]


def _export_selector(pattern: Pattern, problems: list[str]) -> dict[str, str]:
    if pattern.is_literal and names.is_valid_tag(pattern.text):
        return {"kind": "label", "pattern": pattern.text}
    if pattern.kind == "regex":
        if _NOT_RE2.search(pattern.text):
            problems.append(f"{pattern}: lookarounds and backreferences are not RE2 syntax")
        return {"kind": "regexp", "pattern": pattern.text}
    text = glob_to_regex(pattern.text) if pattern.kind == "glob" else f"^{re.escape(pattern.text)}$"
    return {"kind": "regexp", "pattern": text}


def _export_rule(rules: RuleSet, problems: list[str]) -> dict[str, Any] | None:
    if rules.keep_last_images is not None:
        problems.append(
            "SWR's retention rules count tags, not images: keep-last-images has no equivalent"
        )
        return None
    if rules.older_than is not None and rules.keep_last is not None:
        problems.append(
            "older-than together with keep-last deletes only tags that are both old and beyond "
            "the newest N; SWR joins rules with 'or' (either one deletes), so use one of them"
        )
        return None
    if rules.keep_last is not None:
        if not NUM_RANGE[0] <= rules.keep_last <= NUM_RANGE[1]:
            problems.append(f"keep-last must be {NUM_RANGE[0]} to {NUM_RANGE[1]} for SWR")
        return {"template": "tag_rule", "params": {"num": str(rules.keep_last)}}
    assert rules.older_than is not None
    days, rest = divmod(rules.older_than, timedelta(days=1))
    if rest or not DAYS_RANGE[0] <= days <= DAYS_RANGE[1]:
        problems.append(f"older-than must be whole days from {DAYS_RANGE[0]} to {DAYS_RANGE[1]}")
    if rules.age_field != "updated":
        problems.append("SWR's date rule looks at the push (update) time, not the creation time")
    return {"template": "date_rule", "params": {"days": str(days)}}


def export_policy(rules: RuleSet) -> PolicyExport:
    """The SWR retention policy body equal to ``rules`` on each repository in scope."""
    problems: list[str] = []
    if rules.include:
        problems.append(
            "SWR tag selectors only exempt tags: an include filter has no equivalent "
            "(and RE2 has no negative lookahead to invert it)"
        )
    rule = _export_rule(rules, problems)
    selectors = [_export_selector(p, problems) for p in (*rules.keep, *rules.exclude)]
    if problems or rule is None:
        return PolicyExport(None, tuple(problems))
    return PolicyExport({"algorithm": "or", "rules": [{**rule, "tag_selectors": selectors}]}, ())
