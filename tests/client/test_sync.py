"""client.sync against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SwrClient,
    SwrError,
    ValidationError,
)
from swrtui.client.models.sync import SyncJob
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.state import seeds

REMOTE = ("ap-southeast-3", "mirror")


async def test_seeded_task_and_jobs(swr: SwrClient, app: EmulatorApp) -> None:
    [task] = await swr.sync.list_tasks("demo", "nginx")
    assert (task.remote_region_id, task.remote_namespace, task.sync_auto, task.override) == (
        "ap-southeast-1",
        "demo-mirror",
        True,
        False,
    )
    assert (task.domain_id, task.namespace, task.repo_name) == (
        seeds.DEMO_DOMAIN_ID,
        "demo",
        "nginx",
    )
    seeded = app.state.namespaces["demo"].repos["nginx"].sync_jobs
    oldest_first = sorted(seeded, key=lambda j: (j.created_at, j.id))
    every = [job async for job in swr.sync.iter_jobs("demo", "nginx", page_size=5)]
    assert [(j.id, j.tag, j.status) for j in every] == [
        (j.id, j.tag, j.status) for j in oldest_first
    ]
    newest = await swr.sync.jobs("demo", "nginx", limit=2, order="desc")
    assert [j.id for j in newest] == [j.id for j in oldest_first[::-1][:2]]
    assert newest[0].operator_name == "swr-admin" and newest[0].created_at is not None


async def test_task_create_and_delete(swr: SwrClient) -> None:
    await swr.sync.create_task("demo", "nginx", *REMOTE, override=True)
    tasks = {
        (t.remote_region_id, t.remote_namespace): t
        for t in await swr.sync.list_tasks("demo", "nginx")
    }
    assert tasks[REMOTE].sync_auto and tasks[REMOTE].override
    with pytest.raises(ConflictError):
        await swr.sync.create_task("demo", "nginx", *REMOTE)
    await swr.sync.delete_task("demo", "nginx", *REMOTE)
    assert [t.remote_namespace for t in await swr.sync.list_tasks("demo", "nginx")] == [
        "demo-mirror"
    ]
    with pytest.raises(NotFoundError):
        await swr.sync.delete_task("demo", "nginx", *REMOTE)


async def _last_job(swr: SwrClient) -> SyncJob:
    return (await swr.sync.jobs("demo", "nginx", limit=1, order="desc"))[0]


async def test_sync_now_records_jobs_and_reports_conflicts(swr: SwrClient) -> None:
    tags = await swr.tags.list("demo", "nginx")
    first = tags[0].name
    second = next(t.name for t in tags if t.digest != tags[0].digest)
    assert await swr.sync.sync_now("demo", "nginx", [first], *REMOTE) == []
    job = await _last_job(swr)
    assert (job.tag, job.status, job.remote_region_id, job.remote_namespace) == (
        first,
        "success",
        *REMOTE,
    )
    assert await swr.sync.sync_now("demo", "nginx", [first], *REMOTE) == []
    assert (await _last_job(swr)).status == "existed"
    # Point the tag at another image: the target now differs and only override replaces it.
    await swr.tags.create("demo", "nginx", second, first, override=True)
    assert await swr.sync.sync_now("demo", "nginx", [first, first], *REMOTE) == [first]
    assert await swr.sync.sync_now("demo", "nginx", [first], *REMOTE, override=True) == []
    assert (await _last_job(swr)).status == "success"


async def test_regions(swr: SwrClient) -> None:
    regions = await swr.sync.regions()
    assert "cn-north-4" in regions and "ap-southeast-1" in regions
    assert regions == sorted(regions)


async def test_server_refusals(swr: SwrClient, alice: SwrClient) -> None:
    with pytest.raises(SwrError) as region:
        await swr.sync.create_task("demo", "nginx", "mars-north-1", "mirror")
    assert (region.value.status, region.value.error_code) == (400, "SVCSTG.SWR.4001025")
    with pytest.raises(NotFoundError):
        await swr.sync.sync_now("demo", "nginx", ["no-such-tag"], *REMOTE)
    with pytest.raises(PermissionDeniedError):
        await alice.sync.create_task("ml-lab", "models/bert-base", *REMOTE)


async def test_validation_sends_nothing(swr: SwrClient, app: EmulatorApp) -> None:
    sent = app.faults.stats.requests
    with pytest.raises(ValidationError, match="at least one tag"):
        await swr.sync.sync_now("demo", "nginx", [], *REMOTE)
    with pytest.raises(ValidationError):
        await swr.sync.sync_now("demo", "nginx", ["bad tag"], *REMOTE)
    with pytest.raises(ValidationError):
        await swr.sync.create_task("demo", "nginx", "ap-southeast-3", "Bad_Org")
    with pytest.raises(ValidationError, match="invalid order"):
        await swr.sync.jobs("demo", "nginx", order="newest")
    with pytest.raises(ValidationError, match="remote region must not be empty"):
        await swr.sync.delete_task("demo", "nginx", "", "mirror")
    assert app.faults.stats.requests == sent
