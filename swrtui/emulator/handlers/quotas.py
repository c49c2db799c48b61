"""Quotas (reference 4.12.1): the tenant's organization quota and how much of it is used.

``project_id`` in the path must be the caller's project (:func:`access.own_project`).
"""

from __future__ import annotations

from starlette.responses import Response

from swrtui.emulator import access
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route


async def list_quotas(call: Call) -> Response:
    tenant = access.own_project(call)
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
