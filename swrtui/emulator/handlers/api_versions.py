"""API versions (reference 4.5): the version list and one version's document.

``GET /`` needs no credentials (its reference lists no ``X-Auth-Token``); ``GET
/{api_version}`` does (its reference makes the token mandatory). ``links`` is one object,
not an array, and points at this server. Only ``v2`` exists; any other version is a 404
``SVCSTG.SWR.4040083``.
"""

from __future__ import annotations

from starlette.responses import Response

from swrtui.emulator import errors
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route

# id -> (status, newest microversion, oldest microversion, release time)
VERSIONS = {"v2": ("CURRENT", "2.26", "2.0", "2020-07-09T00:00:00Z")}


def _detail(call: Call, version_id: str) -> dict[str, object]:
    status, newest, oldest, updated = VERSIONS[version_id]
    base = str(call.request.base_url).rstrip("/")
    return {
        "id": version_id,
        "links": {"href": f"{base}/{version_id}/", "rel": "self"},
        "min_version": oldest,
        "status": status,
        "updated": updated,
        "version": newest,
    }


async def list_api_versions(call: Call) -> Response:
    return ok({"versions": [_detail(call, version_id) for version_id in VERSIONS]})


async def show_api_version(call: Call) -> Response:
    version_id = call.params["api_version"]
    if version_id not in VERSIONS:
        raise errors.not_found(f"API version {version_id}")
    return ok({"version": _detail(call, version_id)})


routes = [
    Route("GET", "/", list_api_versions, authenticated=False),
    Route("GET", "/{api_version}", show_api_version),
]
