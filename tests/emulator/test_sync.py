"""Image synchronization (4.8) and sync regions through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.backend import images
from swrtui.emulator.backend.sync import auto_sync
from swrtui.emulator.state.store import Permission, Repository
from tests.conftest import LiveEmulator
from tests.emulator.helpers import ADMIN_ID, ALICE_ID, WHEN, add_repo, client_as, refused

pytestmark = pytest.mark.socket

ORG, REPO = "demo", "web$api"


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> Repository:
    return add_repo(live_emulator.app.state, ORG, "web/api", tags=("v1", "v2", "latest"))


def _create_task(client: Any, region: str, remote: str, **options: Any) -> None:
    body = model.CreateImageSyncRepoRequestBody(
        remote_region_id=region, remote_namespace=remote, **options
    )
    client.create_image_sync_repo(
        model.CreateImageSyncRepoRequest(namespace=ORG, repository=REPO, body=body)
    )


def _tasks(client: Any) -> list[Any]:
    request = model.ListImageAutoSyncReposDetailsRequest(namespace=ORG, repository=REPO)
    return client.list_image_auto_sync_repos_details(request).body or []


def _delete_task(client: Any, region: str, remote: str) -> None:
    body = model.DeleteImageSyncRepoRequestBody(remote_region_id=region, remote_namespace=remote)
    client.delete_image_sync_repo(
        model.DeleteImageSyncRepoRequest(namespace=ORG, repository=REPO, body=body)
    )


def _sync(client: Any, tags: list[str], region: str = "cn-east-3", **options: Any) -> Any:
    body = model.CreateManualImageSyncRepoRequestBody(
        image_tag=tags,
        remote_region_id=region,
        remote_namespace=options.pop("remote", "mirror"),
        **options,
    )
    return client.create_manual_image_sync_repo(
        model.CreateManualImageSyncRepoRequest(namespace=ORG, repository=REPO, body=body)
    )


def _jobs(client: Any, filter: str = "limit::50|offset::0") -> Any:
    return client.show_sync_job(
        model.ShowSyncJobRequest(namespace=ORG, repository=REPO, filter=filter)
    )


def test_create_and_list_tasks(sdk: Any, repo: Repository) -> None:
    _create_task(sdk, "ap-southeast-3", "mirror", sync_auto=True, override=True)
    _create_task(sdk, "cn-north-4", "platform")
    tasks = _tasks(sdk)
    assert [(t.remote_region_id, t.remote_namespace, t.sync_auto, t.override) for t in tasks] == [
        ("ap-southeast-3", "mirror", True, True),
        ("cn-north-4", "platform", False, False),
    ]
    first = tasks[0]
    assert (first.namespace, first.repo_name, first.domain_name) == (ORG, "web/api", "demo-account")
    assert first.domain_id == "0a1b2c3d4e5f4a5b8c9d0e1f2a3b4c5d"
    assert isinstance(first.id, int) and first.created_at.endswith("Z")
    assert first.updated_at == first.created_at


def test_delete_task(sdk: Any, repo: Repository) -> None:
    _create_task(sdk, "ap-southeast-3", "mirror")
    _create_task(sdk, "cn-east-3", "mirror")
    _delete_task(sdk, "ap-southeast-3", "mirror")
    assert [t.remote_region_id for t in _tasks(sdk)] == ["cn-east-3"]
    refused(lambda: _delete_task(sdk, "ap-southeast-3", "mirror"), 404, "SVCSTG.SWR.4040083")


def test_duplicate_task_is_a_conflict(sdk: Any, repo: Repository) -> None:
    _create_task(sdk, "ap-southeast-3", "mirror")
    refused(
        lambda: _create_task(sdk, "ap-southeast-3", "mirror", sync_auto=True),
        409,
        "SVCSTG.SWR.4090006",
    )


@pytest.mark.parametrize(
    ("region", "remote", "status", "code"),
    [
        ("mars-north-1", "mirror", 400, "SVCSTG.SWR.4001025"),  # unknown region
        ("cn-east-3", "Bad_Org", 400, "SVCSTG.SWR.4001028"),
        ("cn-north-4", "demo", 400, "SVCSTG.SWR.4001025"),  # the source itself
        ("cn-north-4", "no-such-org", 404, "SVCSTG.SWR.4040058"),  # local target must exist
        (None, "mirror", 400, "SVCSTG.SWR.4001014"),
        ("cn-east-3", None, 400, "SVCSTG.SWR.4001014"),
    ],
)
def test_invalid_targets(
    sdk: Any, repo: Repository, region: str | None, remote: str | None, status: int, code: str
) -> None:
    refused(lambda: _create_task(sdk, region, remote), status, code)
    refused(lambda: _sync(sdk, ["v1"], region=region, remote=remote), status, code)
    assert repo.sync_repos == [] and repo.sync_jobs == []


def test_local_target_of_another_tenant_is_unknown(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    partner = client_as(live_emulator, "partner")
    partner.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="partner-org"))
    )
    refused(lambda: _create_task(sdk, "cn-north-4", "partner-org"), 404, "SVCSTG.SWR.4040058")


def test_manual_sync_records_jobs(sdk: Any, repo: Repository) -> None:
    answer = _sync(sdk, ["v1", "latest"], override=False)
    # 4.8.5 answers with the tags that could not be synchronized: none here (the SDK
    # turns the empty JSON array into None).
    assert answer.body is None
    page = _jobs(sdk)
    assert page.content_range == "0-2/2"
    assert [(j.tag, j.status, j.remote_region_id, j.remote_namespace) for j in page.body] == [
        ("v1", "success", "cn-east-3", "mirror"),
        ("latest", "success", "cn-east-3", "mirror"),
    ]
    job = page.body[0]
    assert (job.sync_operator_id, job.sync_operator_name) == (ADMIN_ID, "swr-admin")
    assert (job.namespace, job.repo_name, job.domain_name, job.override) == (
        ORG,
        "web/api",
        "demo-account",
        False,
    )


def test_override_decides_over_a_different_image_at_the_target(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    _sync(sdk, ["v1", "v2"])
    state = live_emulator.app.state
    images.push(state, state.namespaces[ORG], repo, "v1", content_key="rebuilt", size=10, when=WHEN)

    assert _sync(sdk, ["v1", "v2"]).body == ["v1"]
    assert _sync(sdk, ["v1"], override=True).body is None  # empty list: nothing failed
    statuses = [(j.tag, j.status) for j in _jobs(sdk).body]
    assert statuses == [
        ("v1", "success"),
        ("v2", "success"),
        ("v1", "failed"),
        ("v2", "existed"),
        ("v1", "success"),
    ]


def test_manual_sync_refuses_missing_or_bad_tags(sdk: Any, repo: Repository) -> None:
    refused(lambda: _sync(sdk, ["v1", "v9"]), 404, "SVCSTG.SWR.4040048")
    refused(lambda: _sync(sdk, ["-bad"]), 400, "SVCSTG.SWR.4009021")
    refused(lambda: _sync(sdk, []), 400, "SVCSTG.SWR.4001014")
    assert repo.sync_jobs == []


def test_sync_job_paging_and_order(sdk: Any, repo: Repository) -> None:
    for tag in ("v1", "v2", "latest"):
        _sync(sdk, [tag])
    page = _jobs(sdk, "limit::2|offset::1")
    assert page.content_range == "1-2/3"
    assert [j.tag for j in page.body] == ["v2", "latest"]
    newest = _jobs(sdk, "limit::1|offset::0|order::desc")
    assert ([j.tag for j in newest.body], newest.content_range) == (["latest"], "0-1/3")


@pytest.mark.parametrize(
    ("filter", "code"),
    [
        (None, "SVCSTG.SWR.4001014"),
        ("limit::10", "SVCSTG.SWR.4001014"),
        ("limit::x|offset::0", "SVCSTG.SWR.4001025"),
        ("limit::10|offset::0|order::up", "SVCSTG.SWR.4001035"),
        ("limit::10|offset::0|tag::v1", "SVCSTG.SWR.4001035"),
        ("limit::5000|offset::0", "SVCSTG.SWR.4000056"),
    ],
)
def test_sync_job_filter_validation(
    sdk: Any, repo: Repository, filter: str | None, code: str
) -> None:
    refused(lambda: _jobs(sdk, filter), 400, code)


def test_auto_sync_runs_automatic_tasks_only(
    live_emulator: LiveEmulator, sdk: Any, repo: Repository
) -> None:
    _create_task(sdk, "ap-southeast-3", "mirror", sync_auto=True)
    _create_task(sdk, "cn-east-3", "mirror", sync_auto=False)
    state = live_emulator.app.state
    admin = state.all_users()[ADMIN_ID]
    jobs = auto_sync(state, repo, "v2", admin, WHEN)
    assert [(j.remote_region_id, j.tag, j.status) for j in jobs] == [
        ("ap-southeast-3", "v2", "success")
    ]
    assert [j.created_at for j in _jobs(sdk).body] == ["2026-02-01T00:00:00Z"]


def test_roles(live_emulator: LiveEmulator, sdk: Any, repo: Repository) -> None:
    _sync(sdk, ["v1"])
    alice = client_as(live_emulator, "alice")
    refused(lambda: _jobs(alice), 404, "SVCSTG.SWR.4040058")
    repo.permissions[ALICE_ID] = Permission(ALICE_ID, "dev-alice", 1)
    assert [j.tag for j in _jobs(alice).body] == ["v1"]
    refused(lambda: _sync(alice, ["v1"]), 403, "SVCSTG.SWR.4039002")
    refused(lambda: _create_task(alice, "cn-east-3", "mirror"), 403, "SVCSTG.SWR.4039002")
    repo.permissions[ALICE_ID].auth = 3
    _sync(alice, ["v2"])
    assert _jobs(sdk).body[-1].sync_operator_name == "dev-alice"
    # A local target takes a push role there too: Edit on "platform" (the seed's grant) will
    # do, View on "data-team" will not, and an organization she cannot see is unknown.
    _sync(alice, ["v2"], region="cn-north-4", remote="platform")
    refused(
        lambda: _sync(alice, ["v2"], region="cn-north-4", remote="data-team"),
        404,
        "SVCSTG.SWR.4040058",
    )
    state = live_emulator.app.state
    state.namespaces["data-team"].permissions[ALICE_ID] = Permission(ALICE_ID, "dev-alice", 1)
    refused(
        lambda: _sync(alice, ["v2"], region="cn-north-4", remote="data-team"),
        403,
        "SVCSTG.SWR.4039002",
    )
    partner = client_as(live_emulator, "partner")
    refused(lambda: _jobs(partner), 404, "SVCSTG.SWR.4040058")


def test_list_sync_regions(sdk: Any) -> None:
    regions = [r.region_id for r in sdk.list_sync_regions(model.ListSyncRegionsRequest()).body]
    assert regions == sorted(regions)
    assert {"cn-north-4", "cn-east-3", "ap-southeast-1", "af-south-1", "la-south-2"} <= set(regions)
