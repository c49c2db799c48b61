"""Printing results: tables through rich on a terminal, plain aligned text otherwise (so
scripts get stable, untruncated columns); JSON and CSV as the command layer renders them;
errors as one line on the error stream."""

from __future__ import annotations

import sys
from typing import TextIO

from swrtui.commands import Result, render, table_cells
from swrtui.commands.render import error_line, missing_lines


class Printer:
    """Writes to ``out``/``err``, or to whatever ``sys.stdout``/``sys.stderr`` are at print
    time (inside ``patch_stdout`` those are the proxies that keep the prompt intact)."""

    def __init__(
        self, out: TextIO | None = None, err: TextIO | None = None, *, rich_tables: bool = False
    ) -> None:
        self._out = out
        self._err = err
        self.rich_tables = rich_tables

    @property
    def out(self) -> TextIO:
        return self._out or sys.stdout

    @property
    def err(self) -> TextIO:
        return self._err or sys.stderr

    def show(self, result: Result, output: str) -> None:
        if result.kind == "error":
            print(error_line(result), file=self.err, flush=True)
            return
        if result.kind == "message" and not result.message:
            return
        fmt = result.output or output
        if fmt == "table" and result.kind == "table" and self.rich_tables and result.rows:
            self._rich_table(result)
        else:
            print(render(result, fmt), file=self.out, flush=True)
        if fmt == "csv":
            # CSV has no room for it, and the rows alone must not pass for the whole list.
            for line in missing_lines(result):
                print(line, file=self.err, flush=True)

    def _rich_table(self, result: Result) -> None:
        from rich import box
        from rich.console import Console
        from rich.table import Table

        headings, rows = table_cells(result)
        grid = Table(box=box.SIMPLE_HEAD, title=result.title or None, title_justify="left")
        for heading, column in zip(headings, result.columns, strict=True):
            numeric = column.kind in ("int", "bytes")
            grid.add_column(heading, justify="right" if numeric else "left", overflow="fold")
        for row in rows:
            grid.add_row(*row)
        console = Console(file=self.out, force_terminal=True, highlight=False)
        console.print(grid)
        for note in [*result.notes, *missing_lines(result)]:
            console.print(note, markup=False)

    def line(self, text: str) -> None:
        print(text, file=self.out, flush=True)
