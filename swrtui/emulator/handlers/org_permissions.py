"""Organization permission management (reference 4.6): grant, revoke, change, show roles.

Managing an organization's grants takes the Manage role on it; showing them takes any role.
Grants go to users of the caller's own tenant and feed ``EmulatorState.namespace_auth``, so
they change what those users can do everywhere in the emulator.
"""

from __future__ import annotations

from starlette.responses import Response

from swrtui.emulator import access
from swrtui.emulator.backend import grants
from swrtui.emulator.http import Call, no_content, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_MANAGE, Namespace, Permission

PATH = "/v2/manage/namespaces/{namespace}/access"


def _entries(call: Call) -> list[Permission]:
    return grants.read_user_auths(call.json_list(), call.tenant, call.me, grants.ORGANIZATION)


def _holder(ns: Namespace) -> grants.Holder:
    return grants.Holder(ns.permissions, ns.creator_id, ns.creator_name)


async def create_namespace_auth(call: Call) -> Response:
    ns = access.namespace(call, min_auth=AUTH_MANAGE)
    grants.create(_holder(ns), _entries(call), grants.ORGANIZATION)
    # 4.6.1 answers 200 (not 201) on creation.
    return Response(status_code=200)


async def delete_namespace_auth(call: Call) -> Response:
    ns = access.namespace(call, min_auth=AUTH_MANAGE)
    grants.delete(_holder(ns), grants.read_user_ids(call.json_list(), call.me), grants.ORGANIZATION)
    return no_content()


async def update_namespace_auth(call: Call) -> Response:
    ns = access.namespace(call, min_auth=AUTH_MANAGE)
    grants.update(_holder(ns), _entries(call), grants.ORGANIZATION)
    # 4.6.3 answers 201 on a successful update.
    return Response(status_code=201)


async def show_namespace_auth(call: Call) -> Response:
    ns = access.namespace(call)
    document = {"id": ns.id, "name": ns.name, "creator_name": ns.creator_name}
    document.update(grants.describe(call.me, _holder(ns), call.state.namespace_auth(call.me, ns)))
    return ok(document)


routes = [
    Route("POST", PATH, create_namespace_auth),
    Route("DELETE", PATH, delete_namespace_auth),
    Route("PATCH", PATH, update_namespace_auth),
    Route("GET", PATH, show_namespace_auth),
]
