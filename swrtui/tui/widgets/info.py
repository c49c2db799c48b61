"""Display helpers: a key/value block and filling a DataTable from rows.

Times in tables are relative ("3 days ago", as the console and k9s write them); the
absolute time with its zone is the cursor row's tooltip (:func:`row_times`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from weakref import WeakKeyDictionary

from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable, Static

from swrtui.commands.format import ago, when_full

# Each filled table's rows' absolute times, by row number (empty where a row has none).
_ROW_TIMES: WeakKeyDictionary[DataTable[str], list[str]] = WeakKeyDictionary()


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
    """Replace the table's columns and rows: cells as text (times relative to now, their
    absolute form kept for :func:`row_times`), each row keyed by its ``key_column`` cell
    (no key when None). The cursor keeps its row number, so a refresh after a change stays
    in place."""
    cursor = table.cursor_row
    table.clear(columns=True)
    table.add_columns(*columns)
    times = _ROW_TIMES[table] = []
    for row in rows:
        cells = [ago(cell) if isinstance(cell, datetime) else str(cell) for cell in row]
        key = cells[key_column] if cells and key_column is not None else None
        table.add_row(*cells, key=key)
        times.append(
            " · ".join(
                f"{name}: {when_full(cell)}"
                for name, cell in zip(columns, row, strict=True)
                if isinstance(cell, datetime)
            )
        )
    if table.row_count:
        table.move_cursor(row=min(cursor, table.row_count - 1))


def row_times(table: DataTable[str], row: int) -> str:
    """``created: 2026-11-20 18:12 UTC (3 days ago)`` for a row :func:`fill_table` filled
    with times; empty otherwise."""
    times = _ROW_TIMES.get(table, [])
    return times[row] if 0 <= row < len(times) else ""


def table_text(table: DataTable[str]) -> list[list[str]]:
    """Every row's cells as text (tests and copy actions read tables through this)."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
