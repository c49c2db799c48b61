"""The tenant's quotas (reference: quotas): each with a usage bar, on the tenant's overview."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from swrtui.tui.format import usage_bar
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Pane
from swrtui.tui.widgets.info import KeyValues


class QuotasSection(Pane):
    def compose(self) -> ComposeResult:
        yield Static("Quotas", classes="section")
        yield KeyValues(id="tenant-quotas")

    async def fetch(self, node: Node) -> None:
        quotas = await self.client.quotas.list()
        self.query_one("#tenant-quotas", KeyValues).set(
            (quota.key, usage_bar(quota.used, quota.limit)) for quota in quotas
        )
