"""What the navigation tree's nodes stand for: the tenant, an organization, a repository, a tag.

A :class:`Node` is both the tree node's data and the "current context" the panes, the
palette and command mode act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["tenant", "organization", "repository", "tag"]


@dataclass(frozen=True)
class Node:
    kind: Kind
    org: str = ""
    repo: str = ""
    tag: str = ""

    @property
    def path(self) -> str:
        """``org/repo:tag`` as far as the node goes (empty for the tenant)."""
        text = self.org
        if self.repo:
            text += f"/{self.repo}"
        if self.tag:
            text += f":{self.tag}"
        return text

    def parent(self) -> Node:
        if self.kind == "tag":
            return Node("repository", self.org, self.repo)
        if self.kind == "repository":
            return Node("organization", self.org)
        return TENANT


TENANT = Node("tenant")


def organization(org: str) -> Node:
    return Node("organization", org)


def repository(org: str, repo: str) -> Node:
    return Node("repository", org, repo)


def tag(org: str, repo: str, name: str) -> Node:
    return Node("tag", org, repo, name)
