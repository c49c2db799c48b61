"""Image synchronization (reference 4.8): automatic sync tasks, manual syncs, sync jobs, regions.

Copying images into another region is beyond the emulator, so the sync jobs are the record
of what each target holds: a tag synced earlier with the same digest is ``existed``, one
with another digest is only overwritten when ``override`` is set and otherwise ``failed``
(and listed in the manual sync's answer, which 4.8.5's example shows as ``[]`` on success).
A target in the emulator's own region must be an organization of the caller's tenant that
the caller may push to, and never the source organization itself. :func:`auto_sync` is for
whoever stores a pushed tag: it runs the repository's automatic tasks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.responses import Response

from swrtui import names
from swrtui.emulator import access, errors
from swrtui.emulator.http import (
    Call,
    ok,
    optional_bool,
    paged,
    parse_count,
    parse_filter,
    required_str,
)
from swrtui.emulator.router import Route
from swrtui.emulator.store import (
    AUTH_EDIT,
    EmulatorState,
    Namespace,
    Repository,
    SyncJob,
    SyncRepo,
    Tag,
    User,
    iso,
    utcnow,
)

REPO_PATH = "/v2/manage/namespaces/{namespace}/repos/{repository}"
SYNC_TASKS_LIMIT = 100  # 4.8.2: "By default, 100 records will be returned."

# Huawei Cloud regions an SWR image can be synchronized to.
REGIONS = (
    "af-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "cn-east-2",
    "cn-east-3",
    "cn-north-1",
    "cn-north-4",
    "cn-north-9",
    "cn-south-1",
    "cn-southwest-2",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "na-mexico-1",
    "sa-brazil-1",
    "tr-west-1",
)


def sync_regions(state: EmulatorState) -> list[str]:
    return sorted({*REGIONS, state.region})


def _target(call: Call, ns: Namespace, body: dict[str, Any]) -> tuple[str, str]:
    region = required_str(body, "remoteRegionId")
    if region not in sync_regions(call.state):
        raise errors.invalid_parameter(f"unknown remoteRegionId {region!r}")
    remote = required_str(body, "remoteNamespace")
    if not names.is_valid_organization(remote):
        raise errors.invalid_org_name(remote)
    if region == call.state.region:
        if remote == ns.name:
            raise errors.invalid_parameter("an image cannot be synchronized to itself")
        target = call.state.namespaces.get(remote)
        if target is None or not call.state.namespace_visible(call.me, target):
            raise errors.org_not_found(remote)
        if call.state.namespace_auth(call.me, target) < AUTH_EDIT:
            raise errors.forbidden(f"push images to the organization {remote}")
    return region, remote


def _task(repo: Repository, region: str, remote: str) -> SyncRepo | None:
    return next(
        (
            t
            for t in repo.sync_repos
            if (t.remote_region_id, t.remote_namespace) == (region, remote)
        ),
        None,
    )


def _owner(call: Call, ns: Namespace) -> dict[str, str]:
    domain = call.state.domains[ns.domain_id]
    return {"domainID": domain.id, "domainName": domain.name, "namespace": ns.name}


async def create_image_sync_repo(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    region, remote = _target(call, ns, body)
    sync_auto, override = optional_bool(body, "syncAuto"), optional_bool(body, "override")
    if _task(repo, region, remote) is not None:
        raise errors.conflict(f"The synchronization task already exists: {region}/{remote}")
    now = utcnow()
    repo.sync_repos.append(
        SyncRepo(call.state.next_id(), region, remote, sync_auto, override, now, now)
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
    region, remote = required_str(body, "remoteRegionId"), required_str(body, "remoteNamespace")
    if not names.is_valid_organization(remote):
        raise errors.invalid_org_name(remote)
    task = _task(repo, region, remote)
    if task is None:
        raise errors.not_found(f"synchronization task to {region}/{remote}")
    repo.sync_repos.remove(task)
    return Response(status_code=200)


def _outcome(repo: Repository, region: str, remote: str, tag: Tag, override: bool) -> str:
    """What syncing ``tag`` does to the target, judged by what earlier jobs left there."""
    landed = [
        job
        for job in repo.sync_jobs
        if (job.remote_region_id, job.remote_namespace, job.tag) == (region, remote, tag.name)
        and job.status in ("success", "existed")
        and job.digest
    ]
    if not landed:
        return "success"
    if max(landed, key=lambda j: (j.created_at, j.id)).digest == tag.digest:
        return "existed"
    return "success" if override else "failed"


def record_job(
    state: EmulatorState,
    repo: Repository,
    target: tuple[str, str],
    tag: Tag,
    override: bool,
    operator: User,
    when: datetime,
) -> SyncJob:
    region, remote = target
    job = SyncJob(
        id=state.next_id(),
        remote_region_id=region,
        remote_namespace=remote,
        tag=tag.name,
        override=override,
        status=_outcome(repo, region, remote, tag, override),
        operator_id=operator.id,
        operator_name=operator.name,
        created_at=when,
        updated_at=when,
        digest=tag.digest,
    )
    repo.sync_jobs.append(job)
    return job


def _image_tags(body: dict[str, Any], repo: Repository) -> list[Tag]:
    wanted = body.get("imageTag")
    if not wanted:
        raise errors.missing_parameter("imageTag")
    if not isinstance(wanted, list) or not all(isinstance(t, str) for t in wanted):
        raise errors.invalid_parameter("imageTag must be an array of tag names")
    for name in wanted:
        if not names.is_valid_tag(name):
            raise errors.invalid_tag_name(name)
        if name not in repo.tags:
            raise errors.tag_not_found(name)
    return [repo.tags[name] for name in dict.fromkeys(wanted)]


async def create_manual_image_sync_repo(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    body = call.json_object()
    target = _target(call, ns, body)
    tags = _image_tags(body, repo)
    override, now = optional_bool(body, "override"), utcnow()
    jobs = [record_job(call.state, repo, target, tag, override, call.me, now) for tag in tags]
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
    return ok([{"regionID": region} for region in sync_regions(call.state)])


def auto_sync(
    state: EmulatorState, repo: Repository, tag_name: str, operator: User, when: datetime
) -> list[SyncJob]:
    """Run the repository's automatic sync tasks for a tag that was just pushed."""
    tag = repo.tags[tag_name]
    return [
        record_job(
            state,
            repo,
            (task.remote_region_id, task.remote_namespace),
            tag,
            task.override,
            operator,
            when,
        )
        for task in repo.sync_repos
        if task.sync_auto
    ]


routes = [
    Route("GET", REPO_PATH + "/sync_job", show_sync_job),
    Route("GET", REPO_PATH + "/sync_repo", list_image_auto_sync_repos_details),
    Route("POST", REPO_PATH + "/sync_repo", create_image_sync_repo),
    Route("DELETE", REPO_PATH + "/sync_repo", delete_image_sync_repo),
    Route("POST", REPO_PATH + "/sync_images", create_manual_image_sync_repo),
    Route("GET", "/v2/manage/regions", list_sync_regions),
]
