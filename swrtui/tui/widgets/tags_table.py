"""The tags table of a repository: a DataTable showing one window of a :class:`TagListModel`.

Keys: ``space`` selects, ``a`` selects everything the filter shows, ``A`` clears the
selection, ``1``/``2``/``3`` sort by name/updated/size (again to flip), ``[``/``]`` page,
``/`` filters, ``enter`` opens the tag. Tags arrive in pages (:meth:`TagsTable.add_page`)
while the user already works with the first ones.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from swrtui.client.models.tags import Tag
from swrtui.commands.format import human_bytes, short_digest, when
from swrtui.tui.widgets.tag_model import TagListModel

COLUMNS = (" ", "tag", "digest", "size", "updated", "platforms", "pull")


class TagsTable(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_selected", "Select"),
        Binding("a", "select_filtered", "Select shown"),
        Binding("A", "clear_selection", "Clear sel.", show=False),
        Binding("1", "sort('name')", "Sort name", show=False),
        Binding("2", "sort('updated')", "Sort updated", show=False),
        Binding("3", "sort('size')", "Sort size", show=False),
        Binding("right_square_bracket", "page(1)", "Next page", show=False),
        Binding("left_square_bracket", "page(-1)", "Prev page", show=False),
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
        yield Input(placeholder="filter tags (enter to apply, esc to close)", id="tag-filter")
        table: DataTable[str] = DataTable(id="tags-grid", cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        yield table
        yield Static("", id="tags-status")

    @property
    def grid(self) -> DataTable[str]:
        return self.query_one("#tags-grid", DataTable)

    def reset(self, pull_prefix: str, total: int | None) -> None:
        """Start over for another repository (``pull_prefix`` is ``host/org/repo``)."""
        self.pull_prefix = pull_prefix
        self.total = total
        self.model.replace([])
        self.model.clear_selection()
        self.render_window()

    def add_page(self, tags: list[Tag]) -> None:
        """More tags arrived; redraw only while the visible window is still filling up."""
        window_full = len(self.model.tags) >= self.model.offset + self.model.page_size
        self.model.extend(tags)
        if not window_full:
            self.render_window()
        else:
            self._update_status()

    def finish_loading(self) -> None:
        self.total = len(self.model.tags)
        self.render_window()

    def render_window(self) -> None:
        table = self.grid
        cursor = table.cursor_row
        table.clear()
        # Row keys are the tag names, so lookups never depend on the window's position.
        for tag in self.model.window():
            table.add_row(*self._row(tag), key=tag.name)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._update_status()

    def _row(self, tag: Tag) -> tuple[str, ...]:
        mark = "✓" if tag.name in self.model.selected else " "
        pull = f"docker pull {self.pull_prefix}:{tag.name}"
        size = human_bytes(tag.size)
        updated = when(tag.updated)
        return (mark, tag.name, short_digest(tag.digest), size, updated, tag.platforms, pull)

    def _update_status(self) -> None:
        self.query_one("#tags-status", Static).update(self.model.status(self.total))

    def current_tag(self) -> Tag | None:
        window = self.model.window()
        row = self.grid.cursor_row
        return window[row] if 0 <= row < len(window) else None

    def action_toggle_selected(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        self.model.toggle(tag.name)
        mark = "✓" if tag.name in self.model.selected else " "
        self.grid.update_cell_at(Coordinate(self.grid.cursor_row, 0), mark)
        self.grid.action_cursor_down()
        self._selection_changed()

    def action_select_filtered(self) -> None:
        self.model.select_filtered()
        self.render_window()
        self._selection_changed()

    def action_clear_selection(self) -> None:
        self.model.clear_selection()
        self.render_window()
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._update_status()
        self.post_message(self.SelectionChanged(len(self.model.selected)))

    def action_sort(self, key: str) -> None:
        self.model.sort_by(key)
        self.render_window()

    def action_page(self, pages: int) -> None:
        if self.model.move_window(pages):
            self.grid.move_cursor(row=0)
            self.render_window()

    def action_filter(self) -> None:
        box = self.query_one("#tag-filter", Input)
        box.display = True
        box.focus()

    def action_close_filter(self) -> None:
        box = self.query_one("#tag-filter", Input)
        box.display = False
        self.grid.focus()

    def apply_filter(self, text: str) -> None:
        self.query_one("#tag-filter", Input).value = text
        self.model.set_filter(text)
        self.render_window()

    @on(Input.Changed, "#tag-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.model.set_filter(event.value)
        self.render_window()

    @on(Input.Submitted, "#tag-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.grid.focus()

    @on(DataTable.RowSelected, "#tags-grid")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        tag = self.current_tag()
        if tag is not None:
            self.post_message(self.Opened(tag))
