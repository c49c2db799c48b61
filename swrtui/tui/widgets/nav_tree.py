"""The navigation tree: tenant → organizations → repositories → tags, loaded lazily.

Organizations and repositories come from the session's one :class:`NameCache` (the same
listing completion reads; the tree lists nothing itself and redraws whenever the cache
changes): organizations first (the first paint), then every repository with its tag count,
so the palette can jump anywhere. Tags are fetched when a repository is expanded: the first
:data:`TAG_LEAVES` (the newest) and a "… N more" node that opens the tags table, a page for
display, not names for completion. ``/`` filters the tree by name over everything loaded so
far; what the user expanded stays expanded through filtering, and "go to" clears a filter
that hides its target. ``→``/``←`` expand and collapse (as the help says), ``<``/``>``
resize the tree, which otherwise fits its longest name (up to :data:`MAX_SHARE` of the
screen).

What failed to load stays on screen until a retry gets it: a panel above the tree names each
missing part (error code, message, URL), organizations whose repository list is incomplete
say so, and a repository whose tags failed shows the error as its child instead of looking
empty. :meth:`NavTree.retry_missing` (the app's ``r``) fetches only those parts again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from swrtui.client import SwrClient
from swrtui.client.models.tags import Tag
from swrtui.commands import Changed, NameCache
from swrtui.commands.format import ago, plural
from swrtui.services.cleanup.rules import recency
from swrtui.services.listing import Gap, Partial, list_pages
from swrtui.tui import nodes
from swrtui.tui.nodes import Node
from swrtui.tui.widgets.name_tree import NameTree

TAG_LEAVES = 20
# Tag names the palette looks through per repository (one page, the newest).
PALETTE_TAGS = 100
# The tree's width: at least MIN_WIDTH, at most this share of the screen (the pane needs
# the rest), changed by RESIZE_STEP per key.
MIN_WIDTH = 20
MAX_SHARE = 0.4
RESIZE_STEP = 4


def _org_label(org: str, cache: NameCache) -> str:
    if cache.repos_listing is not None:
        # Not "0 repos": the count is only what arrived before the failure.
        return f"{org} ⚠ incomplete ({plural(len(cache.repos(org)), 'repo')} loaded)"
    if not cache.repos_known(org):
        return org
    return f"{org} ({plural(len(cache.repos(org)), 'repo')})"


def _repo_label(name: str, count: int | None, failed: bool) -> str:
    label = f"{name} ({plural(count, 'tag')})" if count is not None else name
    return f"{label} ⚠ tags not loaded" if failed else label


def missing_text(gaps: list[Gap]) -> str:
    """The panel above the tree: every missing part with its error, and the retry key."""
    lines = [f"⚠ Incomplete: {plural(len(gaps), 'part')} could not be loaded (r: retry them)"]
    return "\n".join([*lines, *(f"• {gap.line}" for gap in gaps)])


class NavTree(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="filter the tree by name"),
        Binding("escape", "close_filter", "Close filter", show=False),
    ]

    class Resized(Message):
        """The user resized the tree (the app remembers the width)."""

        def __init__(self, width: int) -> None:
            self.width = width
            super().__init__()

    class Loaded(Message):
        """The organizations are on screen (the benchmark's "first paint")."""

    def __init__(
        self, client: SwrClient, cache: NameCache, root_label: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.client = client
        self.cache = cache
        # The first page of tags of each expanded repository (display only), and the
        # repositories whose page failed to load.
        self.leaves: dict[tuple[str, str], list[str]] = {}
        self.tag_gaps: dict[tuple[str, str], Gap] = {}
        # Tag names the palette fetched for repositories not expanded (not drawn).
        self.peeked: dict[tuple[str, str], list[str]] = {}
        self.root_label = root_label
        self._announced = False
        self._error_shown = ""
        self._unsubscribe: Callable[[], None] | None = None
        # What the user expanded, kept through filtering; the orgs a filter opened itself.
        self._expanded: set[Node] = set()
        self._auto_expanded: set[Node] = set()
        # A width the user chose (None: fit the names).
        self.user_width: int | None = None

    def compose(self) -> ComposeResult:
        panel = Static("", id="tree-missing")
        panel.display = False
        yield panel
        yield Input(placeholder="filter names", id="tree-filter")
        tree = NameTree(self.root_label, data=nodes.TENANT, id="nav")
        tree.show_root = True
        tree.root.expand()
        yield tree

    def on_mount(self) -> None:
        self._unsubscribe = self.cache.subscribe(self._cache_changed)
        self._cache_changed()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    @property
    def tree_widget(self) -> Tree[Node]:
        return self.query_one("#nav", Tree)

    def all_nodes(self) -> Iterable[Node]:
        """Everything loaded, for the palette's "go to"."""
        for org in self.cache.orgs():
            yield nodes.organization(org)
            for repo in self.cache.repos(org):
                yield nodes.repository(org, repo)
                for tag in self.loaded_tags(org, repo) or []:
                    yield nodes.tag(org, repo, tag)

    def loaded_tags(self, org: str, repo: str) -> list[str] | None:
        """The most tag names known for ``org/repo``: the palette's page, else the leaves."""
        key = (org, repo)
        return self.peeked.get(key, self.leaves.get(key))

    async def peek_tags(self, org: str, repo: str) -> list[str]:
        """The newest :data:`PALETTE_TAGS` of ``org/repo``'s tags for the palette, fetched
        once without touching the tree (a failure finds no tags; the tree's own load reports
        it). More than the tree's leaves: the palette searches names, it does not draw them."""
        found = self.peeked.get((org, repo))
        if found is None:
            fetch = self.client.tags.pages(org, repo)
            listed: Partial[list[Tag]] = await list_pages(
                f"tags of {org}/{repo}", fetch, page_size=PALETTE_TAGS, pages=1
            )
            found = self.peeked[(org, repo)] = [tag.name for tag in listed.value]
        return found

    def reload(self) -> None:
        """List organizations and repositories again (through the shared cache)."""
        self.leaves = {}
        self._announced = False
        self.cache.invalidate([Changed("repos")])

    def use_client(self, client: SwrClient, root_label: str) -> None:
        """Show another profile's registry: forget everything loaded and start again."""
        self.client = client
        self.root_label = root_label
        self.tree_widget.root.set_label(root_label)
        self.tree_widget.clear()
        self.leaves = {}
        self._announced = False
        self.cache.invalidate([Changed("profile")])

    def _cache_changed(self) -> None:
        error = self.cache.last_error
        if error and error != self._error_shown:
            self.notify(error, title="Cannot list organizations and repositories", severity="error")
        self._error_shown = error
        self._show_missing()
        if not self.cache.orgs():
            return
        self.rebuild()
        if not self._announced:
            self._announced = True
            self.post_message(self.Loaded())

    @property
    def gaps(self) -> list[Gap]:
        return [*self.cache.listing_gaps, *self.tag_gaps.values()]

    @work(exclusive=True, group="tree-retry", exit_on_error=False)
    async def retry_missing(self) -> None:
        """Fetch again only what is missing: the failed pages of repositories, the tags of
        the repositories whose load failed."""
        await self.cache.retry_listing()
        for org, repo in list(self.tag_gaps):
            await self.ensure_tags(org, repo)

    def _show_missing(self) -> None:
        """The panel above the tree: the listing's gaps, or why nothing could be listed
        (the error names the URL); it stays until a retry succeeds."""
        gaps = self.gaps
        error = self.cache.last_error
        text = missing_text(gaps) if gaps else ""
        if error and not gaps:
            text = f"⚠ Cannot list organizations and repositories (r: retry)\n• {error}"
        panel = self.query_one("#tree-missing", Static)
        panel.update(text)
        panel.display = bool(text)

    @property
    def filter_text(self) -> str:
        return self.query_one("#tree-filter", Input).value.strip().lower()

    def _remember_expanded(self) -> None:
        """Fold the tree's expanded nodes into :attr:`_expanded`: nodes a filter hid keep
        their state, and what the filter itself opened does not count as the user's."""
        shown = {n.data for n in _walk(self.tree_widget.root) if n.data is not None}
        opened = {
            n.data for n in _walk(self.tree_widget.root) if n.is_expanded and n.data is not None
        }
        self._expanded = (self._expanded - shown) | (opened - self._auto_expanded)

    def rebuild(self) -> None:
        """Redraw from the cache, keeping what was expanded and the cursor's node."""
        tree = self.tree_widget
        self._remember_expanded()
        self._auto_expanded = set()
        current = tree.cursor_node.data if tree.cursor_node else None
        needle = self.filter_text
        tree.clear()
        tree.root.set_label(self._root_text())
        for org in self.cache.orgs():
            self._add_org(tree.root, org, needle)
        tree.root.expand()
        self._show_missing()
        self.fit_width()
        if current is not None:
            self.select(current, quiet=True)

    def _root_text(self) -> str:
        # Names from the last run's listing are shown at once, and say how old they are
        # until the background refresh lands.
        saved = self.cache.cached_at
        return self.root_label if saved is None else f"{self.root_label} · cached {ago(saved)}"

    def _add_org(self, root: TreeNode[Node], org: str, needle: str) -> None:
        repos = self.cache.repos(org)
        shown = [r for r in repos if not needle or needle in f"{org}/{r}".lower()]
        if needle and not shown and needle not in org.lower():
            return
        node_data = nodes.organization(org)
        org_node = root.add(_org_label(org, self.cache), data=node_data, allow_expand=True)
        for repo in shown:
            self._add_repo(org_node, org, repo, self._expanded)
        if node_data in self._expanded:
            org_node.expand()
        elif needle and shown:
            self._auto_expanded.add(node_data)
            org_node.expand()

    def _add_repo(self, parent: TreeNode[Node], org: str, name: str, expanded: set[Node]) -> None:
        data = nodes.repository(org, name)
        count = self.cache.tag_count(org, name)
        gap = self.tag_gaps.get((org, name))
        label = _repo_label(name, count, failed=gap is not None)
        repo_node = parent.add(label, data=data, allow_expand=count is None or count > 0)
        if gap is not None:
            repo_node.add_leaf(f"⚠ {gap.error_code}: {gap.error_msg} (r: retry)", data=data)
        tags = self.leaves.get((org, name))
        if tags is None:
            return
        for tag in tags:
            repo_node.add_leaf(tag, data=nodes.tag(org, name, tag))
        if count is not None and count > len(tags):
            repo_node.add_leaf(f"… {count - len(tags)} more in the tags table", data=data)
        if data in expanded:
            repo_node.expand()

    @on(Tree.NodeExpanded, "#nav")
    def _node_expanded(self, event: Tree.NodeExpanded[Node]) -> None:
        data = event.node.data
        if data is None or data.kind != "repository":
            return
        key = (data.org, data.repo)
        # A failed load is retried by `r`, not by every expansion that shows its error.
        if key not in self.leaves and key not in self.tag_gaps:
            self._load_tags(data)

    @work(group="tree-tags", exit_on_error=False)
    async def _load_tags(self, data: Node) -> None:
        await self.ensure_tags(data.org, data.repo)

    async def ensure_tags(self, org: str, repo: str) -> None:
        if (org, repo) in self.leaves:
            return
        # One page of leaves; a failure becomes the node's visible gap, not an empty node.
        fetch = self.client.tags.pages(org, repo)
        listed: Partial[list[Tag]] = await list_pages(
            f"tags of {org}/{repo}", fetch, page_size=TAG_LEAVES, pages=1
        )
        if listed.complete:
            self.tag_gaps.pop((org, repo), None)
            # Ordered as the tags table and keep-last order them (ties by name, Z to A).
            newest = sorted(listed.value, key=recency, reverse=True)
            self.leaves[(org, repo)] = [tag.name for tag in newest]
        else:
            self.tag_gaps[(org, repo)] = listed.gaps[0]
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
        """Load what is needed to show ``target`` (tags of its repository), then put the
        cursor on it; a filter that hides it is cleared first. Quietly: the caller opens the
        pane itself, and a highlight event would open it a second time a moment later."""
        if target.kind == "tag":
            await self.ensure_tags(target.org, target.repo)
        if self._find(target) is None and self.filter_text:
            self.clear_filter()
        self.select(target, quiet=True)
        # Expanded parents get their lines on the next refresh: place the cursor again then.
        self.call_after_refresh(self.select, target, quiet=True)

    def _find(self, target: Node) -> TreeNode[Node] | None:
        return next((n for n in _walk(self.tree_widget.root) if n.data == target), None)

    def invalidate(self, target: Node) -> None:
        """Forget cached children under ``target`` and reload (after a change)."""
        changes = [Changed("repos")]
        if target.kind in ("repository", "tag"):
            self.leaves.pop((target.org, target.repo), None)
            changes.append(Changed("tags", target.org, target.repo))
        self.cache.invalidate(changes)

    def action_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.display = True
        box.focus()

    def action_close_filter(self) -> None:
        self.clear_filter()
        self.tree_widget.focus()

    def clear_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.value = ""
        box.display = False
        self.rebuild()

    # ----- width --------------------------------------------------------------------
    def _width_bounds(self) -> tuple[int, int]:
        screen_width = self.app.size.width or 80
        return MIN_WIDTH, max(MIN_WIDTH, int(screen_width * MAX_SHARE))

    def fit_width(self) -> None:
        """The user's width, else wide enough for the longest label (guides, icon and
        border included), both kept within the bounds."""
        low, high = self._width_bounds()
        wanted = self.user_width
        if wanted is None:
            labels = [
                len(node.label.plain) + 4 * len(_ancestors(node))
                for node in _walk(self.tree_widget.root)
            ]
            wanted = max(labels, default=0) + 4
        self.styles.width = min(high, max(low, wanted))

    def resize(self, delta: int) -> None:
        """``<``/``>``: narrower or wider by ``delta`` columns, remembered as the user's."""
        low, high = self._width_bounds()
        current = int(self.styles.width.value) if self.styles.width else low
        self.user_width = min(high, max(low, current + delta))
        self.fit_width()
        self.post_message(self.Resized(self.user_width))

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


def _ancestors(node: TreeNode[Node]) -> list[TreeNode[Node]]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _quiet_move(tree: Tree[Node], node: TreeNode[Node]) -> None:
    # Move the cursor without announcing a highlight: a redraw must not reopen panes.
    with tree.prevent(Tree.NodeHighlighted):
        tree.move_cursor(node, animate=False)
