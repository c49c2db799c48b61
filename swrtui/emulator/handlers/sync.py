"""Image synchronization (reference 4.8): automatic sync tasks, manual syncs, sync jobs, regions.

Thin over :mod:`swrtui.emulator.backend.sync`, which keeps the record of what each target
holds and decides each job's outcome.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from swrtui.emulator import access, errors
from swrtui.emulator.backend import sync
from swrtui.emulator.fields import optional_bool, required_str
from swrtui.emulator.http import Call, ok, paged, parse_count, parse_filter
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_EDIT, Namespace, iso, utcnow

REPO_PATH = "/v2/manage/namespaces/{namespace}/repos/{repository}"
SYNC_TASKS_LIMIT = 100  # 4.8.2: "By default, 100 records will be returned."


def _target(call: Call, ns: Namespace, body: dict[str, Any]) -> sync.Target:
    region = required_str(body, "remoteRegionId")
    remote = required_str(body, "remoteNamespace")
    return sync.check_target(call.state, call.me, ns, region, remote)


def _owner(call: Call, ns: Namespace) -> dict[str, str]:
    domain = call.state.domains[ns.domain_id]
    return {"domainID": domain.id, "domainName": domain.name, "namespace": ns.name}


async def create_image_sync_repo(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    target = _target(call, ns, body)
    sync.add_task(
        call.state,
        repo,
        target,
        sync_auto=optional_bool(body, "syncAuto"),
        override=optional_bool(body, "override"),
        when=utcnow(),
    )
    return Response(status_code=200)


async def list_image_auto_sync_repos_details(call: Call) -> Response:
    ns, repo = access.repository(call)
    owner = _owner(call, ns)
    tasks = sorted(repo.sync_repos, key=lambda t: (t.created_at, t.id))[:SYNC_TASKS_LIMIT]
    return ok(
        [
            {
                **owner,
                "id": t.id,
                "override": t.override,
                "remoteNamespace": t.remote_namespace,
                "remoteRegionId": t.remote_region_id,
                "repoName": repo.name,
                "syncAuto": t.sync_auto,
                "createdAt": iso(t.created_at),
                "updatedAt": iso(t.updated_at),
            }
            for t in tasks
        ]
    )


async def delete_image_sync_repo(call: Call) -> Response:
    _, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    sync.remove_task(
        repo, required_str(body, "remoteRegionId"), required_str(body, "remoteNamespace")
    )
    return Response(status_code=200)


async def create_manual_image_sync_repo(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    jobs = sync.manual_sync(
        call.state,
        repo,
        _target(call, ns, body),
        body.get("imageTag"),
        override=optional_bool(body, "override"),
        operator=call.me,
        when=utcnow(),
    )
    return ok([job.tag for job in jobs if job.status == "failed"])


def _job_page_spec(call: Call) -> tuple[int, int, bool]:
    spec = parse_filter(call.query("filter"))
    unknown = set(spec) - {"limit", "offset", "order"}
    if unknown:
        raise errors.invalid_filter(f"unsupported filter key(s): {', '.join(sorted(unknown))}")
    limit, offset = (
        parse_count(spec.get("limit"), "limit"),
        parse_count(spec.get("offset"), "offset"),
    )
    # 4.8.1: limit and offset are mandatory and always used together; order is optional.
    if limit is None or offset is None:
        raise errors.missing_parameter("filter limit::{limit}|offset::{offset}")
    if spec.get("order", "asc") not in ("asc", "desc"):
        raise errors.invalid_filter("order must be asc or desc")
    return limit, offset, spec.get("order") == "desc"


async def show_sync_job(call: Call) -> Response:
    ns, repo = access.repository(call)
    limit, offset, descending = _job_page_spec(call)
    jobs = sorted(repo.sync_jobs, key=lambda j: (j.created_at, j.id), reverse=descending)
    page, content_range = paged(jobs, offset, limit)
    owner = _owner(call, ns)
    document = [
        {
            **owner,
            "id": job.id,
            "override": job.override,
            "remoteNamespace": job.remote_namespace,
            "remoteRegionId": job.remote_region_id,
            "repoName": repo.name,
            "status": job.status,
            "syncOperatorId": job.operator_id,
            "syncOperatorName": job.operator_name,
            "tag": job.tag,
            "createdAt": iso(job.created_at),
            "updatedAt": iso(job.updated_at),
        }
        for job in page
    ]
    return ok(document, headers={"Content-Range": content_range})


async def list_sync_regions(call: Call) -> Response:
    return ok([{"regionID": region} for region in sync.sync_regions(call.state)])


routes = [
    Route("GET", REPO_PATH + "/sync_job", show_sync_job),
    Route("GET", REPO_PATH + "/sync_repo", list_image_auto_sync_repos_details),
    Route("POST", REPO_PATH + "/sync_repo", create_image_sync_repo),
    Route("DELETE", REPO_PATH + "/sync_repo", delete_image_sync_repo),
    Route("POST", REPO_PATH + "/sync_images", create_manual_image_sync_repo),
    Route("GET", "/v2/manage/regions", list_sync_regions),
]
