"""What the deleting verbs delete: tags of the tags table (the selected ones, else the one at
the cursor), or a node of the tree (the tag, the repository, the empty organization) — as a
question, a change and what to refresh.

Tags are deleted as the user saw them: each carries the digest and update time of its row,
so the engine skips (and reports) a tag pushed again since it was shown."""

from __future__ import annotations

from dataclasses import dataclass

from swrtui.client import SwrClient
from swrtui.client.models.tags import Tag
from swrtui.commands.format import plural
from swrtui.services.deletion import TagDeletion, delete_tags, name_targets
from swrtui.tui import nodes
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Change


@dataclass(frozen=True)
class Deletion:
    question: str
    done: str
    change: Change
    # The node to refresh (and open, when the deleted one was current).
    refresh: Node


def _delete_tags(client: SwrClient, items: list[TagDeletion]) -> Change:
    # The change's result is the engine's report: the app tells exactly what happened.
    return lambda: delete_tags(client, items)


def _as_shown(repo: Node, tag: Tag) -> TagDeletion:
    return TagDeletion(repo.org, repo.repo, tag.name, tag.digest, tag.updated)


def tags_deletion(client: SwrClient, repo: Node, shown: list[Tag], *, selected: bool) -> Deletion:
    """Deleting rows of ``repo``'s tags table: the ``selected`` ones, or the one at the
    cursor (``shown`` holds that one row)."""
    items = [_as_shown(repo, tag) for tag in shown]
    if not selected and len(items) == 1:
        reference = items[0].reference
        return Deletion(
            f"Delete tag {reference}?", f"Deleted {reference}", _delete_tags(client, items), repo
        )
    names = name_targets([item.reference for item in items])
    return Deletion(
        f"Delete {plural(len(items), 'selected tag')} of {repo.path}: {names}?",
        f"Deleted {plural(len(items), 'tag')}",
        _delete_tags(client, items),
        repo,
    )


def node_deletion(client: SwrClient, target: Node, shown: list[Tag]) -> Deletion | None:
    """Deleting the tree node ``target``; ``shown``: the tag as its pane shows it (a tag),
    if loaded. None for the tenant."""
    if target.kind == "tag":
        repo = target.parent()
        seen = [_as_shown(repo, tag) for tag in shown if tag.name == target.tag]
        return Deletion(
            f"Delete tag {target.path}?",
            f"Deleted {target.path}",
            _delete_tags(client, seen or [TagDeletion(repo.org, repo.repo, target.tag)]),
            repo,
        )
    if target.kind == "repository":
        return Deletion(
            f"Delete repository {target.path} with all its tags?",
            f"Deleted {target.path}",
            lambda: client.repositories.delete(target.org, target.repo),
            target.parent(),
        )
    if target.kind == "organization":
        return Deletion(
            f"Delete organization {target.org}? (SWR refuses while it has repositories.)",
            f"Deleted organization {target.org}",
            lambda: client.organizations.delete(target.org),
            nodes.TENANT,
        )
    return None
