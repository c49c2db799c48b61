"""The API versions the service offers (reference: api_versions), a tab of the tenant pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import ListSection
from swrtui.tui.widgets.info import fill_table


class ApiVersionsSection(ListSection):
    TABLE_ID = "versions-table"

    def compose(self) -> ComposeResult:
        yield DataTable(id=self.TABLE_ID, cursor_type="row")

    async def fetch(self, node: Node) -> None:
        versions = await self.client.api_versions.list()
        fill_table(
            self.table,
            ("id", "status", "version", "min version", "updated"),
            ((v.id, v.status, v.version, v.min_version, v.updated) for v in versions),
        )
