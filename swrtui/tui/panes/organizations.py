"""The organization pane: details, and who holds which role on it (editable); creating an
organization is the tenant pane's ``n`` (:func:`new_organization`), deleting one is
``delete`` here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TabbedContent, TabPane

from swrtui.client import validation
from swrtui.tui import nodes, tabs
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Pane
from swrtui.tui.panes.org_permissions import OrgPermissionsSection
from swrtui.tui.screens.form import Field, FormScreen, Values
from swrtui.tui.widgets.info import KeyValues


def parse_organization(values: Values) -> str:
    return validation.organization(str(values["name"]).strip())


def new_organization(pane: Pane) -> None:
    """The tenant's ``n``: a form for the name, then the creation (through ``pane``)."""

    def create(name: str | None) -> None:
        if name is not None:
            pane.request_change(
                f"Created organization {name}",
                lambda: pane.client.organizations.create(name),
                nodes.TENANT,
            )

    fields = [Field("name", "Name", placeholder="lowercase, e.g. my-team")]
    form = FormScreen("New organization", fields, parse_organization, submit="Create")
    pane.app.push_screen(form, create)


class OrganizationPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="org-title", classes="title")
        with TabbedContent(id=tabs.ORG_TABS):
            with TabPane("Details", id=tabs.ORG_DETAILS):
                yield KeyValues(id="org-details")
                yield Static("delete: delete the organization (it must be empty)", classes="hint")
            with TabPane("Permissions", id=tabs.ORG_PERMISSIONS):
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
