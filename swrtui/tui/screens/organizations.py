"""The organization pane: details and who holds which role on it."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui.tui.nodes import Node
from swrtui.tui.screens.base import Pane
from swrtui.tui.widgets.info import KeyValues, fill_table


class OrganizationPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="org-title", classes="title")
        yield KeyValues(id="org-details")
        yield Static("Permissions", classes="section")
        yield DataTable(id="org-permissions", cursor_type="row")

    async def fetch(self, node: Node) -> None:
        org, permissions = await asyncio.gather(
            self.client.organizations.get(node.org), self.client.org_permissions.get(node.org)
        )
        self.query_one("#org-title", Static).update(f"Organization {org.name}")
        self.query_one("#org-details", KeyValues).set(
            [
                ("name", org.name),
                ("id", str(org.id)),
                ("creator", org.creator_name),
                ("your role", org.role),
            ]
        )
        fill_table(
            self.query_one("#org-permissions", DataTable),
            ("user", "user id", "role"),
            ((u.user_name, u.user_id, u.role) for u in permissions.all),
        )
