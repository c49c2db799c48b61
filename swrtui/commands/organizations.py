"""``orgs``: list, show, create and delete organizations (reference 4.1)."""

from __future__ import annotations

from swrtui.client.models.organizations import Organization
from swrtui.commands.args import ORG
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, message, row_record, table
from swrtui.commands.session import Session

REGISTRY.group("orgs", "Organizations", aliases=("org", "organizations"), area="organizations")

COLUMNS = (Column("name"), Column("id", kind="int"), Column("creator"), Column("role"))


def _row(org: Organization) -> tuple[object, ...]:
    return (org.name, org.id, org.creator_name, org.role)


@command(
    "orgs list",
    "List organizations you hold a role on",
    opt("--visible", help="also those seen only through a repository grant"),
    aliases=("ls",),
    default=True,
)
async def orgs_list(session: Session, visible: bool) -> Result:
    orgs = await session.client.organizations.list(visible=visible)
    session.cache.set_orgs([*session.cache.orgs(), *(o.name for o in orgs)])
    return table(COLUMNS, sorted(map(_row, orgs)), title="Organizations")


@command("orgs show", "Show one organization", arg("org", ORG, "organization"))
async def orgs_show(session: Session, org: str) -> Result:
    found = await session.client.organizations.get(org)
    return row_record(COLUMNS, _row(found), title=found.name)


@command("orgs create", "Create an organization", arg("org", ORG), mutates=True)
async def orgs_create(session: Session, org: str) -> Result:
    await session.client.organizations.create(org)
    return message(f"created organization {org}", Changed("orgs"))


@command(
    "orgs delete",
    "Delete an (empty) organization",
    arg("org", ORG),
    aliases=("rm",),
    destructive=True,
)
async def orgs_delete(session: Session, org: str) -> Result:
    await session.client.organizations.delete(org)
    return message(f"deleted organization {org}", Changed("orgs"))
