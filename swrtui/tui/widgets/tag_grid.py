"""A virtual grid over every row of a :class:`TagListModel` view, on Textual's Line API.

Only the lines on screen are rendered (:meth:`TagGrid.render_line`), so 1 000 000 rows cost
what 40 do: no widget, cell or row object per tag, and no paging window. The first line is a
fixed header; the cursor is an index into the model's view. Keys: up/down, PgUp/PgDn,
Home/End; enter (or a click on the cursor's row) chooses the row; the mouse wheel scrolls.

Why not ``textual-fastdatatable``: it backs the table with a pyarrow table (a ~100 MB
dependency) built from the rows, i.e. a second copy of 100 000 tags to rebuild on every
sort and filter, whereas here sorting and filtering are list operations on the tags the
model already holds, and drawing stays O(screen height).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from swrtui.client.models.tags import Tag
from swrtui.tui.widgets.tag_model import TagListModel

HEADER = (" ", "tag", "digest", "size", "updated", "platforms", "pull")
# Fixed widths of the mark, digest (12 hex digits), size ("1023.9 MiB"), relative time (the
# longest: "59 minutes ago") and platforms (three short platforms, e.g.
# "amd64,arm64/v8,arm/v7") columns.
FIXED = {"mark": 1, "digest": 12, "size": 10, "updated": 14, "platforms": 21}
NAME_WIDTH = (8, 60)  # the name column follows the longest name, within these bounds

Cells = Callable[[Tag], tuple[str, ...]]


class TagGrid(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tag-grid--header",
        "tag-grid--cursor",
        "tag-grid--even-row",
    }
    DEFAULT_CSS = """
    TagGrid {
        background: $surface;
        color: $foreground;
        & > .tag-grid--header { text-style: bold; background: $panel; color: $foreground; }
        & > .tag-grid--cursor { background: $block-cursor-blurred-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .tag-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .tag-grid--even-row { background: $surface-lighten-1 50%; }
        &:dark > .tag-grid--even-row { background: $surface-darken-1 40%; }
    }
    """

    class CursorMoved(Message):
        def __init__(self, row: int) -> None:
            self.row = row
            super().__init__()

    class Chosen(Message):
        def __init__(self, row: int) -> None:
            self.row = row
            super().__init__()

    def __init__(self, model: TagListModel, cells: Cells, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = model
        self.cells = cells
        self.cursor_row = 0
        self._widths: tuple[int, ...] = ()

    # -- size and layout -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.model.view())

    def refresh_rows(self) -> None:
        """The model changed (tags arrived, sorted, filtered): resize, keep the cursor in
        range, redraw what is on screen."""
        # Unfiltered, the view has every tag: its size needs no sort (that waits for a paint).
        unsorted = self.model.stale and not self.model.filter_text
        count = len(self.model.tags) if unsorted else self.row_count
        name = min(max(self.model.longest_name, NAME_WIDTH[0]), NAME_WIDTH[1])
        after_name = (FIXED[key] for key in ("digest", "size", "updated", "platforms"))
        self._widths = (FIXED["mark"], name, *after_name)
        width = sum(self._widths) + len(self._widths) + self._last_width()
        self.virtual_size = Size(width, count + 1)
        self.cursor_row = min(self.cursor_row, max(0, count - 1))
        self.refresh()

    def _last_width(self) -> int:
        # The last column (the pull command) ends with the name: measure one row and widen it
        # by the longest name, instead of sorting every arrival to look at row 0.
        tags = self.model.tags
        if not tags:
            return len(HEADER[-1])
        return len(self.cells(tags[0])[-1]) - len(tags[0].name) + self.model.longest_name

    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # -- drawing ---------------------------------------------------------------------------

    def _line(self, cells: tuple[str, ...]) -> str:
        fixed = [cell[:w].ljust(w) for cell, w in zip(cells, self._widths, strict=False)]
        return " ".join([*fixed, *cells[len(self._widths) :]])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            text, style = self._line(HEADER), self.get_component_rich_style("tag-grid--header")
        else:
            row = scroll_y + y - 1
            view = self.model.view()
            if row >= len(view):
                return Strip.blank(width, base)
            text, style = self._line(self.cells(view[row])), self._row_style(row)
        strip = Strip([Segment(text, base + style)])
        return strip.crop_extend(scroll_x, scroll_x + width, base + style)

    def _row_style(self, row: int) -> Style:
        if row == self.cursor_row:
            return self.get_component_rich_style("tag-grid--cursor")
        if row % 2 == 0:
            return self.get_component_rich_style("tag-grid--even-row")
        return Style()

    # -- the cursor ------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll just enough to show it."""
        count = self.row_count
        self.cursor_row = min(max(0, row), max(0, count - 1))
        top, height = int(self.scroll_offset.y), self._body_height
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor_row))

    def action_move(self, rows: int) -> None:
        self.move_cursor(self.cursor_row + rows)

    def action_page(self, pages: int) -> None:
        self.move_cursor(self.cursor_row + pages * self._body_height)

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else self.row_count - 1)

    def action_choose(self) -> None:
        if self.row_count:
            self.post_message(self.Chosen(self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = int(self.scroll_offset.y) + offset.y - 1
        if row >= self.row_count:
            return
        if row == self.cursor_row:
            self.action_choose()
        else:
            self.move_cursor(row)

    def rows_text(self, start: int = 0, stop: int | None = None) -> list[tuple[str, ...]]:
        """The cells of rows ``start:stop`` of the view as drawn (tests and copies read this)."""
        return [self.cells(tag) for tag in self.model.view()[start:stop]]
