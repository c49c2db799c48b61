"""The navigation tree's own tree widget: the arrow keys the help promises."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree

from swrtui.tui.nodes import Node


class NameTree(Tree[Node]):
    """The tree with the arrow keys the help promises: → expands (or steps into an expanded
    node), ← collapses (or steps out to the parent), instead of scrolling sideways."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "expand_or_enter", "Expand", show=False, tooltip="expand the node"),
        Binding("left", "collapse_or_leave", "Collapse", show=False, tooltip="collapse it"),
    ]

    def action_expand_or_enter(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_collapse_or_leave(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)
