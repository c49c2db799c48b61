"""The emulator's registry: Docker Registry HTTP API v2 / OCI distribution, and its token realm.

Served by the same ASGI app and port as the API, as SWR serves one registry host: the
temporary login names the emulator's own host:port, so the printed ``docker login`` works
against it. Requests reach here before the API app reads any body, so uploads stream.
Routing is by the spec's path shapes (``/v2/<org>/<repo>/manifests/<ref>`` ...); the API's
own ``/v2/manage/...`` paths never take these shapes, and ``GET /v2`` (no slash) stays the
API version document.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from swrtui.emulator.registry import blobs, manifests, tokens
from swrtui.emulator.registry.errors import RegistryError, unauthorized
from swrtui.emulator.state.store import EmulatorState

_NAME = r"(?P<name>[a-z0-9][a-z0-9._-]*(?:/[a-z0-9._-]+)+)"
_ROUTES: list[tuple[set[str], re.Pattern[str], str]] = [
    ({"GET", "HEAD"}, re.compile(rf"^/v2/{_NAME}/tags/list$"), "tags"),
    (
        {"GET", "HEAD", "PUT", "DELETE"},
        re.compile(rf"^/v2/{_NAME}/manifests/(?P<ref>[A-Za-z0-9_.:-]+)$"),
        "manifest",
    ),
    ({"POST"}, re.compile(rf"^/v2/{_NAME}/blobs/uploads/?$"), "upload_start"),
    (
        {"GET", "PATCH", "PUT", "DELETE"},
        re.compile(rf"^/v2/{_NAME}/blobs/uploads/(?P<uuid>[a-f0-9]+)$"),
        "upload",
    ),
    (
        {"GET", "HEAD"},
        re.compile(rf"^/v2/{_NAME}/blobs/(?P<digest>sha256:[a-f0-9]{{64}})$"),
        "blob",
    ),
    (
        {"GET"},
        re.compile(rf"^/v2/{_NAME}/referrers/(?P<digest>sha256:[a-f0-9]{{64}})$"),
        "referrers",
    ),
]
_ACTION = {
    "GET": "pull",
    "HEAD": "pull",
    "PUT": "push",
    "POST": "push",
    "PATCH": "push",
    "DELETE": "delete",
}


def handles(scope: Scope) -> bool:
    path, method = scope["path"], scope["method"]
    if path in ("/v2/", "/v2/_catalog", tokens.REALM_PATH) or path == tokens.REALM_PATH[:-1]:
        return True
    if path.startswith("/v2/manage/"):
        return False
    return any(method in methods and pattern.match(path) for methods, pattern, _ in _ROUTES)


class Registry:
    def __init__(self, state: Callable[[], EmulatorState], on_change: Callable[[], None]) -> None:
        self._state = state
        self._on_change = on_change

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self._respond(request, self._state())
        except RegistryError as exc:
            response = exc.response()
        response.headers["Docker-Distribution-API-Version"] = "registry/2.0"
        await response(scope, receive, send)

    async def _respond(self, request: Request, state: EmulatorState) -> Response:
        path = request.url.path
        if path.rstrip("/") == tokens.REALM_PATH.rstrip("/"):
            return tokens.issue(state, request)
        if path == "/v2/":
            if tokens.bearer(state, request) is None:
                raise unauthorized(tokens.challenge(request, None, ""))
            return JSONResponse({})
        if path == "/v2/_catalog":
            return self._catalog(state, request)
        for methods, pattern, kind in _ROUTES:
            match = pattern.match(path)
            if match and request.method in methods:
                return await self._route(state, request, kind, match.groupdict())
        raise RegistryError("UNSUPPORTED", "the operation is unsupported")

    def _catalog(self, state: EmulatorState, request: Request) -> Response:
        token = tokens.bearer(state, request)
        if token is None or "*" not in token.access.get(tokens.CATALOG, set()):
            raise unauthorized(
                tokens.challenge(request, None, "").replace(
                    ',service="dockyard"', ',service="dockyard",scope="registry:catalog:*"'
                )
            )
        user = state.all_users().get(token.user_id or "")
        visible = [
            f"{ns.name}/{repo.name}"
            for ns in state.namespaces.values()
            for repo in ns.repos.values()
            if "pull" in tokens.allowed_actions(state, user, f"{ns.name}/{repo.name}")
        ]
        return manifests.catalog(state, request, visible)

    async def _route(
        self, state: EmulatorState, request: Request, kind: str, params: dict[str, str]
    ) -> Response:
        name = params["name"]
        token = tokens.require(state, request, name, _ACTION[request.method])
        if kind == "tags":
            return manifests.tags_list(state, request, name)
        if kind == "referrers":
            return manifests.referrers(state, request, name, params["digest"])
        if kind == "blob":
            manifests.find_repo(state, name)
            return blobs.get(state, request, params["digest"])
        if kind == "manifest":
            return await self._manifest(state, request, name, params["ref"], token.user_id)
        if kind == "upload_start":
            source = request.query_params.get("from", "")
            may_mount = bool(source) and "pull" in tokens.allowed_actions(
                state, state.all_users().get(token.user_id or ""), source
            )
            return await blobs.start(state, request, name, may_mount)
        return await self._upload(state, request, name, params["uuid"])

    async def _manifest(
        self, state: EmulatorState, request: Request, name: str, ref: str, user_id: str | None
    ) -> Response:
        if request.method in ("GET", "HEAD"):
            return manifests.get(state, request, name, ref)
        if request.method == "DELETE":
            response = manifests.delete(state, name, ref)
        else:
            pusher = state.all_users()[user_id or ""]
            response = await manifests.put(state, request, name, ref, pusher)
        self._on_change()
        return response

    async def _upload(
        self, state: EmulatorState, request: Request, name: str, upload_id: str
    ) -> Response:
        if request.method == "PATCH":
            return await blobs.patch(state, request, name, upload_id)
        if request.method == "PUT":
            return await blobs.put(state, request, name, upload_id)
        if request.method == "DELETE":
            return blobs.cancel(state, upload_id)
        return blobs.status(state, name, upload_id)
