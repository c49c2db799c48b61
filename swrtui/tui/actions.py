"""What ``delete`` deletes where no list tab claims it: the selected tags, the tag, the
repository or the (empty) organization — as a question, a change and what to refresh."""

from __future__ import annotations

from dataclasses import dataclass

from swrtui.client import SwrClient
from swrtui.services.deletion import TagDeletion, delete_tags
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


def _delete_tags(client: SwrClient, repo: Node, names: list[str]) -> Change:
    # The change's result is the engine's report: the app tells exactly what happened.
    items = [TagDeletion(repo.org, repo.repo, name) for name in names]
    return lambda: delete_tags(client, items)


def deletion(client: SwrClient, target: Node, selected: list[str]) -> Deletion | None:
    """The deletion ``delete`` asks about on ``target`` (``selected``: tags of its table)."""
    if target.kind == "repository" and selected:
        return Deletion(
            f"Delete {len(selected)} selected tags of {target.path}?",
            f"Deleted {len(selected)} tags",
            _delete_tags(client, target, selected),
            target,
        )
    if target.kind == "tag":
        return Deletion(
            f"Delete tag {target.path}?",
            f"Deleted {target.path}",
            _delete_tags(client, target.parent(), [target.tag]),
            target.parent(),
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
