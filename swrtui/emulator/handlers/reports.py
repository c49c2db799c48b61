"""Tenant overview, resource statistics and feature gates (reference 4.13.1-4.13.3).

Everything is computed from the tenant's organizations, tags and ``Domain.downflow``.
Choices where the reference is silent:

- Sizes (``store_space``, ``downflow_size`` and report values) are in MB (2**20 bytes),
  rounded to two decimals: the reference's example ``"store_space": 99.21`` is not a byte
  count. A repository stores each digest once, however many tags point at it.
- ``image_num`` counts tags; ``downflow_size`` is all recorded download traffic.
- ``resource_type`` is ``downflow`` or ``store`` and ``frequency`` ``daily`` or ``monthly``
  (the online reference's value lists); anything else is a 400 ``SVCSTG.SWR.4001025``.
  ``daily`` gives the 30 days ending today (``YYYY-MM-DD``), ``monthly`` the 12 months ending
  this month (dated the 1st). ``downflow`` is the traffic of the period; ``store`` the storage
  at the period's end (today for the current one), each image counted from its first push.
- The overview emits the SDK's ``namspace_num`` and the document's ``namespace_num``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from starlette.responses import Response

from swrtui.emulator import access, errors
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import Domain, EmulatorState, utcnow

MB = 1024 * 1024
DAILY_POINTS = 30
MONTHLY_POINTS = 12

# The document's eight gates as its example shows them, plus the four the SDK also reads,
# set by what this emulator implements (authorization tokens and resource reports: yes).
FEATURE_GATES = {
    "enable_experience": True,
    "enable_hss_service": True,
    "enable_image_scan": True,
    "enable_sm3": True,
    "enable_image_sync": True,
    "enable_cci_service": True,
    "enable_image_label": False,
    "enable_pipeline": False,
    "enable_authorization_token": True,
    "enable_resource": True,
    "enable_list_v3": True,
    "enable_image_quota": False,
}


def _megabytes(size: float) -> float:
    return round(size / MB, 2)


def _images(state: EmulatorState, tenant: Domain) -> list[tuple[datetime, int]]:
    """(first push, size) of every stored image (distinct digest per repository)."""
    images: list[tuple[datetime, int]] = []
    for ns in state.namespaces_of(tenant.id):
        for repo in ns.repos.values():
            first: dict[str, tuple[datetime, int]] = {}
            for tag in repo.tags.values():
                seen = first.get(tag.digest)
                if seen is None or tag.updated < seen[0]:
                    first[tag.digest] = (tag.updated, tag.size)
            images += first.values()
    return images


async def show_domain_overview(call: Call) -> Response:
    tenant = call.tenant
    namespaces = call.state.namespaces_of(tenant.id)
    repos = [repo for ns in namespaces for repo in ns.repos.values()]
    stored = sum(size for _, size in _images(call.state, tenant))
    return ok(
        {
            "domain_id": tenant.id,
            "domain_name": tenant.name,
            "namspace_num": len(namespaces),
            "namespace_num": len(namespaces),
            "repo_num": len(repos),
            "image_num": sum(len(repo.tags) for repo in repos),
            "store_space": _megabytes(stored),
            "downflow_size": _megabytes(sum(tenant.downflow.values())),
        }
    )


# --- resource statistics ---------------------------------------------------------------------


def _periods(frequency: str, today: date) -> list[tuple[date, date]]:
    """(first day, last day) of each period, oldest first, the last one ending today."""
    if frequency == "daily":
        days = [today - timedelta(days=back) for back in range(DAILY_POINTS - 1, -1, -1)]
        return [(day, day) for day in days]
    periods: list[tuple[date, date]] = []
    start = today.replace(day=1)
    for _ in range(MONTHLY_POINTS):
        end = today if not periods else periods[-1][0] - timedelta(days=1)
        periods.append((start, end))
        start = (start - timedelta(days=1)).replace(day=1)
    return periods[::-1]


def _downflow(tenant: Domain, first: date, last: date) -> float:
    return float(
        sum(v for day, v in tenant.downflow.items() if first.isoformat() <= day <= last.isoformat())
    )


def _store_at(images: list[tuple[datetime, int]], last: date) -> float:
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return float(sum(size for pushed, size in images if pushed < end))


async def show_domain_resource_reports(call: Call) -> Response:
    resource, frequency = call.params["resource_type"], call.params["frequency"]
    if resource not in ("downflow", "store"):
        raise errors.invalid_parameter(f"resource_type must be downflow or store, got {resource!r}")
    if frequency not in ("daily", "monthly"):
        raise errors.invalid_parameter(f"frequency must be daily or monthly, got {frequency!r}")
    tenant = call.tenant
    periods = _periods(frequency, utcnow().date())
    if resource == "downflow":
        values = [_downflow(tenant, first, last) for first, last in periods]
    else:
        images = _images(call.state, tenant)
        values = [_store_at(images, last) for _, last in periods]
    return ok(
        [
            {"date": first.isoformat(), "value": _megabytes(value)}
            for (first, _), value in zip(periods, values, strict=True)
        ]
    )


async def show_share_feature_gates(call: Call) -> Response:
    access.own_project(call)
    return ok(dict(FEATURE_GATES))


routes = [
    Route("GET", "/v2/manage/overview", show_domain_overview),
    Route("GET", "/v2/manage/reports/{resource_type}/{frequency}", show_domain_resource_reports),
    Route("GET", "/v2/manage/projects/{project_id}/feature-gates", show_share_feature_gates),
]
