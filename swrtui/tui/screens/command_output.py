"""The pane command mode writes to: tables as a DataTable, records and messages as text,
JSON documents pretty-printed, errors as ``error_code: message``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from swrtui.commands import Result, render_json, render_table, table_cells
from swrtui.tui.widgets.info import fill_table


class CommandOutput(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="command-title", classes="title")
        yield DataTable(id="command-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="command-text-scroll"):
            yield Static("", id="command-text")

    def show_result(self, line: str, result: Result) -> None:
        title = result.title or line
        self.query_one("#command-title", Static).update(Text(f"› {title}"))
        table = self.query_one("#command-table", DataTable)
        text = self.query_one("#command-text", Static)
        is_table = result.kind == "table" and result.output != "json"
        table.display = is_table
        if is_table:
            headings, rows = table_cells(result)
            fill_table(table, headings, rows)
            text.update(Text("\n".join(result.notes)))
        elif result.kind == "error":
            text.update(Text(f"{result.error_code}: {result.error_msg}", style="bold red"))
        elif result.output == "json":
            text.update(Text(render_json(result)))
        else:
            text.update(Text(render_table(result)))
