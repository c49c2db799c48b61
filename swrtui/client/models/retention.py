"""Image retention policies and their records (reference 4.10).

A policy holds rules; each rule is a ``date_rule`` (keep tags pushed within N days) or a
``tag_rule`` (keep the N newest tags), and its ``tag_selectors`` name tags the rule never
deletes (``label``: the exact tag, ``regexp``: tags the expression matches). Build rules with
:meth:`RetentionRule.date_rule` / :meth:`RetentionRule.tag_rule`, which check the bounds the
service enforces (days 1-365, num 1-1000) before anything is sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui import names
from swrtui.client.errors import ValidationError
from swrtui.client.models import _parse

ALGORITHMS = ("or",)
SELECTOR_KINDS = ("label", "regexp")
# template -> (its one parameter, smallest, largest value)
TEMPLATES: dict[str, tuple[str, int, int]] = {
    "date_rule": ("days", 1, 365),
    "tag_rule": ("num", 1, 1000),
}


@dataclass(frozen=True)
class TagSelector:
    kind: str  # "label" or "regexp"
    pattern: str

    def check(self) -> TagSelector:
        if self.kind not in SELECTOR_KINDS:
            raise ValidationError(f"invalid selector kind {self.kind!r}: use label or regexp")
        if self.kind == "label" and not names.is_valid_tag(self.pattern):
            raise ValidationError(f"invalid tag name {self.pattern!r} in a label selector")
        if self.kind == "regexp":
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValidationError(f"invalid regexp {self.pattern!r}: {exc}") from None
        return self

    def to_api(self) -> dict[str, str]:
        return {"kind": self.kind, "pattern": self.pattern}

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> TagSelector:
        document = _parse.mapping(document)
        return cls(kind=_parse.text(document, "kind"), pattern=_parse.text(document, "pattern"))


def _selectors(keep_tags: Iterable[str], keep_regex: str | None) -> tuple[TagSelector, ...]:
    kept = [TagSelector("label", tag) for tag in keep_tags]
    if keep_regex is not None:
        kept.append(TagSelector("regexp", keep_regex))
    return tuple(kept)


@dataclass(frozen=True)
class RetentionRule:
    template: str  # "date_rule" or "tag_rule"
    value: int  # days (date_rule) or num (tag_rule)
    tag_selectors: tuple[TagSelector, ...] = ()

    @classmethod
    def date_rule(
        cls, days: int, keep_tags: Iterable[str] = (), keep_regex: str | None = None
    ) -> RetentionRule:
        """Delete tags last pushed more than ``days`` ago, except the ones kept."""
        return cls("date_rule", days, _selectors(keep_tags, keep_regex)).check()

    @classmethod
    def tag_rule(
        cls, num: int, keep_tags: Iterable[str] = (), keep_regex: str | None = None
    ) -> RetentionRule:
        """Keep only the ``num`` most recently pushed tags (kept tags do not count)."""
        return cls("tag_rule", num, _selectors(keep_tags, keep_regex)).check()

    @property
    def key(self) -> str:
        """The rule's parameter name: ``days`` or ``num``."""
        return TEMPLATES.get(self.template, ("", 0, 0))[0]

    def check(self) -> RetentionRule:
        """This rule, after checking it against the service's bounds."""
        if self.template not in TEMPLATES:
            raise ValidationError(f"invalid template {self.template!r}: use date_rule or tag_rule")
        key, low, high = TEMPLATES[self.template]
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ValidationError(f"{key} must be an integer, got {self.value!r}")
        if not low <= self.value <= high:
            raise ValidationError(f"{key} must be from {low} to {high}, got {self.value}")
        for selector in self.tag_selectors:
            selector.check()
        return self

    def to_api(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "params": {self.key: str(self.value)},
            "tag_selectors": [selector.to_api() for selector in self.tag_selectors],
        }

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> RetentionRule:
        document = _parse.mapping(document)
        template = _parse.text(document, "template")
        params = _parse.mapping(document.get("params"))
        key = TEMPLATES.get(template, ("", 0, 0))[0]
        selectors = document.get("tag_selectors")
        return cls(
            template=template,
            value=_parse.integer(params, key) if key else 0,
            tag_selectors=tuple(TagSelector.from_api(s) for s in _parse.items(selectors) if s),
        )


@dataclass(frozen=True)
class Retention:
    id: int
    algorithm: str
    rules: tuple[RetentionRule, ...]
    scope: str

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Retention:
        document = _parse.mapping(document)
        return cls(
            id=_parse.integer(document, "id"),
            algorithm=_parse.text(document, "algorithm"),
            rules=tuple(RetentionRule.from_api(r) for r in _parse.items(document.get("rules"))),
            scope=_parse.text(document, "scope"),
        )


@dataclass(frozen=True)
class RetentionRecord:
    """One tag a retention run deleted (``RetentionLog``)."""

    id: int
    retention_id: int
    namespace: str
    repo: str
    tag: str
    # The rule that deleted the tag, as the service records it (compact JSON).
    rule_type: str
    created_at: datetime | None

    @property
    def rule(self) -> RetentionRule | None:
        """``rule_type`` parsed, or ``None`` when it is not a JSON rule."""
        try:
            document = json.loads(self.rule_type)
        except ValueError:
            return None
        return RetentionRule.from_api(document) if isinstance(document, dict) else None

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> RetentionRecord:
        document = _parse.mapping(document)
        return cls(
            id=_parse.integer(document, "id"),
            retention_id=_parse.integer(document, "retention_id"),
            namespace=_parse.text(document, "namespace"),
            repo=_parse.text(document, "repo", "repository"),
            tag=_parse.text(document, "tag"),
            rule_type=_parse.text(document, "rule_type"),
            created_at=_parse.time(document, "created_at"),
        )


@dataclass(frozen=True)
class RetentionHistory:
    """One page of retention records, newest first, and how many there are in all."""

    records: tuple[RetentionRecord, ...]
    total: int
