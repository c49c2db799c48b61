"""``quotas``: the tenant's quotas and their use (reference 4.12)."""

from __future__ import annotations

from swrtui.commands.registry import REGISTRY, command
from swrtui.commands.result import Column, Result, table
from swrtui.commands.session import Session

COLUMNS = (
    Column("quota"),
    Column("used", kind="int"),
    Column("limit", kind="int"),
    Column("remaining", kind="int"),
    Column("unit"),
)


@command("quotas", "Quotas of the project and how much of each is used")
async def quotas(session: Session) -> Result:
    found = await session.client.quotas.list()
    return table(COLUMNS, [(q.key, q.used, q.limit, q.remaining, q.unit) for q in found])


REGISTRY.group("quotas", "Quotas and their use", aliases=("quota",), area="quotas")
