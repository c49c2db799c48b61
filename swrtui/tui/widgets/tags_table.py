"""The tags table of a repository: a virtual :class:`TagGrid` over every tag of a
:class:`TagListModel`, with a filter box above and a status line below.

Keys: ``space`` selects, ``a`` selects everything the filter shows (every matching tag, not
only those on screen), ``A`` clears the selection, ``1``/``2``/``3`` sort by
name/updated/size (again to flip), ``/`` filters, ``enter`` opens the tag; up/down,
PgUp/PgDn, Home/End and the mouse move through all rows. Tags arrive in pages
(:meth:`TagsTable.add_page`) while the user already works with the first ones.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from swrtui.client.models.tags import Tag
from swrtui.commands.format import ago, human_bytes, short_digest, short_platforms, when
from swrtui.tui.widgets.tag_grid import TagGrid
from swrtui.tui.widgets.tag_model import TagListModel


class TagsTable(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_selected", "Select"),
        Binding("a", "select_filtered", "Select shown"),
        Binding("A", "clear_selection", "Clear sel.", show=False),
        Binding("1", "sort('name')", "Sort name", show=False),
        Binding("2", "sort('updated')", "Sort updated", show=False),
        Binding("3", "sort('size')", "Sort size", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "close_filter", "Close filter", show=False),
    ]

    class Opened(Message):
        """The user pressed enter on a tag."""

        def __init__(self, tag: Tag) -> None:
            self.tag = tag
            super().__init__()

    class SelectionChanged(Message):
        def __init__(self, count: int) -> None:
            self.count = count
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = TagListModel()
        self.pull_prefix = ""
        self.total: int | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter tags (enter to apply, esc to clear)", id="tag-filter")
        yield TagGrid(self.model, self._row, id="tags-grid")
        yield Static("", id="tags-status")

    @property
    def grid(self) -> TagGrid:
        return self.query_one("#tags-grid", TagGrid)

    def reset(self, pull_prefix: str, total: int | None) -> None:
        """Start over for another repository (``pull_prefix`` is ``host/org/repo``)."""
        self.pull_prefix = pull_prefix
        self.total = total
        self.model.replace([])
        self.model.clear_selection()
        # One repository's filter would hide another's tags behind a closed box.
        self._clear_filter_box()
        self.model.set_filter("")
        self.grid.cursor_row = 0
        self.grid.scroll_to(y=0, animate=False, immediate=True)
        self.redraw()

    def add_page(self, tags: list[Tag]) -> None:
        """More tags arrived: the grid grows; it sorts them in when it next paints."""
        self.model.extend(tags)
        self.redraw()

    def finish_loading(self) -> None:
        self.total = len(self.model.tags)
        self.redraw()

    def redraw(self) -> None:
        self.grid.refresh_rows()
        self._update_status()

    def _row(self, tag: Tag) -> tuple[str, ...]:
        mark = "✓" if tag.name in self.model.selected else " "
        pull = f"docker pull {self.pull_prefix}:{tag.name}"
        size = human_bytes(tag.size)
        updated = ago(tag.updated)
        platforms = short_platforms(tag.platforms)
        return (mark, tag.name, short_digest(tag.digest), size, updated, platforms, pull)

    def _update_status(self) -> None:
        status = self.model.status(self.grid.cursor_row, self.total)
        tag = self.current_tag()
        if tag is not None and tag.updated is not None:
            # The table says "3 days ago": the cursor row's absolute time and zone go here.
            status += f" · updated {when(tag.updated)} UTC"
        self.query_one("#tags-status", Static).update(status)

    def current_tag(self) -> Tag | None:
        view, row = self.model.view(), self.grid.cursor_row
        return view[row] if 0 <= row < len(view) else None

    def action_toggle_selected(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        self.model.toggle(tag.name)
        self.grid.action_move(1)
        self._selection_changed()

    def action_select_filtered(self) -> None:
        self.model.select_filtered()
        self.grid.refresh()
        self._selection_changed()

    def action_clear_selection(self) -> None:
        self.model.clear_selection()
        self.grid.refresh()
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._update_status()
        self.post_message(self.SelectionChanged(len(self.model.selected)))

    def action_sort(self, key: str) -> None:
        self.model.sort_by(key)
        self.grid.move_cursor(0)
        self.redraw()

    def action_filter(self) -> None:
        box = self.query_one("#tag-filter", Input)
        box.display = True
        box.focus()

    def action_close_filter(self) -> None:
        """Esc in the filter box: the filter goes with the box (as the tree's does), so no
        hidden filter keeps rows out of sight."""
        if self.model.filter_text:
            self._set_filter("")
        self._clear_filter_box()
        self.grid.focus()

    def _clear_filter_box(self) -> None:
        box = self.query_one("#tag-filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False

    def apply_filter(self, text: str) -> None:
        self.query_one("#tag-filter", Input).value = text
        self._set_filter(text)

    def _set_filter(self, text: str) -> None:
        self.model.set_filter(text)
        self.grid.move_cursor(0)
        self.redraw()

    @on(Input.Changed, "#tag-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._set_filter(event.value)

    @on(Input.Submitted, "#tag-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.grid.focus()

    @on(TagGrid.CursorMoved)
    def _cursor_moved(self, event: TagGrid.CursorMoved) -> None:
        event.stop()
        self._update_status()

    @on(TagGrid.Chosen)
    def _row_chosen(self, event: TagGrid.Chosen) -> None:
        event.stop()
        tag = self.current_tag()
        if tag is not None:
            self.post_message(self.Opened(tag))
