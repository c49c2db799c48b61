"""``versions``: the API versions the service offers (reference 4.5)."""

from __future__ import annotations

from swrtui.client.models.api_versions import ApiVersion
from swrtui.commands.args import TEXT
from swrtui.commands.registry import REGISTRY, arg, command
from swrtui.commands.result import Column, Result, record, table
from swrtui.commands.session import Session

COLUMNS = (
    Column("id"),
    Column("status"),
    Column("version"),
    Column("min_version"),
    Column("updated", kind="time"),
)


def _row(version: ApiVersion) -> tuple[object, ...]:
    return (version.id, version.status, version.version, version.min_version, version.updated)


@command(
    "versions",
    "List the API versions, or show one",
    arg("version", TEXT, "e.g. v2", required=False),
)
async def versions(session: Session, version: str | None) -> Result:
    if version is None:
        return table(COLUMNS, map(_row, await session.client.api_versions.list()))
    found = await session.client.api_versions.get(version)
    return record(
        {**dict(zip((c.key for c in COLUMNS), _row(found), strict=True)), "href": found.href}
    )


REGISTRY.group("versions", "API versions of the service", area="api_versions")
