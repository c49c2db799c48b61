"""The navigation tree: tenant → organizations → repositories → tags, loaded lazily.

Organizations come first (that is the first paint); repositories of all organizations
follow in the background so labels show counts and the palette can jump anywhere; tags are
fetched when a repository is expanded, at most :data:`TAG_LEAVES` of them (the tags table
pages through the rest). ``/`` filters the tree by name over everything loaded so far.

What failed to load stays on screen until a retry gets it: a panel above the tree names each
missing part (error code, message, URL), organizations whose repository list is incomplete
say so, and a repository whose tags failed shows the error as its child instead of looking
empty. :meth:`NavTree.retry_missing` (the app's ``r``) fetches only those parts again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from swrtui.client import SwrClient
from swrtui.client.models.organizations import Organization
from swrtui.client.models.repositories import Repository
from swrtui.client.models.tags import Tag
from swrtui.services.listing import Gap, Partial, list_pages, list_repositories
from swrtui.tui import nodes
from swrtui.tui.format import error_text
from swrtui.tui.nodes import Node

TAG_LEAVES = 100
REPO_PAGE = 100


class NameCache:
    """Everything the tree has loaded, for labels, the filter and the palette's "go to"."""

    def __init__(self) -> None:
        self.orgs: dict[str, Organization] = {}
        self.repos: dict[str, dict[str, Repository]] = {}
        self.tags: dict[tuple[str, str], list[str]] = {}
        # The repository listing while it is incomplete, and tag loads that failed.
        self.repos_listing: Partial[list[Repository]] | None = None
        self.tag_gaps: dict[tuple[str, str], Gap] = {}

    @property
    def gaps(self) -> list[Gap]:
        listing = self.repos_listing
        return [*(listing.gaps if listing else ()), *self.tag_gaps.values()]

    def all_nodes(self) -> Iterable[Node]:
        for org in self.orgs:
            yield nodes.organization(org)
            for repo in self.repos.get(org, {}):
                yield nodes.repository(org, repo)
                for tag in self.tags.get((org, repo), []):
                    yield nodes.tag(org, repo, tag)


def _org_label(org: str, cache: NameCache) -> str:
    repos = cache.repos.get(org)
    if cache.repos_listing is not None:
        # Not "0 repos": the count is only what arrived before the failure.
        return f"{org} ⚠ incomplete ({len(repos or ())} repos loaded)"
    return f"{org} ({len(repos)} repos)" if repos is not None else org


def _repo_label(repo: Repository, cache: NameCache) -> str:
    label = f"{repo.name} ({repo.num_images} tags)"
    return f"{label} ⚠ tags not loaded" if (repo.namespace, repo.name) in cache.tag_gaps else label


def missing_text(gaps: list[Gap]) -> str:
    """The panel above the tree: every missing part with its error, and the retry key."""
    lines = [f"⚠ Incomplete: {len(gaps)} part(s) could not be loaded (r: retry them)"]
    return "\n".join([*lines, *(f"• {gap.line}" for gap in gaps)])


class NavTree(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "close_filter", "Close filter", show=False),
    ]

    class Loaded(Message):
        """The organizations are on screen (the benchmark's "first paint")."""

    def __init__(self, client: SwrClient, root_label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client = client
        self.cache = NameCache()
        self.root_label = root_label

    def compose(self) -> ComposeResult:
        panel = Static("", id="tree-missing")
        panel.display = False
        yield panel
        yield Input(placeholder="filter names", id="tree-filter")
        tree: Tree[Node] = Tree(self.root_label, data=nodes.TENANT, id="nav")
        tree.show_root = True
        tree.root.expand()
        yield tree

    @property
    def tree_widget(self) -> Tree[Node]:
        return self.query_one("#nav", Tree)

    def reload(self) -> None:
        self.cache = NameCache()
        self._load_orgs()

    def use_client(self, client: SwrClient, root_label: str) -> None:
        """Show another profile's registry: forget everything loaded and start again."""
        self.client = client
        self.tree_widget.root.set_label(root_label)
        self.tree_widget.clear()
        self.reload()

    @work(exclusive=True, group="tree-orgs", exit_on_error=False)
    async def _load_orgs(self) -> None:
        try:
            orgs = await self.client.organizations.list()
        except Exception as exc:
            self.notify(error_text(exc), title="Cannot list organizations", severity="error")
            return
        self.cache.orgs = {org.name: org for org in sorted(orgs, key=lambda o: o.name)}
        self.rebuild()
        self.post_message(self.Loaded())
        await self._load_all_repos()

    async def _load_all_repos(self) -> None:
        listing = await list_repositories(self.client, page_size=REPO_PAGE)
        self._adopt_repos(listing)

    def _adopt_repos(self, listing: Partial[list[Repository]]) -> None:
        repos: dict[str, dict[str, Repository]] = {name: {} for name in self.cache.orgs}
        for repo in listing.value:
            repos.setdefault(repo.namespace, {})[repo.name] = repo
        self.cache.repos = {org: dict(sorted(r.items())) for org, r in repos.items()}
        self.cache.repos_listing = None if listing.complete else listing
        self.rebuild()

    @property
    def gaps(self) -> list[Gap]:
        return self.cache.gaps

    @work(exclusive=True, group="tree-retry", exit_on_error=False)
    async def retry_missing(self) -> None:
        """Fetch again only what is missing: the failed pages of repositories, the tags of
        the repositories whose load failed."""
        listing = self.cache.repos_listing
        if listing is not None:
            self._adopt_repos(await listing.retry())
        for org, repo in list(self.cache.tag_gaps):
            await self.ensure_tags(org, repo)

    def rebuild(self) -> None:
        """Redraw from the cache, keeping what was expanded and the cursor's node."""
        tree = self.tree_widget
        expanded = {n.data for n in _walk(tree.root) if n.is_expanded and n.data}
        current = tree.cursor_node.data if tree.cursor_node else None
        needle = self.query_one("#tree-filter", Input).value.strip().lower()
        tree.clear()
        for org in self.cache.orgs:
            self._add_org(tree.root, org, expanded, needle)
        tree.root.expand()
        gaps = self.cache.gaps
        panel = self.query_one("#tree-missing", Static)
        panel.update(missing_text(gaps) if gaps else "")
        panel.display = bool(gaps)
        if current is not None:
            self.select(current, quiet=True)

    def _add_org(self, root: TreeNode[Node], org: str, expanded: set[Node], needle: str) -> None:
        repos = self.cache.repos.get(org, {})
        shown = [r for r in repos.values() if not needle or needle in r.full_name.lower()]
        if needle and not shown and needle not in org.lower():
            return
        node_data = nodes.organization(org)
        org_node = root.add(_org_label(org, self.cache), data=node_data, allow_expand=True)
        for repo in shown:
            self._add_repo(org_node, repo, expanded)
        if (needle and shown) or node_data in expanded:
            org_node.expand()

    def _add_repo(self, parent: TreeNode[Node], repo: Repository, expanded: set[Node]) -> None:
        data = nodes.repository(repo.namespace, repo.name)
        label = _repo_label(repo, self.cache)
        repo_node = parent.add(label, data=data, allow_expand=repo.num_images > 0)
        gap = self.cache.tag_gaps.get((repo.namespace, repo.name))
        if gap is not None:
            repo_node.add_leaf(f"⚠ {gap.error_code}: {gap.error_msg} (r: retry)", data=data)
        tags = self.cache.tags.get((repo.namespace, repo.name))
        if tags is None:
            return
        for tag in tags:
            repo_node.add_leaf(tag, data=nodes.tag(repo.namespace, repo.name, tag))
        if repo.num_images > len(tags):
            more = repo.num_images - len(tags)
            repo_node.add_leaf(f"… {more} more in the tags table", data=data)
        if data in expanded:
            repo_node.expand()

    @on(Tree.NodeExpanded, "#nav")
    def _expanded(self, event: Tree.NodeExpanded[Node]) -> None:
        data = event.node.data
        if data is None or data.kind != "repository":
            return
        key = (data.org, data.repo)
        # A failed load is retried by `r`, not by every expansion that shows its error.
        if key not in self.cache.tags and key not in self.cache.tag_gaps:
            self._load_tags(data)

    @work(group="tree-tags", exit_on_error=False)
    async def _load_tags(self, data: Node) -> None:
        await self.ensure_tags(data.org, data.repo)

    async def ensure_tags(self, org: str, repo: str) -> None:
        if (org, repo) in self.cache.tags:
            return
        # One page of leaves; a failure becomes the node's visible gap, not an empty node.
        fetch = self.client.tags.pages(org, repo)
        listed: Partial[list[Tag]] = await list_pages(
            f"tags of {org}/{repo}", fetch, page_size=TAG_LEAVES, pages=1
        )
        if listed.complete:
            self.cache.tag_gaps.pop((org, repo), None)
            self.cache.tags[(org, repo)] = [tag.name for tag in listed.value]
        else:
            self.cache.tag_gaps[(org, repo)] = listed.gaps[0]
        self.rebuild()
        self.select(nodes.repository(org, repo), quiet=True, expand=True)

    def select(self, target: Node, *, quiet: bool = False, expand: bool = False) -> bool:
        """Move the cursor to ``target`` (expanding its parents); False when not in the tree."""
        for node in _walk(self.tree_widget.root):
            if node.data == target and node.data is not None:
                parent = node.parent
                while parent is not None:
                    parent.expand()
                    parent = parent.parent
                if expand:
                    node.expand()
                if quiet:
                    _quiet_move(self.tree_widget, node)
                else:
                    self.tree_widget.move_cursor(node, animate=False)
                return True
        return False

    async def reveal(self, target: Node) -> None:
        """Load what is needed to show ``target`` (tags of its repository), then select it."""
        if target.kind == "tag":
            await self.ensure_tags(target.org, target.repo)
        self.select(target)
        self.tree_widget.select_node(self._find(target))

    def _find(self, target: Node) -> TreeNode[Node] | None:
        return next((n for n in _walk(self.tree_widget.root) if n.data == target), None)

    def invalidate(self, target: Node) -> None:
        """Forget cached children under ``target`` and reload (after a change)."""
        if target.kind in ("repository", "tag"):
            self.cache.tags.pop((target.org, target.repo), None)
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.display = True
        box.focus()

    def action_close_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.value = ""
        box.display = False
        self.rebuild()
        self.tree_widget.focus()

    @on(Input.Changed, "#tree-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.rebuild()

    @on(Input.Submitted, "#tree-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.tree_widget.focus()


def _walk(node: TreeNode[Node]) -> Iterable[TreeNode[Node]]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _quiet_move(tree: Tree[Node], node: TreeNode[Node]) -> None:
    # Move the cursor without announcing a highlight: a redraw must not reopen panes.
    with tree.prevent(Tree.NodeHighlighted):
        tree.move_cursor(node, animate=False)
