"""``overview``, ``reports`` and ``features``: tenant statistics, resource reports and
feature gates (reference 4.13)."""

from __future__ import annotations

from dataclasses import asdict

from swrtui.client.models.reports import FREQUENCIES, RESOURCE_TYPES
from swrtui.commands.args import choice
from swrtui.commands.registry import REGISTRY, arg, command
from swrtui.commands.result import Column, Result, record, table
from swrtui.commands.session import Session


@command("overview", "Counts of organizations, repositories and images; storage and traffic")
async def overview(session: Session) -> Result:
    found = await session.client.reports.overview()
    return record(
        {
            "account": found.domain_name,
            "domain_id": found.domain_id,
            "organizations": found.namespace_num,
            "repositories": found.repo_num,
            "images": found.image_num,
            "storage_mb": found.store_space,
            "downloaded_mb": found.downflow_size,
        },
        title="Overview",
    )


@command(
    "reports",
    "Storage (store) or download traffic (downflow) per day or month, in MB",
    arg("resource", choice(*RESOURCE_TYPES), "downflow (default) or store", required=False),
    arg("frequency", choice(*FREQUENCIES), "daily (default) or monthly", required=False),
)
async def reports(session: Session, resource: str | None, frequency: str | None) -> Result:
    resource, frequency = resource or "downflow", frequency or "daily"
    points = await session.client.reports.resource_report(resource, frequency)
    columns = (Column("date"), Column("mb", "MB"))
    return table(columns, [(p.date, p.value) for p in points], title=f"{resource} {frequency}")


@command("features", "Which optional features the service offers this tenant")
async def features(session: Session) -> Result:
    gates = asdict(await session.client.reports.feature_gates())
    rows = [(name.removeprefix("enable_"), on) for name, on in gates.items()]
    return table((Column("feature"), Column("enabled", kind="bool")), rows)


for _name, _summary, _aliases in (
    ("overview", "Tenant overview", ()),
    ("reports", "Resource reports", ("report",)),
    ("features", "Feature gates", ("feature-gates",)),
):
    REGISTRY.group(_name, _summary, aliases=_aliases, area="reports")
