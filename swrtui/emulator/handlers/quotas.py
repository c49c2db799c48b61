"""Quotas (reference 4.12.1): the tenant's organization quota and how much of it is used.

``project_id`` in the path must be the caller's project: another one is the service's
cross-account refusal (401 ``SVCSTG.SWR.4011064``), the same answer as a mismatching
``X-Project-Id`` header.
"""

from __future__ import annotations

from starlette.responses import Response

from swrtui.emulator import errors
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route
from swrtui.emulator.store import Domain


def own_project(call: Call) -> Domain:
    """The caller's tenant, after checking the ``project_id`` path parameter names it."""
    project = call.params["project_id"]
    if project != call.tenant.project_id:
        raise errors.wrong_project(project)
    return call.tenant


async def list_quotas(call: Call) -> Response:
    tenant = own_project(call)
    return ok(
        {
            "quotas": [
                {
                    "quota_key": "namespace",
                    "quota_limit": tenant.namespace_quota,
                    "unit": "",
                    "used": len(call.state.namespaces_of(tenant.id)),
                }
            ]
        }
    )


routes = [Route("GET", "/v2/manage/projects/{project_id}/quotas", list_quotas)]
