"""client.repositories against the in-process emulator."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from swrtui.client import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SwrClient,
    ValidationError,
)


async def test_get_nested_repository(swr: SwrClient) -> None:
    repo = await swr.repositories.get("demo", "tools/ci-runner")
    assert (repo.namespace, repo.name, repo.full_name) == (
        "demo",
        "tools/ci-runner",
        "demo/tools/ci-runner",
    )
    assert repo.category == "other" and repo.is_public is False
    assert repo.creator_name == "swr-admin" and repo.id and repo.ns_id
    assert repo.num_images > 0 and repo.num_downloads > 0
    assert repo.path == "swr.cn-north-4.myhuaweicloud.com/demo/tools/ci-runner"
    assert repo.created is not None and repo.created.tzinfo == timezone.utc
    assert repo.updated is not None and repo.updated >= repo.created


async def test_list_pages_and_iter_all_agree(swr: SwrClient) -> None:
    everything = await swr.repositories.list()
    assert len(everything) == 42
    assert everything[0].total_range == 42
    first = await swr.repositories.list(limit=5, order_column="name", order_type="asc")
    assert [r.name for r in first] == sorted(r.name for r in first)
    walked = [r async for r in swr.repositories.iter_all(page_size=7)]
    assert sorted(r.full_name for r in walked) == sorted(r.full_name for r in everything)
    assert len({r.full_name for r in walked}) == 42


async def test_list_filters(swr: SwrClient) -> None:
    tools = await swr.repositories.list("demo", "tools/")
    assert sorted(r.name for r in tools) == ["tools/ci-runner", "tools/kubectl"]
    dbs = await swr.repositories.list(category="database")
    assert dbs and all(r.category == "database" for r in dbs)
    public = await swr.repositories.list(is_public=True)
    assert {r.full_name for r in public} >= {"demo/nginx", "demo/alpine"}
    assert all(r.is_public for r in public)


async def test_create_update_delete(swr: SwrClient) -> None:
    await swr.repositories.create("demo", "apps/web", category="app_server", description="web")
    repo = await swr.repositories.get("demo", "apps/web")
    assert (repo.category, repo.description, repo.is_public) == ("app_server", "web", False)
    with pytest.raises(ConflictError):
        await swr.repositories.create("demo", "apps/web")
    await swr.repositories.update("demo", "apps/web", is_public=True, description="public web")
    repo = await swr.repositories.get("demo", "apps/web")
    assert (repo.is_public, repo.description, repo.category) == (True, "public web", "app_server")
    await swr.repositories.delete("demo", "apps/web")
    with pytest.raises(NotFoundError) as caught:
        await swr.repositories.get("demo", "apps/web")
    assert caught.value.status == 404
    assert caught.value.path == "/v2/manage/namespaces/demo/repos/apps$web"


async def test_shared_lists(swr: SwrClient) -> None:
    with_me = await swr.repositories.list_shared()
    assert [(r.full_name, r.domain_name, r.status) for r in with_me] == [
        ("partner-tools/shared-base", "partner-account", False)
    ]
    mine = await swr.repositories.list_shared("self", order_column="name", order_type="asc")
    assert [r.full_name for r in mine] == ["platform/api-gateway", "demo/tools/ci-runner"]


async def test_permissions_are_enforced(alice: SwrClient) -> None:
    # alice edits platform; in ml-lab she only views one repository.
    await alice.repositories.update("platform", "envoy", is_public=True)
    assert (await alice.repositories.get("platform", "envoy")).is_public is True
    with pytest.raises(PermissionDeniedError) as caught:
        await alice.repositories.create("ml-lab", "mine")
    assert caught.value.status == 403
    assert caught.value.error_code == "SVCSTG.SWR.4039002"
    with pytest.raises(NotFoundError):  # demo is invisible to her
        await alice.repositories.create("demo", "mine")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.repositories.get("demo", "Bad"), "invalid repository name"),
        (lambda c: c.repositories.get("Demo", "ok"), "invalid organization name"),
        (lambda c: c.repositories.create("demo", "x", category="games"), "invalid category"),
        (lambda c: c.repositories.list(order_column="size"), "invalid order column"),
        (lambda c: c.repositories.list(limit=0), "limit must be at least 1"),
        (lambda c: c.repositories.list_shared("others"), "invalid center"),
    ],
)
async def test_validation_before_any_request(swr: SwrClient, app, call, message: str) -> None:
    before = app.faults.stats.requests
    with pytest.raises(ValidationError) as caught:
        await call(swr)
    assert message in str(caught.value)
    assert app.faults.stats.requests == before


def test_time_parsing_variants() -> None:
    from swrtui.client.models.repositories import Repository

    repo = Repository.from_api(
        {
            "name": "a$b",
            "num_downloaded": 7,
            "created_at": "2017-09-11T03:00:02.542841141Z",
            "updated": "2018-01-02 03:04:05+08:00",
            "tags": None,
            "unknown": {"x": 1},
            "size": None,
        }
    )
    assert repo.name == "a/b" and repo.num_downloads == 7 and repo.size == 0
    assert not hasattr(repo, "tags")  # the listed names are not kept (see the model)
    assert repo.created == datetime(2017, 9, 11, 3, 0, 2, 542841, tzinfo=timezone.utc)
    assert repo.updated == datetime(2018, 1, 1, 19, 4, 5, tzinfo=timezone.utc)
