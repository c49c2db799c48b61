"""Cleanup rule sets and the selection engine: which tags of one repository go, and why.

A :class:`RuleSet` says where to look (organizations and repositories), which tags are
candidates (``include``/``exclude``), which are always kept (``keep``, default ``latest``)
and what deletes (``older_than``, ``keep_last`` and/or ``keep_last_images``). **Keep wins**:
a tag matched by ``keep`` or ``exclude`` is never deleted, whatever else matches it.

- ``older_than``: a candidate whose ``updated`` (or ``created``, per ``age_field``) time is
  strictly before ``now - older_than`` is selected.
- ``keep_last`` N: the N newest candidates by update time are kept; ties on the time are
  broken by name, the greater name counting as newer. Protected tags (``keep``/``exclude``)
  and tags outside ``include`` are not candidates, so they do not count toward N — the same
  rule as SWR's retention selectors.
- ``keep_last_images`` N: the N newest *images* among the candidates are kept with all their
  tags. An image is a digest (a multi-arch list is one digest, so one image); its time is
  the newest push time of its candidate tags, ties broken by digest. A tag without a digest
  is an image of its own. Next to ``keep_last``, a tag either of them keeps stays.
- With a count and ``older_than``, a tag goes only when it is old *and* not kept by the
  count ("keep the last 5, delete the rest once older than 90 days"). With only counts,
  every candidate they do not keep goes.
- A tag with neither time known is never selected: its age cannot be judged.

:func:`select` is pure; the planner runs it per repository and the retention preview runs it
once per SWR retention rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

from swrtui import names
from swrtui.errors import EXIT_USAGE
from swrtui.services.cleanup.patterns import (
    Pattern,
    RuleError,
    any_match,
    format_duration,
    parse_duration,
)

AGE_FIELDS = ("updated", "created")
DEFAULT_KEEP = (Pattern("glob", "latest"),)


class TagLike(Protocol):
    """What the engine reads of a tag (the client's ``Tag`` model fits)."""

    @property
    def name(self) -> str: ...

    @property
    def digest(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def created(self) -> datetime | None: ...

    @property
    def updated(self) -> datetime | None: ...


@dataclass(frozen=True)
class RuleSet:
    orgs: tuple[Pattern, ...] = ()
    repos: tuple[Pattern, ...] = ()
    include: tuple[Pattern, ...] = ()
    exclude: tuple[Pattern, ...] = ()
    keep: tuple[Pattern, ...] = DEFAULT_KEEP
    older_than: timedelta | None = None
    age_field: str = "updated"
    keep_last: int | None = None
    keep_last_images: int | None = None
    # Names the selection in plans and journals; empty means "describe the rules".
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.older_than is None and self.keep_last is None and self.keep_last_images is None:
            raise RuleError(
                "nothing selects tags for deletion: give older-than, keep-last and/or "
                "keep-last-images"
            )
        if self.older_than is not None and self.older_than <= timedelta(0):
            raise RuleError("older-than must be a positive duration")
        if self.keep_last is not None and self.keep_last < 0:
            raise RuleError(f"keep-last must be 0 or more, got {self.keep_last}")
        if self.keep_last_images is not None and self.keep_last_images < 0:
            raise RuleError(f"keep-last-images must be 0 or more, got {self.keep_last_images}")
        if self.age_field not in AGE_FIELDS:
            raise RuleError(f"age field must be updated or created, got {self.age_field!r}")

    def in_scope(self, org: str, repo: str) -> bool:
        """Whether the repository ``org/repo`` is one the rules look at (empty = all)."""
        org_ok = not self.orgs or any_match(self.orgs, org)
        return org_ok and (not self.repos or any_match(self.repos, repo))

    def describe(self) -> str:
        """What deletes, in words: the ``rule`` recorded for each selected tag."""
        if self.label:
            return self.label
        parts = []
        if self.older_than is not None:
            parts.append(f"older than {format_duration(self.older_than)} ({self.age_field})")
        # Keeping the 0 newest keeps nothing: "not among the 0 newest" explains nothing.
        if self.keep_last:
            parts.append(f"not among the {self.keep_last} newest")
        if self.keep_last_images:
            parts.append(f"not among the {self.keep_last_images} newest images")
        if parts:
            return " and ".join(parts)
        if self.include and all(p.kind == "exact" for p in self.include):
            return "selected by hand"
        if self.include:
            return "matches " + ", ".join(str(p) for p in self.include)
        return "every tag not kept"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (journals, ``--json``); :meth:`from_dict` reads it back."""

        def patterns(values: tuple[Pattern, ...]) -> list[dict[str, str]]:
            return [p.to_dict() for p in values]

        return {
            "orgs": patterns(self.orgs),
            "repos": patterns(self.repos),
            "include": patterns(self.include),
            "exclude": patterns(self.exclude),
            "keep": patterns(self.keep),
            "older_than": format_duration(self.older_than) if self.older_than else None,
            "age_field": self.age_field,
            "keep_last": self.keep_last,
            "keep_last_images": self.keep_last_images,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> RuleSet:
        def patterns(key: str) -> tuple[Pattern, ...]:
            return tuple(Pattern.from_dict(p) for p in document.get(key) or [])

        older = document.get("older_than")
        return cls(
            orgs=patterns("orgs"),
            repos=patterns("repos"),
            include=patterns("include"),
            exclude=patterns("exclude"),
            keep=patterns("keep"),
            older_than=parse_duration(older) if older else None,
            age_field=document.get("age_field", "updated"),
            keep_last=document.get("keep_last"),
            keep_last_images=document.get("keep_last_images"),
            label=document.get("label", ""),
        )


def parse_scope(scope: str) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
    """``ORG/REPO_GLOB`` → (org patterns, repo patterns); ``ORG`` alone means every repo.

    The first ``/`` separates the organization from the repository (which may hold more).
    """
    org, _, repo = scope.strip().partition("/")
    if not org:
        raise BadScope(f"scope must be ORG or ORG/REPO (globs allowed), got {scope!r}")
    orgs, repos = (Pattern.parse(org),), ((Pattern.parse(repo),) if repo else ())
    # A literal name that SWR would refuse can match nothing: a typo, said now.
    if orgs[0].is_literal and not names.is_valid_organization(org):
        raise BadScope(f"{org!r} is not a valid organization name ({names.ORGANIZATION_RULE})")
    if repos and repos[0].is_literal and not names.is_valid_repository(repo):
        raise BadScope(f"{repo!r} is not a valid repository name ({names.REPOSITORY_RULE})")
    return orgs, repos


class BadScope(RuleError):
    """A cleanup scope that cannot name anything: a usage error."""

    code = "CLEANUP.BAD_SCOPE"
    title = "Bad cleanup scope"
    exit_code = EXIT_USAGE


def _age(tag: TagLike, age_field: str) -> datetime | None:
    primary = tag.updated if age_field == "updated" else tag.created
    return primary or tag.updated or tag.created


def _push_time(tag: TagLike) -> datetime | None:
    return tag.updated or tag.created


# A tag with no known time sorts as the oldest.
_NEVER = datetime.min.replace(tzinfo=timezone.utc)


def recency(tag: TagLike) -> tuple[datetime, str]:
    """The one "newest first" order (sort with ``reverse=True``): the last push (update time,
    else creation time), then the name, Z to A, on equal times. The REPL's tags list, the
    TUI's tags table and keep-last all use it, so the tag listed first is the one kept."""
    return (_push_time(tag) or _NEVER, tag.name)


def candidates(tags: Iterable[TagLike], rules: RuleSet) -> list[TagLike]:
    """Tags the rules may delete: included, not protected (keep wins), with a known time."""
    return [
        tag
        for tag in tags
        if (not rules.include or any_match(rules.include, tag.name))
        and not any_match(rules.exclude, tag.name)
        and not any_match(rules.keep, tag.name)
        and _push_time(tag) is not None
    ]


def newest_images(pool: Iterable[TagLike], count: int) -> set[str]:
    """The names of every tag of the ``count`` newest images (digests) among ``pool``."""
    images: dict[str, list[TagLike]] = {}
    for tag in pool:
        # No digest, no way to tell it shares an image: it is one on its own.
        images.setdefault(tag.digest or f"tag:{tag.name}", []).append(tag)

    def newness(item: tuple[str, list[TagLike]]) -> tuple[datetime, str]:
        digest, tags = item
        return max(when for tag in tags if (when := _push_time(tag)) is not None), digest

    newest_first = sorted(images.items(), key=newness, reverse=True)
    return {tag.name for _, tags in newest_first[:count] for tag in tags}


def select(tags: Sequence[TagLike], rules: RuleSet, now: datetime) -> dict[str, str]:
    """Tag name → the rule that selects it, for the tags of one repository."""
    pool = candidates(tags, rules)
    chosen = {tag.name for tag in pool}
    if rules.keep_last is not None:
        newest_first = sorted(pool, key=recency, reverse=True)
        chosen -= {tag.name for tag in newest_first[: rules.keep_last]}
    if rules.keep_last_images is not None:
        chosen -= newest_images(pool, rules.keep_last_images)
    if rules.older_than is not None:
        cutoff = now - rules.older_than
        chosen &= {
            tag.name for tag in pool if (when := _age(tag, rules.age_field)) and when < cutoff
        }
    reason = rules.describe()
    return {tag.name: reason for tag in tags if tag.name in chosen}
