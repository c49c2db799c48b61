"""Image synchronization (reference 4.8): automatic sync tasks, manual syncs and sync jobs.

Copying images into another region is beyond the emulator, so the sync jobs are the record
of what each target holds: a tag synced earlier with the same digest is ``existed``, one
with another digest is only overwritten when ``override`` is set and otherwise ``failed``.
A target in the emulator's own region must be an organization of the caller's tenant that
the caller may push to, and never the source organization itself. :func:`auto_sync` runs
the repository's automatic tasks for a tag that just landed.
"""

from __future__ import annotations

from datetime import datetime

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.state.store import (
    AUTH_EDIT,
    EmulatorState,
    Namespace,
    Repository,
    SyncJob,
    SyncRepo,
    Tag,
    User,
)

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

# (remote region, remote organization)
Target = tuple[str, str]


def sync_regions(state: EmulatorState) -> list[str]:
    return sorted({*REGIONS, state.region})


def check_target(
    state: EmulatorState, user: User, ns: Namespace, region: str, remote: str
) -> Target:
    """A target ``user`` may sync ``ns``'s images to, checked as the service checks it."""
    if region not in sync_regions(state):
        raise errors.invalid_parameter(f"unknown remoteRegionId {region!r}")
    if not names.is_valid_organization(remote):
        raise errors.invalid_org_name(remote)
    if region == state.region:
        if remote == ns.name:
            raise errors.invalid_parameter("an image cannot be synchronized to itself")
        target = state.namespaces.get(remote)
        if target is None or not state.namespace_visible(user, target):
            raise errors.org_not_found(remote)
        if state.namespace_auth(user, target) < AUTH_EDIT:
            raise errors.forbidden(f"push images to the organization {remote}")
    return region, remote


def _task(repo: Repository, target: Target) -> SyncRepo | None:
    return next(
        (t for t in repo.sync_repos if (t.remote_region_id, t.remote_namespace) == target), None
    )


def add_task(
    state: EmulatorState,
    repo: Repository,
    target: Target,
    *,
    sync_auto: bool,
    override: bool,
    when: datetime,
) -> SyncRepo:
    if _task(repo, target) is not None:
        raise errors.conflict(f"The synchronization task already exists: {'/'.join(target)}")
    task = SyncRepo(state.next_id(), *target, sync_auto, override, when, when)
    repo.sync_repos.append(task)
    return task


def remove_task(repo: Repository, region: str, remote: str) -> None:
    if not names.is_valid_organization(remote):
        raise errors.invalid_org_name(remote)
    task = _task(repo, (region, remote))
    if task is None:
        raise errors.not_found(f"synchronization task to {region}/{remote}")
    repo.sync_repos.remove(task)


def _outcome(repo: Repository, target: Target, tag: Tag, override: bool) -> str:
    """What syncing ``tag`` does to the target, judged by what earlier jobs left there."""
    landed = [
        job
        for job in repo.sync_jobs
        if (job.remote_region_id, job.remote_namespace, job.tag) == (*target, tag.name)
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
    target: Target,
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
        status=_outcome(repo, target, tag, override),
        operator_id=operator.id,
        operator_name=operator.name,
        created_at=when,
        updated_at=when,
        digest=tag.digest,
    )
    repo.sync_jobs.append(job)
    return job


def _image_tags(repo: Repository, wanted: object) -> list[Tag]:
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


def manual_sync(
    state: EmulatorState,
    repo: Repository,
    target: Target,
    image_tags: object,
    *,
    override: bool,
    operator: User,
    when: datetime,
) -> list[SyncJob]:
    """One job per distinct tag of ``image_tags`` (the request's ``imageTag`` array)."""
    tags = _image_tags(repo, image_tags)
    return [record_job(state, repo, target, tag, override, operator, when) for tag in tags]


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
