"""``sync``: copy images to another region, automatically (tasks) or now (reference 4.8)."""

from __future__ import annotations

from swrtui.client.models.sync import SyncJob, SyncTask
from swrtui.commands.args import INT, REPO, TAG, TAGREF, ArgError, Kind, RepoRef, TagRef, Where
from swrtui.commands.args import organization as check_org
from swrtui.commands.format import plural
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Column, Result, error, message, table
from swrtui.commands.session import Session

REGISTRY.group("sync", "Image synchronization to other regions", area="sync")


def _target(text: str, where: Where) -> tuple[str, str]:
    region, slash, org = text.partition("/")
    if not (slash and region and org):
        raise ArgError(f"{text!r} is not REGION/ORG", "e.g. cn-south-1/demo")
    return region, check_org(org, where)


TARGET = Kind("REGION/ORG", _target)
TASKS = (
    Column("region"),
    Column("organization"),
    Column("automatic", kind="bool"),
    Column("override", kind="bool"),
    Column("created", kind="time"),
)
JOBS = (
    Column("tag"),
    Column("region"),
    Column("organization"),
    Column("status"),
    Column("operator"),
    Column("created", kind="time"),
)


def _task(t: SyncTask) -> tuple[object, ...]:
    return (t.remote_region_id, t.remote_namespace, t.sync_auto, t.override, t.created_at)


def _job(j: SyncJob) -> tuple[object, ...]:
    return (j.tag, j.remote_region_id, j.remote_namespace, j.status, j.operator_name, j.created_at)


@command(
    "sync tasks",
    "Automatic sync tasks of a repository",
    arg("repo", REPO),
    aliases=("list", "ls"),
    default=True,
)
async def sync_tasks(session: Session, repo: RepoRef) -> Result:
    found = await session.client.sync.list_tasks(repo.org, repo.repo)
    return table(TASKS, map(_task, found), title=f"Sync tasks of {repo}")


@command(
    "sync add",
    "Copy every push of a repository to REGION/ORG",
    arg("repo", REPO),
    arg("target", TARGET, "REGION/ORG, e.g. cn-south-1/demo"),
    opt("--manual", help="create it without automatic sync"),
    opt("--override", help="overwrite tags that exist at the target"),
    mutates=True,
)
async def sync_add(
    session: Session, repo: RepoRef, target: tuple[str, str], manual: bool, override: bool
) -> Result:
    await session.client.sync.create_task(
        repo.org, repo.repo, *target, sync_auto=not manual, override=override
    )
    return message(f"syncing {repo} to {target[0]}/{target[1]}")


@command(
    "sync remove",
    "Stop syncing a repository to REGION/ORG",
    arg("repo", REPO),
    arg("target", TARGET),
    aliases=("rm",),
    destructive=True,
)
async def sync_remove(session: Session, repo: RepoRef, target: tuple[str, str]) -> Result:
    await session.client.sync.delete_task(repo.org, repo.repo, *target)
    return message(f"stopped syncing {repo} to {target[0]}/{target[1]}")


@command(
    "sync run",
    "Copy tags to REGION/ORG now: org/repo:tag, then more tags of that repository",
    arg("ref", TAGREF),
    arg("more", TAG, "more tags of that repository", required=False, many=True),
    opt("--to", TARGET, "REGION/ORG (required)"),
    opt("--override", help="overwrite tags that exist at the target"),
    mutates=True,
)
async def sync_run(
    session: Session, ref: TagRef, more: list[str], to: tuple[str, str] | None, override: bool
) -> Result:
    if to is None:
        raise UsageError("sync run: --to REGION/ORG is required")
    tags = list(dict.fromkeys([ref.tag, *more]))
    failed = await session.client.sync.sync_now(ref.org, ref.repo, tags, *to, override=override)
    if failed:
        return error(
            f"sync run: {len(failed)} of {plural(len(tags), 'tag')} failed: {', '.join(failed)}",
            "SYNC_FAILED",
        )
    return message(f"synced {plural(len(tags), 'tag')} of {ref.repo_ref} to {to[0]}/{to[1]}")


@command(
    "sync jobs",
    "Sync jobs of a repository, newest first",
    arg("repo", REPO),
    opt("--limit", INT, "at most N jobs (default 100)"),
)
async def sync_jobs(session: Session, repo: RepoRef, limit: int | None) -> Result:
    found = await session.client.sync.jobs(repo.org, repo.repo, limit=limit or 100, order="desc")
    return table(JOBS, map(_job, found), title=f"Sync jobs of {repo}")


@command("sync regions", "Regions images can be synchronized to")
async def sync_regions(session: Session) -> Result:
    return table((Column("region"),), [(r,) for r in await session.client.sync.regions()])
