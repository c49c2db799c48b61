"""The tenant pane: overview, quotas with usage bars, the daily traffic sparkline, monthly
storage and traffic charts, API versions and feature gates; ``n`` creates an organization."""

from __future__ import annotations

import asyncio
from dataclasses import fields

from textual.app import ComposeResult
from textual.widgets import DataTable, Sparkline, Static, TabbedContent, TabPane

from swrtui.commands.format import human_bytes, when
from swrtui.tui import nodes
from swrtui.tui.format import bar_chart, usage_bar
from swrtui.tui.nodes import Node
from swrtui.tui.screens.base import Pane
from swrtui.tui.screens.form import Field, FormScreen
from swrtui.tui.screens.organizations import parse_organization
from swrtui.tui.widgets.info import KeyValues, fill_table

MIB = 1024 * 1024


class TenantPane(Pane):
    VERBS = frozenset({"add"})
    AREA = "organizations"

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tenant-tabs"):
            with TabPane("Overview", id="tenant-overview"):
                yield KeyValues(id="tenant-summary")
                yield Static("Quotas", classes="section")
                yield KeyValues(id="tenant-quotas")
                yield Static("Downloads per day (MB)", classes="section")
                yield Sparkline([], id="tenant-traffic")
            with TabPane("Monthly", id="tenant-monthly"):
                yield Static("Storage per month", classes="section")
                yield Static("", id="tenant-store-monthly")
                yield Static("Downloads per month", classes="section")
                yield Static("", id="tenant-traffic-monthly")
            with TabPane("API versions", id="tenant-versions"):
                yield DataTable(id="versions-table", cursor_type="row")
            with TabPane("Feature gates", id="tenant-gates"):
                yield DataTable(id="gates-table", cursor_type="row")

    async def fetch(self, node: Node) -> None:
        reports = self.client.reports
        (overview, quotas, traffic, versions, gates), (store, downflow) = await asyncio.gather(
            asyncio.gather(
                reports.overview(),
                self.client.quotas.list(),
                reports.resource_report("downflow", "daily"),
                self.client.api_versions.list(),
                reports.feature_gates(),
            ),
            asyncio.gather(
                reports.resource_report("store", "monthly"),
                reports.resource_report("downflow", "monthly"),
            ),
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

    def do_add(self) -> None:
        def create(name: str | None) -> None:
            if name is not None:
                self.changes.run_change(
                    f"Created organization {name}",
                    lambda: self.client.organizations.create(name),
                    nodes.TENANT,
                )

        fields = [Field("name", "Name", placeholder="lowercase, e.g. my-team")]
        form = FormScreen("New organization", fields, parse_organization, submit="Create")
        self.app.push_screen(form, create)
