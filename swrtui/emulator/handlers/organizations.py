"""Organization management (reference 4.1): create, list, show, delete."""

from __future__ import annotations

from starlette.responses import Response

from swrtui import names
from swrtui.emulator import access, errors
from swrtui.emulator.fields import required_str
from swrtui.emulator.http import Call, created, merged_query, no_content, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_MANAGE, Namespace, add_namespace, utcnow

BASE = "/v2/manage/namespaces"


def _describe(call: Call, ns: Namespace) -> dict[str, object]:
    return {
        "id": ns.id,
        "name": ns.name,
        "creator_name": ns.creator_name,
        "auth": call.state.namespace_auth(call.me, ns),
    }


async def create_namespace(call: Call) -> Response:
    name = required_str(call.json_object(), "namespace")
    if not names.is_valid_organization(name):
        raise errors.invalid_org_name(name)
    if name in call.state.namespaces:
        raise errors.org_exists(name)
    if len(call.state.namespaces_of(call.tenant.id)) >= call.tenant.namespace_quota:
        raise errors.org_quota_exceeded(call.tenant.namespace_quota)
    add_namespace(call.state, name, call.me, utcnow())
    return created()


async def list_namespaces(call: Call) -> Response:
    query = merged_query(call, ("namespace", "mode"))
    mode = query.get("mode")
    if mode not in (None, "", "visible"):
        raise errors.invalid_filter(f"mode must be 'visible', got {mode!r}")
    wanted = query.get("namespace")
    if wanted and not names.is_valid_organization(wanted):
        raise errors.invalid_org_name(wanted)
    # Without mode only organizations the caller holds a role on; "visible" adds those seen
    # only through a repository grant.
    listed = [
        ns
        for ns in call.state.namespaces.values()
        if (
            call.state.namespace_visible(call.me, ns)
            if mode == "visible"
            else call.state.namespace_auth(call.me, ns) > 0
        )
        and (not wanted or ns.name == wanted)
    ]
    listed.sort(key=lambda ns: ns.name)
    return ok({"namespaces": [_describe(call, ns) for ns in listed]})


async def show_namespace(call: Call) -> Response:
    return ok(_describe(call, access.namespace(call)))


async def delete_namespace(call: Call) -> Response:
    ns = access.namespace(call, min_auth=AUTH_MANAGE)
    if ns.repos:
        raise errors.org_not_empty(ns.name)
    del call.state.namespaces[ns.name]
    return no_content()


routes = [
    Route("POST", BASE, create_namespace),
    Route("GET", BASE, list_namespaces),
    Route("GET", BASE + "/{namespace}", show_namespace),
    Route("DELETE", BASE + "/{namespace}", delete_namespace),
]
