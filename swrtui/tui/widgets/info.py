"""Display helpers: a key/value block and filling a DataTable from rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable, Static


class KeyValues(Static):
    """Two aligned columns, keys dimmed; values are plain text (never markup)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.pairs: list[tuple[str, str]] = []

    def set(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs = list(pairs)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for key, value in self.pairs:
            grid.add_row(key, Text(value))
        self.update(grid)

    def value(self, key: str) -> str:
        return dict(self.pairs)[key]


def fill_table(
    table: DataTable[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    key_column: int | None = 0,
) -> None:
    """Replace the table's columns and rows: cells as text, each row keyed by its
    ``key_column`` cell (no key when None). The cursor keeps its row number, so a refresh
    after a change stays in place."""
    cursor = table.cursor_row
    table.clear(columns=True)
    table.add_columns(*columns)
    for row in rows:
        cells = [str(cell) for cell in row]
        key = cells[key_column] if cells and key_column is not None else None
        table.add_row(*cells, key=key)
    if table.row_count:
        table.move_cursor(row=min(cursor, table.row_count - 1))


def table_text(table: DataTable[str]) -> list[list[str]]:
    """Every row's cells as text (tests and copy actions read tables through this)."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
