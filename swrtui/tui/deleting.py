"""The app's deleting verbs: ``delete`` (the row at the cursor, the selected tags, or the
tree's node), ``tags: Delete selected…`` and the cleanup screen. Every one asks first and
runs through the change worker of :class:`~swrtui.tui.app.SwrApp`; every tag deletion
carries the digest the user saw, so a tag pushed again since is kept.

A mixin of :class:`~swrtui.tui.app.SwrApp` (its methods take the app as ``self``), apart so
that the app module holds the layout and the plumbing, and this one what deleting means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import TabbedContent

from swrtui.client.models.tags import Tag
from swrtui.tui import tabs
from swrtui.tui.actions import Deletion, node_deletion, tags_deletion
from swrtui.tui.panes.base import ChangeRequested
from swrtui.tui.panes.tags import TagPane
from swrtui.tui.screens.cleanup import CleanupScreen

if TYPE_CHECKING:
    from swrtui.tui.app import SwrApp


class Deleting:
    def action_delete(self: SwrApp) -> None:
        """``delete``: the row at the cursor where the visible tab lists items (in the tags
        table: the selected tags, else the tag at the cursor); in the tree, its node."""
        section = self.active_section()
        if section.answers("remove"):
            section.answer("remove")
            return
        if self.current.kind == "repository" and not self._in_sidebar():
            if self._tags_tab_shown():
                self._delete_tags(at_cursor=True)
            else:
                self.notify(
                    "Nothing here to delete: delete the repository from its node in the tree.",
                    severity="warning",
                )
            return
        self.action_delete_node()

    def action_delete_tags(self: SwrApp) -> None:
        """``tags: Delete selected…``."""
        self._delete_tags(at_cursor=False)

    def _delete_tags(self: SwrApp, *, at_cursor: bool) -> None:
        table = self.repo_pane.tags_table
        shown = sorted(table.model.selected_tags(), key=lambda t: t.name)
        cursor = table.current_tag() if at_cursor and not shown else None
        if cursor is not None:
            shown = [cursor]
        if not shown:
            self.notify("No tag selected or at the cursor.", severity="warning")
            return
        self._ask_deletion(tags_deletion(self.ctx.client, self.current, shown, selected=not cursor))

    def action_delete_node(self: SwrApp) -> None:
        """The current node of the tree: the tag, the repository or the organization."""
        found = node_deletion(self.ctx.client, self.current, self._shown_tag())
        if found is None:
            self.notify("Select a tag, a repository or an organization.", severity="warning")
            return
        self._ask_deletion(found)

    def _ask_deletion(self: SwrApp, found: Deletion) -> None:
        request = ChangeRequested(found.done, found.change, found.refresh, question=found.question)
        self._change_requested(request)

    def _in_sidebar(self: SwrApp) -> bool:
        return self.focused is not None and self.nav in self.focused.ancestors_with_self

    def _tags_tab_shown(self: SwrApp) -> bool:
        return self.query_one(f"#{tabs.REPO_TABS}", TabbedContent).active == tabs.REPO_TAGS

    def _shown_tag(self: SwrApp) -> list[Tag]:
        """The open tag as its pane shows it (``delete`` checks it is still that one)."""
        if self.current.kind != "tag":
            return []
        shown = self.query_one(TagPane).shown
        return [shown[1]] if shown is not None and shown[0] == self.current else []

    def action_cleanup(self: SwrApp) -> None:
        target = self.current if self.current.kind == "repository" else self.current.parent()
        if target.kind != "repository":
            self.notify("Open a repository to clean up its tags.", severity="warning")
            return
        selected = []
        if self.current.kind == "repository":
            selected = sorted(self.repo_pane.tags_table.model.selected)
        screen = CleanupScreen(
            self.ctx.client,
            target.org,
            target.repo,
            selected,
            journal_dir=self.ctx.journal_dir,
            profile=self.ctx.profile,
        )

        def closed(deleted: bool | None) -> None:
            if deleted:
                self.refresh_node(target)

        self.push_screen(screen, closed)
