"""The tenant pane: overview, quotas with usage bars, traffic sparkline, API versions and
feature gates."""

from __future__ import annotations

import asyncio
from dataclasses import fields

from textual.app import ComposeResult
from textual.widgets import DataTable, Sparkline, Static, TabbedContent, TabPane

from swrtui.tui.format import usage_bar, when
from swrtui.tui.nodes import Node
from swrtui.tui.screens.base import Pane
from swrtui.tui.widgets.info import KeyValues, fill_table


class TenantPane(Pane):
    def compose(self) -> ComposeResult:
        with TabbedContent(id="tenant-tabs"):
            with TabPane("Overview", id="tenant-overview"):
                yield KeyValues(id="tenant-summary")
                yield Static("Quotas", classes="section")
                yield KeyValues(id="tenant-quotas")
                yield Static("Downloads per day (MB)", classes="section")
                yield Sparkline([], id="tenant-traffic")
            with TabPane("API versions", id="tenant-versions"):
                yield DataTable(id="versions-table", cursor_type="row")
            with TabPane("Feature gates", id="tenant-gates"):
                yield DataTable(id="gates-table", cursor_type="row")

    async def fetch(self, node: Node) -> None:
        reports = self.client.reports
        overview, quotas, traffic, versions, gates = await asyncio.gather(
            reports.overview(),
            self.client.quotas.list(),
            reports.resource_report("downflow", "daily"),
            self.client.api_versions.list(),
            reports.feature_gates(),
        )
        self.query_one("#tenant-summary", KeyValues).set(
            [
                ("account", overview.domain_name),
                ("organizations", str(overview.namespace_num)),
                ("repositories", str(overview.repo_num)),
                ("images", str(overview.image_num)),
                ("storage", f"{overview.store_space:.1f} MB"),
                ("downloaded", f"{overview.downflow_size:.1f} MB"),
            ]
        )
        self.query_one("#tenant-quotas", KeyValues).set(
            (quota.key, usage_bar(quota.used, quota.limit)) for quota in quotas
        )
        self.query_one("#tenant-traffic", Sparkline).data = [p.value for p in traffic]
        fill_table(
            self.query_one("#versions-table", DataTable),
            ("id", "status", "version", "min version", "updated"),
            ((v.id, v.status, v.version, v.min_version, when(v.updated)) for v in versions),
        )
        fill_table(
            self.query_one("#gates-table", DataTable),
            ("gate", "enabled"),
            ((f.name, "yes" if getattr(gates, f.name) else "no") for f in fields(gates)),
        )
