"""client.tags against the in-process emulator."""

from __future__ import annotations

from datetime import timezone

import pytest

from swrtui.client import ConflictError, NotFoundError, SwrClient, ValidationError


async def test_list_all_tags_newest_first(swr: SwrClient) -> None:
    tags = await swr.tags.list("demo", "nginx")
    assert len(tags) == 30
    assert "latest" in {t.name for t in tags}
    updated = [t.updated for t in tags]
    assert updated == sorted(updated, reverse=True)
    first = tags[0]
    assert first.digest.startswith("sha256:") and first.size > 0 and first.schema == 2
    assert first.path == f"swr.cn-north-4.myhuaweicloud.com/demo/nginx:{first.name}"
    assert first.created is not None and first.created.tzinfo == timezone.utc


async def test_paging_and_ordering(swr: SwrClient) -> None:
    by_name = await swr.tags.list("demo", "nginx", order_column="tag", order_type="asc")
    names = [t.name for t in by_name]
    assert names == sorted(names)
    page = await swr.tags.list(
        "demo", "nginx", limit=4, offset=4, order_column="tag", order_type="asc"
    )
    assert [t.name for t in page] == names[4:8]
    walked = [t.name async for t in swr.tags.iter_all("demo", "nginx", page_size=7)]
    assert sorted(walked) == names


async def test_fragment_filter_and_nested_repo(swr: SwrClient) -> None:
    tags = await swr.tags.list("demo", "tools/ci-runner", tag="sha-")
    assert tags and all("sha-" in t.name for t in tags)


async def test_get_single_tag_matches_latest(swr: SwrClient) -> None:
    latest = await swr.tags.get("demo", "nginx", "latest")
    listed = {t.name: t for t in await swr.tags.list("demo", "nginx")}
    assert latest.name == "latest"
    assert latest.digest == listed["latest"].digest
    assert latest.manifest.startswith("{")


async def test_retag_then_delete(swr: SwrClient) -> None:
    await swr.tags.create("demo", "nginx", "latest", "stable")
    stable = await swr.tags.get("demo", "nginx", "stable")
    assert stable.digest == (await swr.tags.get("demo", "nginx", "latest")).digest
    with pytest.raises(ConflictError):
        await swr.tags.create("demo", "nginx", "latest", "stable")
    await swr.tags.create("demo", "nginx", "latest", "stable", override=True)
    await swr.tags.delete("demo", "nginx", "stable")
    with pytest.raises(NotFoundError) as caught:
        await swr.tags.get("demo", "nginx", "stable")
    assert caught.value.error_code == "SVCSTG.SWR.4040048"
    with pytest.raises(NotFoundError):
        await swr.tags.delete("demo", "nginx", "stable")


async def test_list_many_fans_out(swr: SwrClient) -> None:
    repos = [("demo", "nginx"), ("demo", "tools/ci-runner"), ("platform", "envoy")]
    result = await swr.tags.list_many(repos, page_size=5)
    assert list(result) == repos
    for org, repo in repos:
        expected = {t.name for t in await swr.tags.list(org, repo)}
        assert {t.name for t in result[(org, repo)]} == expected


async def test_list_many_takes_a_repository_listing_as_it_is_paged(swr: SwrClient) -> None:
    listing = ((r.namespace, r.name) async for r in swr.repositories.iter_all(page_size=2))
    result = await swr.tags.list_many(listing)
    repos = [(r.namespace, r.name) async for r in swr.repositories.iter_all()]
    assert list(result) == repos and len(repos) > 2
    for org, repo in repos:
        assert [t.name for t in result[(org, repo)]] == [
            t.name for t in await swr.tags.list(org, repo)
        ]


@pytest.mark.parametrize("bad", [".hidden", "-x", "a b", "x" * 129, ""])
async def test_bad_tag_names(swr: SwrClient, bad: str) -> None:
    with pytest.raises(ValidationError, match="invalid tag name"):
        await swr.tags.delete("demo", "nginx", bad)
