"""The tenant pane (reference: reports): overview, the daily traffic sparkline, monthly
storage and traffic charts and feature gates, with the quotas (:mod:`.quotas`) and API
versions (:mod:`.api_versions`) as its sections; ``n`` creates an organization."""

from __future__ import annotations

import asyncio
from dataclasses import fields

from textual.app import ComposeResult
from textual.widgets import DataTable, Sparkline, Static, TabbedContent, TabPane

from swrtui.commands.format import human_bytes
from swrtui.tui import tabs
from swrtui.tui.format import bar_chart
from swrtui.tui.nodes import Node
from swrtui.tui.panes.api_versions import ApiVersionsSection
from swrtui.tui.panes.base import Pane
from swrtui.tui.panes.organizations import new_organization
from swrtui.tui.panes.quotas import QuotasSection
from swrtui.tui.widgets.info import KeyValues, fill_table

MIB = 1024 * 1024


class TenantPane(Pane):
    AREA = "organizations"

    def on_mount(self) -> None:
        self.query_one("#tenant-traffic", Sparkline).display = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id=tabs.TENANT_TABS):
            with TabPane("Overview", id=tabs.TENANT_OVERVIEW):
                yield KeyValues(id="tenant-summary")
                yield QuotasSection(self.client, id="tenant-quotas-section")
                yield Static("Downloads per day (MB)", classes="section")
                # Hidden until data arrives: an empty sparkline draws a flat line, which
                # reads as "no downloads" when the truth is "not known".
                yield Static("(no data)", id="tenant-traffic-none")
                yield Sparkline([], id="tenant-traffic")
            with TabPane("Monthly", id=tabs.TENANT_MONTHLY):
                yield Static("Storage per month", classes="section")
                yield Static("", id="tenant-store-monthly")
                yield Static("Downloads per month", classes="section")
                yield Static("", id="tenant-traffic-monthly")
            with TabPane("API versions", id=tabs.TENANT_VERSIONS):
                yield ApiVersionsSection(self.client, id="tenant-versions-section")
            with TabPane("Feature gates", id=tabs.TENANT_GATES):
                yield DataTable(id="gates-table", cursor_type="row")

    def reload(self) -> None:
        super().reload()
        if self.node is not None:
            for section in self.sections():
                section.show(self.node)

    async def fetch(self, node: Node) -> None:
        reports = self.client.reports
        overview, traffic, gates, store, downflow = await asyncio.gather(
            reports.overview(),
            reports.resource_report("downflow", "daily"),
            reports.feature_gates(),
            reports.resource_report("store", "monthly"),
            reports.resource_report("downflow", "monthly"),
        )
        for widget_id, points in (
            ("#tenant-store-monthly", store),
            ("#tenant-traffic-monthly", downflow),
        ):
            self.query_one(widget_id, Static).update(
                bar_chart([(f"{p.date:%Y-%m}" if p.date else "?", p.value) for p in points])
            )
        self.query_one("#tenant-summary", KeyValues).set(
            [
                ("account", overview.domain_name),
                ("organizations", str(overview.namespace_num)),
                ("repositories", str(overview.repo_num)),
                ("images", str(overview.image_num)),
                # The overview reports megabytes (MiB); show them like every other size.
                ("storage", human_bytes(round(overview.store_space * MIB))),
                ("downloaded", human_bytes(round(overview.downflow_size * MIB))),
            ]
        )
        chart = self.query_one("#tenant-traffic", Sparkline)
        chart.data = [p.value for p in traffic]
        chart.display = bool(traffic)
        self.query_one("#tenant-traffic-none", Static).display = not traffic
        fill_table(
            self.query_one("#gates-table", DataTable),
            ("gate", "enabled"),
            ((f.name, "yes" if getattr(gates, f.name) else "no") for f in fields(gates)),
        )

    def do_add(self) -> None:
        new_organization(self)
