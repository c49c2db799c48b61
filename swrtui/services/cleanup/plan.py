"""Cleanup plans: every tag that would go, why, what it frees, and what to watch out for.

:func:`build_plan` is pure (an inventory of tags per repository in, a :class:`Plan` out);
:func:`make_plan` lists the repositories and tags in scope through the client first.
Nothing here deletes anything: a plan is the dry run.

Each deletion is marked with its effect (:attr:`PlannedDeletion.effect`): it removes the
image for good (no tag the plan keeps shares its digest), or it only drops a name while the
image stays reachable, and pullable, through the kept tags it names. SWR deletes by tag
(reference 4.3.3, ``DELETE .../tags/{tag}``), so an image goes only with its last tag.

Bytes: ``bytes_listed`` adds up the sizes of the selected tags as SWR reports them;
``bytes_freed`` counts per image: each digest once per repository, and only when the plan
removes its last tag (see :data:`BYTES_NOTE`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from swrtui import clock
from swrtui.client import SwrClient
from swrtui.errors import EXIT_ERROR, EXIT_INCOMPLETE
from swrtui.services.cleanup.rules import RuleSet, TagLike, select
from swrtui.services.deletion import TagRef
from swrtui.services.errors import ServiceError
from swrtui.services.listing import Gap, Partial, list_repositories, list_tags_many
from swrtui.services.words import plural

RepoKey = tuple[str, str]
Inventory = Mapping[RepoKey, Sequence[TagLike]]
# Picks the tags of one repository: (tags, now) → tag name → rule.
Selector = Callable[[Sequence[TagLike], datetime], Mapping[str, str]]

# A deletion's effect, as JSON and journals spell it.
REMOVES_IMAGE = "removes-image"
NAME_ONLY = "name-only"

BYTES_NOTE = (
    "bytes freed counts per image: each digest once per repository, and only when the plan "
    "deletes its last tag (no kept tag still points at it); layers shared between images are "
    "not deduplicated, so the registry may reclaim less"
)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


@dataclass(frozen=True)
class PlannedDeletion(TagRef):
    digest: str
    size: int
    updated: datetime | None
    rule: str
    # The kept tags of the same repository on this digest: when there are any, deleting this
    # tag only drops a name and the image stays reachable through them.
    kept_tags: tuple[str, ...] = ()

    @property
    def removes_image(self) -> bool:
        return not self.kept_tags

    @property
    def effect(self) -> str:
        return REMOVES_IMAGE if self.removes_image else NAME_ONLY

    @property
    def image_key(self) -> tuple[str, str, str]:
        """One image of one repository (a tag without a digest is an image of its own)."""
        return (self.org, self.repo, self.digest or f"tag:{self.tag}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "repo": self.repo,
            "tag": self.tag,
            "digest": self.digest,
            "size": self.size,
            "updated": _iso(self.updated),
            "rule": self.rule,
            "effect": self.effect,
            "kept_tags": list(self.kept_tags),
        }

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> PlannedDeletion:
        return cls(
            org=document["org"],
            repo=document["repo"],
            tag=document["tag"],
            digest=document.get("digest", ""),
            size=int(document.get("size") or 0),
            updated=_parse_iso(document.get("updated")),
            rule=document.get("rule", ""),
            kept_tags=tuple(document.get("kept_tags") or ()),
        )


@dataclass(frozen=True)
class Plan:
    items: tuple[PlannedDeletion, ...]
    created_at: datetime
    repositories: int
    tags_scanned: int
    bytes_freed: int
    # What produced the plan (a rule set's to_dict(), or a retention policy), for journals.
    source: Mapping[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def bytes_listed(self) -> int:
        return sum(item.size for item in self.items)

    @property
    def kept(self) -> int:
        return self.tags_scanned - self.count

    @property
    def images_removed(self) -> int:
        """Images (digests per repository) whose last tag the plan deletes."""
        return len({item.image_key for item in self.items if item.removes_image})

    @property
    def names_only(self) -> int:
        """Deletions that only drop a name: their image stays through a kept tag."""
        return sum(not item.removes_image for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created_at": _iso(self.created_at),
            "source": dict(self.source),
            "totals": {
                "repositories": self.repositories,
                "tags_scanned": self.tags_scanned,
                "delete": self.count,
                "keep": self.kept,
                "images_removed": self.images_removed,
                "names_only": self.names_only,
                "bytes_listed": self.bytes_listed,
                "bytes_freed": self.bytes_freed,
                "bytes_note": BYTES_NOTE,
            },
            "items": [item.to_dict() for item in self.items],
        }


def _repo_outcome(
    key: RepoKey, tags: Sequence[TagLike], chosen: Mapping[str, str]
) -> tuple[list[PlannedDeletion], int]:
    """The marked deletions of one repository and the bytes they free."""
    org, repo = key
    kept_by_digest: dict[str, list[str]] = {}
    for tag in tags:
        # An empty digest matches nothing: no kept tag can be shown to share its image.
        if tag.name not in chosen and tag.digest:
            kept_by_digest.setdefault(tag.digest, []).append(tag.name)
    items = [
        PlannedDeletion(
            org,
            repo,
            t.name,
            t.digest,
            t.size,
            t.updated,
            chosen[t.name],
            tuple(sorted(kept_by_digest.get(t.digest, ()))),
        )
        for t in tags
        if t.name in chosen
    ]
    sizes: dict[tuple[str, str, str], int] = {}
    for item in items:
        if item.removes_image:
            # One image, however many of its tags go: its size counts once.
            sizes[item.image_key] = max(item.size, sizes.get(item.image_key, 0))
    return items, sum(sizes.values())


def build_plan(
    inventory: Inventory,
    selector: Selector,
    now: datetime,
    source: Mapping[str, Any] | None = None,
) -> Plan:
    """The plan for ``inventory`` (repositories already in scope), oldest update first."""
    items: list[PlannedDeletion] = []
    freed = scanned = 0
    for key in sorted(inventory):
        tags = inventory[key]
        scanned += len(tags)
        repo_items, repo_freed = _repo_outcome(key, tags, selector(tags, now))
        items += sorted(repo_items, key=lambda i: (i.updated or now, i.tag))
        freed += repo_freed
    return Plan(
        items=tuple(items),
        created_at=now,
        repositories=len(inventory),
        tags_scanned=scanned,
        bytes_freed=freed,
        source=dict(source or {}),
    )


def plan_rules(inventory: Inventory, rules: RuleSet, now: datetime) -> Plan:
    """The plan a rule set makes for the repositories of ``inventory`` that are in its scope."""
    scoped = {key: tags for key, tags in inventory.items() if rules.in_scope(*key)}
    return build_plan(scoped, lambda tags, at: select(tags, rules, at), now, rules.to_dict())


class IncompleteInventory(ServiceError):
    """Some repositories in scope (or pages of the repository list) could not be listed:
    planning over what did arrive would make "keep the last N" and "older than" wrong."""

    code = "INCOMPLETE_LISTING"
    title = "Incomplete inventory"
    exit_code = EXIT_INCOMPLETE

    def __init__(self, gaps: Sequence[Gap]) -> None:
        self.gaps = tuple(gaps)
        lines = "; ".join(gap.line for gap in self.gaps)
        super().__init__(
            f"cannot plan: {plural(len(self.gaps), 'part')} could not be listed: {lines}"
        )


async def list_scope(client: SwrClient, rules: RuleSet) -> Partial[list[RepoKey]]:
    """The repositories the caller can see that are in the rules' scope, sorted."""
    # A literal organization narrows the listing server-side; the filter below stays exact.
    org = rules.orgs[0].text if len(rules.orgs) == 1 and rules.orgs[0].is_literal else None
    listed = await list_repositories(client, org)
    keys = {(r.namespace, r.name) for r in listed.value if rules.in_scope(r.namespace, r.name)}
    return Partial(sorted(keys), listed.gaps)


class NothingInScope(ServiceError):
    """The scope matches no organization or repository: a typo would otherwise make a
    cleanup that silently does nothing, forever."""

    code = "CLEANUP.NOTHING_IN_SCOPE"
    title = "Nothing in scope"
    # The line is well formed; the registry has nothing by that name.
    exit_code = EXIT_ERROR


def scope_text(rules: RuleSet) -> str:
    orgs = ",".join(str(p) for p in rules.orgs) or "*"
    repos = ",".join(str(p) for p in rules.repos)
    return f"{orgs}/{repos}" if repos else orgs


async def collect(client: SwrClient, rules: RuleSet) -> dict[RepoKey, list[Any]]:
    """Every tag of every repository in scope (fetched concurrently under the client's limit).

    Raises :class:`IncompleteInventory` naming every repository (or page of the repository
    list) that could not be listed, even after the client's retries, and
    :class:`NothingInScope` when the scope matches no repository at all.
    """
    scope = await list_scope(client, rules)
    if not scope.value and not scope.gaps:
        raise NothingInScope(
            f"{scope_text(rules)} matches no organization or repository this account can see"
        )
    inventory = await list_tags_many(client, scope.value)
    if scope.gaps or inventory.gaps:
        raise IncompleteInventory([*scope.gaps, *inventory.gaps])
    return dict(inventory.value)


async def make_plan(client: SwrClient, rules: RuleSet, now: datetime | None = None) -> Plan:
    """List what is in scope and plan it (the dry run: nothing is deleted); an incomplete
    listing raises :class:`IncompleteInventory` instead of planning over part of it."""
    inventory = await collect(client, rules)
    return plan_rules(inventory, rules, now or clock.now())
