"""Image tag management (reference 4.3): list, create (retag), delete; plus the SDK's extras.

Extras: ``show_repo_tag`` (one tag) and the v3 tag list with marker paging. Tags of a
repository shared with the caller's tenant are readable by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from swrtui.emulator import access, errors
from swrtui.emulator.backend import images
from swrtui.emulator.fields import optional_bool, required_str
from swrtui.emulator.http import (
    Call,
    created,
    merged_query,
    no_content,
    ok,
    order,
    paged,
    parse_count,
)
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_EDIT, Namespace, Repository, Tag, iso, utcnow

BASE = "/v2/manage/namespaces/{namespace}/repos/{repository}/tags"
V3_BASE = "/v3/manage/namespaces/{namespace}/repos/{repository}/tags"
LIST_KEYS = ("limit", "offset", "order_column", "order_type", "tag")
ORDER_KEYS: dict[str, Any] = {"updated_at": lambda t: t.updated, "tag": lambda t: t.name}
V3_DEFAULT_LIMIT = 100
V3_MAX_LIMIT = 1000


def _viewer(
    call: Call, ns: Namespace, repo: Repository, *, manifest: bool = True
) -> Callable[[Tag], dict[str, Any]]:
    """The fields common to ShowReposTagResp, ShowRepoTagResponse and ShowReposTagRespV3,
    per tag; what only depends on the repository is worked out once per page."""
    path = access.repo_path(access.registry_host(call), ns, repo) + ":"
    internal_path = access.repo_path(access.internal_registry_host(call), ns, repo) + ":"

    def view(tag: Tag) -> dict[str, Any]:
        return {
            "id": tag.id,
            "repo_id": repo.id,
            "image_id": tag.image_id,
            "manifest": tag.manifest if manifest else "",
            "digest": tag.digest,
            "schema": tag.schema,
            "path": path + tag.name,
            "internal_path": internal_path + tag.name,
            "size": tag.size,
            "is_trusted": tag.is_trusted,
            "created": iso(tag.created),
            "updated": iso(tag.updated),
            "domain_id": ns.domain_id,
            "tag_type": tag.tag_type,
        }

    return view


# The last few orderings: (repository id, query) -> (the tags they were made from, ordered).
# A client pages through a big repository with the same query a hundred times; sorting
# 100 000 tags for each page made the emulator, not the client, the bottleneck.
_ORDERINGS: dict[tuple[int, str, str | None, str | None], tuple[list[Tag], list[Tag]]] = {}
_KEEP_ORDERINGS = 8


def _ordered(repo: Repository, query: dict[str, str]) -> list[Tag]:
    """Tags matching ``tag`` (substring), newest update first unless told otherwise."""
    fragment = query.get("tag") or ""
    column, direction = query.get("order_column"), query.get("order_type")
    if not column and not direction:
        column, direction = "updated_at", "desc"
    key = (repo.id, fragment, column, direction)
    current = list(repo.tags.values())
    cached = _ORDERINGS.get(key)
    # Reused only while the repository holds the very same tag objects: every change to a
    # tag (push, retag, delete) replaces or removes its object, and list equality checks
    # identity first, so this costs one pass in C, not a sort.
    if cached is not None and cached[0] == current:
        return cached[1]
    tags = sorted((t for t in current if fragment in t.name), key=lambda t: t.name)
    ordered = order(tags, column, direction, ORDER_KEYS, default="updated_at")
    _ORDERINGS.pop(key, None)
    _ORDERINGS[key] = (current, ordered)
    while len(_ORDERINGS) > _KEEP_ORDERINGS:
        _ORDERINGS.pop(next(iter(_ORDERINGS)))
    return ordered


async def list_repository_tags(call: Call) -> Response:
    ns, repo = access.repository(call, allow_shared=True)
    query = merged_query(call, LIST_KEYS)
    ordered = _ordered(repo, query)
    page, content_range = paged(
        ordered,
        parse_count(query.get("offset"), "offset"),
        parse_count(query.get("limit"), "limit"),
    )
    view = _viewer(call, ns, repo)
    body = [{"Tag": tag.name, **view(tag), "deleted": None, "scanned": tag.scanned} for tag in page]
    return ok(body, headers={"Content-Range": content_range})


async def show_repo_tag(call: Call) -> Response:
    ns, repo = access.repository(call, allow_shared=True)
    tag = images.existing_tag(repo, call.params["tag"])
    return ok({"tag": tag.name, **_viewer(call, ns, repo)(tag)})


async def create_repo_tag(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    images.retag(
        call.state,
        ns,
        repo,
        required_str(body, "source_tag"),
        required_str(body, "destination_tag"),
        override=optional_bool(body, "override"),
        operator=call.me,
        when=utcnow(),
    )
    return created()


async def delete_repo_tag(call: Call) -> Response:
    _, repo = access.repository(call, min_auth=AUTH_EDIT)
    images.delete_tag(repo, call.params["tag"], utcnow())
    return no_content()


def _v3_flag(value: str | None) -> bool:
    if value in (None, ""):
        return False
    if value.lower() not in ("true", "false"):
        raise errors.invalid_parameter(f"with_manifest must be true or false, got {value!r}")
    return value.lower() == "true"


def _after_marker(tags: list[Tag], marker: str | None) -> list[Tag]:
    """``marker`` is the id of the last tag of the previous page."""
    if not marker:
        return tags
    index = next((i for i, t in enumerate(tags) if str(t.id) == marker), None)
    if index is None:
        raise errors.invalid_parameter(f"unknown marker {marker!r}")
    return tags[index + 1 :]


async def list_repository_tag_v3(call: Call) -> Response:
    ns, repo = access.repository(call, allow_shared=True)
    query = {key: value for key in LIST_KEYS if (value := call.query(key)) is not None}
    limit = parse_count(call.query("limit"), "limit") or V3_DEFAULT_LIMIT
    if limit > V3_MAX_LIMIT:
        raise errors.invalid_parameter(f"limit must be at most {V3_MAX_LIMIT}")
    with_manifest = _v3_flag(call.query("with_manifest"))
    remaining = _after_marker(_ordered(repo, query), call.query("marker"))
    page = remaining[:limit]
    view = _viewer(call, ns, repo, manifest=with_manifest)
    document: dict[str, Any] = {
        "tags": [{"tag": t.name, **view(t)} for t in page],
        "has_more": len(remaining) > limit,
    }
    if document["has_more"]:
        document["nextMarker"] = str(page[-1].id)
    return ok(document)


routes = [
    Route("GET", BASE, list_repository_tags),
    Route("POST", BASE, create_repo_tag),
    Route("GET", BASE + "/{tag}", show_repo_tag),
    Route("DELETE", BASE + "/{tag}", delete_repo_tag),
    Route("GET", V3_BASE, list_repository_tag_v3),
]
