"""The organization pane: details, and who holds which role on it (editable); creating an
organization is the tenant pane's ``n``, deleting one is ``delete`` here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TabbedContent, TabPane

from swrtui.client import validation
from swrtui.tui.nodes import Node
from swrtui.tui.screens.base import Pane
from swrtui.tui.screens.form import Values
from swrtui.tui.screens.permissions import OrgPermissionsSection
from swrtui.tui.widgets.info import KeyValues


def parse_organization(values: Values) -> str:
    return validation.organization(str(values["name"]).strip())


class OrganizationPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="org-title", classes="title")
        with TabbedContent(id="org-tabs"):
            with TabPane("Details", id="org-details-tab"):
                yield KeyValues(id="org-details")
                yield Static("delete: delete the organization (it must be empty)", classes="hint")
            with TabPane("Permissions", id="org-permissions-tab"):
                yield OrgPermissionsSection(self.client, id="org-permissions-section")

    async def fetch(self, node: Node) -> None:
        org = await self.client.organizations.get(node.org)
        self.query_one("#org-title", Static).update(f"Organization {org.name}")
        self.query_one("#org-details", KeyValues).set(
            [
                ("name", org.name),
                ("id", str(org.id)),
                ("creator", org.creator_name),
                ("your role", org.role),
            ]
        )

    def reload(self) -> None:
        super().reload()
        if self.node is not None:
            self.query_one(OrgPermissionsSection).show(self.node)
