"""Which tags an image retention policy deletes (reference 4.10, user guide "retention").

Pure functions over plain data, no emulator state: the emulator's retention runs use them, and
swrtui's own cleanup service is checked against them as an independent implementation.

Semantics (the service's user guide; where it is silent, the choice is written down here):

- ``date_rule`` ``{"days": "N"}``: keep only tags pushed within the last N days, i.e. delete a
  tag whose last push (``updated``) is *more* than N days before ``now``.
- ``tag_rule`` ``{"num": "N"}``: keep only the N most recently pushed tags; ties on the push
  time are broken by name, the greater name counting as the newer.
- ``tag_selectors`` are exceptions ("image tags that you do not want this retention policy to
  apply to"): a tag matched by a selector of a rule is invisible to that rule — never deleted
  by it and not counted among the N kept by a ``tag_rule``. ``label`` matches the exact tag
  name; ``regexp`` matches when the expression is found anywhere in the name (``re.search``,
  like Go's ``MatchString``; anchor it with ``^...$`` for a whole-name match).
- ``algorithm`` ``"or"`` (the only one): a tag is deleted when any rule selects it; it is
  reported with the first rule, in policy order, that selected it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

ALGORITHMS = ("or",)
# template -> (its one parameter, smallest, largest value): the console's bounds.
TEMPLATES: dict[str, tuple[str, int, int]] = {
    "date_rule": ("days", 1, 365),
    "tag_rule": ("num", 1, 1000),
}
SELECTOR_KINDS = ("label", "regexp")

Rule = Mapping[str, Any]


def rule_type(rule: Rule) -> str:
    """The rule as the retention records show it: compact JSON, template first."""
    document = {
        "template": rule["template"],
        "params": dict(rule.get("params") or {}),
        "tag_selectors": [
            {"kind": s["kind"], "pattern": s["pattern"]} for s in rule.get("tag_selectors") or []
        ],
    }
    return json.dumps(document, separators=(",", ":"))


def is_exception(rule: Rule, tag: str) -> bool:
    """Whether one of the rule's ``tag_selectors`` protects ``tag`` from it."""
    for selector in rule.get("tag_selectors") or []:
        pattern = selector["pattern"]
        if selector["kind"] == "label" and pattern == tag:
            return True
        if selector["kind"] == "regexp" and re.search(pattern, tag):
            return True
    return False


def rule_victims(rule: Rule, tags: Mapping[str, datetime], now: datetime) -> set[str]:
    """The tags one rule deletes, given each tag's last push time."""
    template = rule["template"]
    if template not in TEMPLATES:
        raise ValueError(f"unknown retention template {template!r}")
    key = TEMPLATES[template][0]
    limit = int(rule["params"][key])
    candidates = {name: when for name, when in tags.items() if not is_exception(rule, name)}
    if template == "date_rule":
        oldest_kept = now - timedelta(days=limit)
        return {name for name, when in candidates.items() if when < oldest_kept}
    newest_first = sorted(candidates, key=lambda name: (candidates[name], name), reverse=True)
    return set(newest_first[limit:])


def select_for_deletion(
    policy: Mapping[str, Any], tags: Mapping[str, datetime], now: datetime
) -> list[tuple[str, str]]:
    """``(tag, rule_type)`` for every tag the policy deletes, oldest push first.

    ``policy`` is the wire document (``algorithm``, ``rules``); ``tags`` maps tag name to
    its last push time (timezone-aware, like ``now``).
    """
    algorithm = policy.get("algorithm", "or")
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown retention algorithm {algorithm!r}")
    rules: Sequence[Rule] = policy.get("rules") or []
    chosen: dict[str, str] = {}
    for rule in rules:
        for name in rule_victims(rule, tags, now):
            chosen.setdefault(name, rule_type(rule))
    order = sorted(chosen, key=lambda name: (tags[name], name))
    return [(name, chosen[name]) for name in order]
