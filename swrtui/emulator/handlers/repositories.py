"""Repository management (reference 4.2): create, delete, update, show, list, list shared.

Also the SDK's v3 repository list (``GET /v3/manage/repos``, marker paging). Names arrive
with ``/`` escaped as ``$``; the store and every response use the natural form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from swrtui import names
from swrtui.emulator import access, errors
from swrtui.emulator.backend import repositories
from swrtui.emulator.fields import optional_str, required_bool, required_str
from swrtui.emulator.http import Call, merged_query, no_content, ok, order, paged, parse_count
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import (
    AUTH_EDIT,
    Namespace,
    Repository,
    iso,
    utcnow,
)

BASE = "/v2/manage/namespaces/{namespace}/repos"
LIST_KEYS = (
    "namespace",
    "name",
    "category",
    "is_public",
    "limit",
    "offset",
    "order_column",
    "order_type",
)
SHARED_KEYS = (
    "namespace",
    "name",
    "center",
    "domain_name",
    "status",
    "limit",
    "offset",
    "order_column",
    "order_type",
)
LIST_DEFAULT_LIMIT = V3_DEFAULT_LIMIT = 100
V3_MAX_LIMIT = 1000

Listed = tuple[Namespace, Repository]


def _domain_name(call: Call, ns: Namespace) -> str:
    domain = call.state.domains.get(ns.domain_id)
    return domain.name if domain else ""


# --- single repository ----------------------------------------------------------------------


def _category(body: dict[str, Any], default: str) -> str:
    # An empty category means the default, as when the field is left out.
    return optional_str(body, "category", default) or default


async def create_repo(call: Call) -> Response:
    ns = access.namespace(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    name = repositories.repository_name(required_str(body, "repository"))
    repositories.create_repository(
        call.state,
        ns,
        name,
        call.me,
        is_public=required_bool(body, "is_public"),
        category=_category(body, "other"),
        description=optional_str(body, "description"),
        when=utcnow(),
    )
    # The reference's status table answers 200 (not 201) with no body.
    return Response(status_code=200)


async def update_repo(call: Call) -> Response:
    _, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    # Fields left out keep their value; only is_public is mandatory.
    repositories.update_repository(
        repo,
        is_public=required_bool(body, "is_public"),
        category=_category(body, repo.category),
        description=optional_str(body, "description", repo.description),
        when=utcnow(),
    )
    return Response(status_code=201)


async def delete_repo(call: Call) -> Response:
    # The repository goes with all its tags (the 4.2.2 status table has no 406).
    ns, repo = access.manageable_repository(call)
    del ns.repos[repo.name]
    return no_content()


async def show_repository(call: Call) -> Response:
    ns, repo = access.repository(call, allow_shared=True)
    return ok(
        {
            "id": repo.id,
            "ns_id": ns.id,
            "name": repo.name,
            "category": repo.category,
            "description": repo.description,
            "creator_id": repo.creator_id,
            "creator_name": repo.creator_name,
            "size": repo.size,
            "is_public": repo.is_public,
            "num_images": len(repo.tags),
            "num_download": repo.num_download,
            "url": "",
            "path": access.repo_path(access.registry_host(call), ns, repo),
            "internal_path": access.repo_path(access.internal_registry_host(call), ns, repo),
            "created": iso(repo.created),
            "updated": iso(repo.updated),
            "domain_id": ns.domain_id,
            "priority": repo.priority,
        }
    )


# --- lists -------------------------------------------------------------------------------------


def _listed(call: Call, ns: Namespace, repo: Repository) -> dict[str, Any]:
    """The fields the v2 (ShowReposResp) and v3 list items share."""
    return {
        "name": repo.name,
        "category": repo.category,
        "description": repo.description,
        "size": repo.size,
        "is_public": repo.is_public,
        "num_images": len(repo.tags),
        "num_download": repo.num_download,
        "created_at": iso(repo.created),
        "updated_at": iso(repo.updated),
        "domain_name": _domain_name(call, ns),
    }


def _summary(
    call: Call, ns: Namespace, repo: Repository, total: int, status: bool
) -> dict[str, Any]:
    """One ShowReposResp item."""
    return {
        **_listed(call, ns, repo),
        "logo": "",
        "url": "",
        "path": access.repo_path(access.registry_host(call), ns, repo),
        "internal_path": access.repo_path(access.internal_registry_host(call), ns, repo),
        "namespace": ns.name,
        "tags": sorted(repo.tags),
        "status": status,
        "total_range": total,
    }


def _bool_query(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() not in ("true", "false"):
        raise errors.invalid_parameter(f"{name} must be true or false, got {value!r}")
    return value.lower() == "true"


def _matcher(query: dict[str, str]) -> Callable[[Namespace, Repository], bool]:
    """Fuzzy (substring) match on organization and name; exact on category and visibility."""
    category = query.get("category")
    if category:
        repositories.check_category(category)
    is_public = _bool_query(query.get("is_public"), "is_public")
    org = query.get("namespace", "")
    name = names.unescape_repository(query.get("name") or "")
    return lambda ns, repo: (
        org in ns.name
        and name in repo.name
        and (not category or repo.category == category)
        and (is_public is None or repo.is_public == is_public)
    )


def _keys(time_column: str) -> dict[str, Callable[[Listed], Any]]:
    return {
        time_column: lambda item: item[1].updated,
        "name": lambda item: item[1].name,
        "tag_count": lambda item: len(item[1].tags),
        "namespace": lambda item: item[0].name,
    }


def _listing(
    call: Call,
    items: list[Listed],
    query: dict[str, str],
    keys: dict[str, Callable[[Listed], Any]],
    default_limit: int | None,
    status: Callable[[Repository], bool],
) -> Response:
    """Order, page and render ShowReposResp items; the first key is the default order."""
    items = sorted(items, key=lambda item: (item[0].name, item[1].name))
    column, direction = query.get("order_column"), query.get("order_type")
    time_column = next(iter(keys))
    if not column and not direction:
        # Without an order the service lists the most recently updated first.
        column, direction = time_column, "desc"
    ordered = order(items, column, direction, keys, default=time_column)
    page, content_range = paged(
        ordered,
        parse_count(query.get("offset"), "offset"),
        parse_count(query.get("limit"), "limit"),
        default_limit,
    )
    body = [_summary(call, ns, repo, len(ordered), status(repo)) for ns, repo in page]
    return ok(body, headers={"Content-Range": content_range})


async def list_repos_details(call: Call) -> Response:
    query = merged_query(call, LIST_KEYS)
    wanted, state = _matcher(query), call.state
    items = [
        (ns, repo)
        for ns in state.namespaces.values()
        for repo in ns.repos.values()
        if state.repository_auth(call.me, ns, repo) > 0 and wanted(ns, repo)
    ]
    keys = _keys("updated_time") | {"is_public": lambda item: item[1].is_public}
    return _listing(call, items, query, keys, LIST_DEFAULT_LIMIT, lambda repo: False)


def _shared_items(call: Call, center: str) -> list[Listed]:
    state, mine = call.state, call.tenant.name
    if center == "self":
        return [
            (ns, repo)
            for ns in state.namespaces.values()
            for repo in ns.repos.values()
            if repo.access_domains and state.repository_auth(call.me, ns, repo) > 0
        ]
    return [
        (ns, repo)
        for ns in state.namespaces.values()
        if ns.domain_id != call.tenant.id
        for repo in ns.repos.values()
        if mine in repo.access_domains
    ]


async def list_shared_repos_details(call: Call) -> Response:
    query = merged_query(call, SHARED_KEYS)
    center = query.get("center")
    if not center:
        raise errors.missing_parameter("center")
    if center not in ("self", "thirdparty"):
        raise errors.invalid_parameter(f"center must be self or thirdparty, got {center!r}")
    mine = call.tenant.name

    def expired(repo: Repository) -> bool:
        # "status" means "the share has expired" for thirdparty; it is always false for self.
        return center == "thirdparty" and not access.shared_with(repo, mine)

    wanted, wanted_valid = _matcher(query), _bool_query(query.get("status"), "status")
    owner = query.get("domain_name")
    items = [
        (ns, repo)
        for ns, repo in _shared_items(call, center)
        if wanted(ns, repo)
        and (not owner or _domain_name(call, ns) == owner)
        and (wanted_valid is None or center == "self" or expired(repo) != wanted_valid)
    ]
    keys = _keys("updated_at") | {"domain_name": lambda item: _domain_name(call, item[0])}
    return _listing(call, items, query, keys, None, expired)


async def list_repo_details_v3(call: Call) -> Response:
    """Marker paging: ``marker`` is the id of the last repository of the previous page."""
    query = {key: value for key in LIST_KEYS if (value := call.query(key)) is not None}
    limit = parse_count(call.query("limit"), "limit") or V3_DEFAULT_LIMIT
    if limit > V3_MAX_LIMIT:
        raise errors.invalid_parameter(f"limit must be at most {V3_MAX_LIMIT}")
    marker = parse_count(call.query("marker"), "marker") or 0
    wanted, state = _matcher(query), call.state
    items = sorted(
        (
            (ns, repo)
            for ns in state.namespaces.values()
            for repo in ns.repos.values()
            if repo.id > marker
            and state.repository_auth(call.me, ns, repo) > 0
            and wanted(ns, repo)
        ),
        key=lambda item: item[1].id,
    )
    page = items[:limit]
    document: dict[str, Any] = {"repos": [_summary_v3(call, ns, repo) for ns, repo in page]}
    if len(items) > limit:
        document["nextMarker"] = page[-1][1].id
    return ok(document)


def _summary_v3(call: Call, ns: Namespace, repo: Repository) -> dict[str, Any]:
    return {"id": repo.id, **_listed(call, ns, repo), "namespace_name": ns.name, "status": False}


routes = [
    Route("POST", BASE, create_repo),
    Route("GET", BASE + "/{repository}", show_repository),
    Route("PATCH", BASE + "/{repository}", update_repo),
    Route("DELETE", BASE + "/{repository}", delete_repo),
    Route("GET", "/v2/manage/repos", list_repos_details),
    Route("GET", "/v2/manage/shared-repositories", list_shared_repos_details),
    Route("GET", "/v3/manage/repos", list_repo_details_v3),
]
