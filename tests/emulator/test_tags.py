"""Image tags (4.3, plus the SDK's show_repo_tag and v3 list) through the official SDK."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state.store import AUTH_EDIT, AUTH_VIEW
from tests.conftest import LiveEmulator
from tests.emulator.helpers import BOB, client_as, grant_repo, push, refused, start_empty

pytestmark = pytest.mark.socket

REPO = "team$app"  # natural name team/app


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> LiveEmulator:
    """acme/team/app with 1.0 (oldest), 1.1, and latest (newest, same image as 1.1)."""
    start_empty(live_emulator, "acme")
    push(
        live_emulator,
        "acme",
        REPO,
        "1.0",
        content_key="a",
        size=100,
        created="2026-01-01T00:00:00Z",
    )
    push(
        live_emulator,
        "acme",
        REPO,
        "1.1",
        content_key="b",
        size=200,
        created="2026-01-02T00:00:00Z",
    )
    push(
        live_emulator,
        "acme",
        REPO,
        "latest",
        content_key="b",
        size=200,
        created="2026-01-03T00:00:00Z",
    )
    return live_emulator


def _list(client: Any, repository: str = REPO, **query: Any) -> Any:
    return client.list_repository_tags(
        model.ListRepositoryTagsRequest(namespace="acme", repository=repository, **query)
    )


def _tags(response: Any) -> list[str]:
    return [item.tag for item in response.body or ()]


def _show(client: Any, tag: str) -> Any:
    return client.show_repo_tag(
        model.ShowRepoTagRequest(namespace="acme", repository=REPO, tag=tag)
    )


def _retag(client: Any, source: str, destination: str, override: bool | None = None) -> Any:
    body = model.CreateRepoTagRequestBody(
        source_tag=source, destination_tag=destination, override=override
    )
    return client.create_repo_tag(
        model.CreateRepoTagRequest(namespace="acme", repository=REPO, body=body)
    )


def _delete(client: Any, tag: str) -> Any:
    return client.delete_repo_tag(
        model.DeleteRepoTagRequest(namespace="acme", repository=REPO, tag=tag)
    )


# --- list_repository_tags -----------------------------------------------------------------------


def test_list_items_and_default_order(sdk: Any, repo: LiveEmulator) -> None:
    response = _list(sdk)
    assert _tags(response) == ["latest", "1.1", "1.0"]
    assert response.content_range == "0-3/3"
    latest, newer, oldest = response.body
    assert latest.path == "swr.cn-north-4.myhuaweicloud.com/acme/team/app:latest"
    assert latest.internal_path.endswith("/acme/team/app:latest")
    assert latest.digest == newer.digest != oldest.digest
    assert (latest.size, oldest.size, latest.schema, latest.tag_type) == (200, 100, 2, 0)
    assert (latest.deleted, latest.is_trusted, latest.scanned) == (None, False, False)
    assert (oldest.created, oldest.updated) == ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    ns = repo.app.state.namespaces["acme"]
    assert latest.repo_id == ns.repos["team/app"].id and latest.domain_id == ns.domain_id
    assert '"schemaVersion":2' in latest.manifest and latest.image_id in latest.manifest


def test_list_paging_order_and_fuzzy_tag(sdk: Any, repo: LiveEmulator) -> None:
    page = _list(sdk, order_column="tag", order_type="asc", offset="1", limit="1")
    assert (_tags(page), page.content_range) == (["1.1"], "1-1/3")
    page = _list(sdk, filter="order_column::updated_at|order_type::asc|limit::2|offset::0")
    assert (_tags(page), page.content_range) == (["1.0", "1.1"], "0-2/3")
    page = _list(sdk, tag="1.", order_column="tag", order_type="desc")
    assert (_tags(page), page.content_range) == (["1.1", "1.0"], "0-2/2")
    page = _list(sdk, filter="tag::rc")
    assert (page.body, page.content_range) == (None, "0-0/0")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"order_column": "size"}, "SVCSTG.SWR.4001025"),
        ({"offset": "-1"}, "SVCSTG.SWR.4001025"),
        ({"filter": "digest::x"}, "SVCSTG.SWR.4001035"),
    ],
)
def test_list_refusals(sdk: Any, repo: LiveEmulator, query: dict[str, str], code: str) -> None:
    refused(lambda: _list(sdk, **query), 400, code)


def test_list_missing_repository(sdk: Any, repo: LiveEmulator) -> None:
    refused(lambda: _list(sdk, repository="ghost"), 404, "SVCSTG.SWR.4040010")
    refused(lambda: _list(client_as(repo, BOB)), 404, "SVCSTG.SWR.4040058")


# --- show_repo_tag ------------------------------------------------------------------------------


def test_show_tag(sdk: Any, repo: LiveEmulator) -> None:
    shown = _show(sdk, "1.0")
    assert (shown.tag, shown.size, shown.created) == ("1.0", 100, "2026-01-01T00:00:00Z")
    assert shown.path == "swr.cn-north-4.myhuaweicloud.com/acme/team/app:1.0"
    listed = {item.tag: item for item in _list(sdk).body}
    assert (shown.id, shown.digest, shown.image_id) == (
        listed["1.0"].id,
        listed["1.0"].digest,
        listed["1.0"].image_id,
    )
    refused(lambda: _show(sdk, "2.0"), 404, "SVCSTG.SWR.4040048")
    refused(lambda: _show(sdk, "-bad"), 400, "SVCSTG.SWR.4009021")


# --- create_repo_tag ----------------------------------------------------------------------------


def test_retag_copies_the_image(sdk: Any, repo: LiveEmulator) -> None:
    _retag(sdk, "1.0", "stable")
    stable, source = _show(sdk, "stable"), _show(sdk, "1.0")
    assert (stable.digest, stable.manifest, stable.size) == (
        source.digest,
        source.manifest,
        source.size,
    )
    assert stable.id != source.id
    shown = sdk.show_repository(model.ShowRepositoryRequest(namespace="acme", repository=REPO))
    # Four tags, still two distinct images.
    assert (shown.num_images, shown.size) == (4, 300)


def test_retag_conflict_and_override(sdk: Any, repo: LiveEmulator) -> None:
    before = _show(sdk, "latest")
    refused(lambda: _retag(sdk, "1.0", "latest"), 409, "SVCSTG.SWR.4090006")
    refused(lambda: _retag(sdk, "1.0", "latest", override=False), 409, "SVCSTG.SWR.4090006")
    _retag(sdk, "1.0", "latest", override=True)
    after = _show(sdk, "latest")
    assert after.digest == _show(sdk, "1.0").digest != before.digest
    assert (after.id, after.created) == (before.id, before.created)


@pytest.mark.parametrize(
    ("source", "destination", "status", "code"),
    [
        ("9.9", "new", 404, "SVCSTG.SWR.4040048"),
        ("1.0", ".hidden", 400, "SVCSTG.SWR.4009021"),
        ("1.0", "x" * 129, 400, "SVCSTG.SWR.4009021"),
        ("", "new", 400, "SVCSTG.SWR.4001014"),
    ],
)
def test_retag_refusals(
    sdk: Any, repo: LiveEmulator, source: str, destination: str, status: int, code: str
) -> None:
    refused(lambda: _retag(sdk, source, destination), status, code)
    assert len(repo.app.state.namespaces["acme"].repos["team/app"].tags) == 3


def test_retag_and_delete_need_edit_role(repo: LiveEmulator) -> None:
    grant_repo(repo, "acme", "team/app", BOB, AUTH_VIEW)
    bob = client_as(repo, BOB)
    assert _tags(_list(bob)) == ["latest", "1.1", "1.0"]
    refused(lambda: _retag(bob, "1.0", "bob"), 403, "SVCSTG.SWR.4039002")
    refused(lambda: _delete(bob, "1.0"), 403, "SVCSTG.SWR.4039002")
    grant_repo(repo, "acme", "team/app", BOB, AUTH_EDIT)
    _retag(bob, "1.0", "bob")
    _delete(bob, "bob")
    assert _tags(_list(bob)) == ["latest", "1.1", "1.0"]


# --- delete_repo_tag ----------------------------------------------------------------------------


def test_delete_tag(sdk: Any, repo: LiveEmulator) -> None:
    _delete(sdk, "1.0")
    assert _tags(_list(sdk)) == ["latest", "1.1"]
    refused(lambda: _show(sdk, "1.0"), 404, "SVCSTG.SWR.4040048")
    refused(lambda: _delete(sdk, "1.0"), 404, "SVCSTG.SWR.4040048")
    refused(lambda: _delete(sdk, "bad:tag"), 400, "SVCSTG.SWR.4009021")
    shown = sdk.show_repository(model.ShowRepositoryRequest(namespace="acme", repository=REPO))
    assert (shown.num_images, shown.size) == (2, 200)


# --- v3 list_repository_tag ---------------------------------------------------------------------


def _v3(client: Any, **query: Any) -> Any:
    return client.list_repository_tag(
        model.ListRepositoryTagRequest(namespace="acme", repository=REPO, **query)
    )


def test_v3_marker_paging(sdk: Any, repo: LiveEmulator) -> None:
    first = _v3(sdk, limit=2, order_column="tag", order_type="asc")
    assert ([t.tag for t in first.tags], first.has_more) == (["1.0", "1.1"], True)
    assert first.tags[0].manifest == ""
    rest = _v3(sdk, limit=2, order_column="tag", order_type="asc", marker=first.next_marker)
    assert ([t.tag for t in rest.tags], rest.has_more, rest.next_marker) == (
        ["latest"],
        False,
        None,
    )
    full = _v3(sdk, tag="lat", with_manifest=True)
    assert [t.tag for t in full.tags] == ["latest"]
    assert full.tags[0].manifest.startswith('{"schemaVersion":2')
    assert full.tags[0].path.endswith("/acme/team/app:latest")
    refused(lambda: _v3(sdk, marker="nonsense"), 400, "SVCSTG.SWR.4001025")
    refused(lambda: _v3(sdk, limit=1001), 400, "SVCSTG.SWR.4001025")


def test_a_listing_between_changes_sees_each_change(sdk: Any, repo: LiveEmulator) -> None:
    # The emulator reuses a repository's tag order across the pages of one listing: a push,
    # retag or delete in between must show up in the next page asked for.
    assert _tags(_list(sdk)) == ["latest", "1.1", "1.0"]
    push(repo, "acme", REPO, "2.0", content_key="c", size=300, created="2026-01-04T00:00:00Z")
    assert _tags(_list(sdk)) == ["2.0", "latest", "1.1", "1.0"]
    _retag(sdk, "1.0", "0.9")
    assert _tags(_list(sdk))[0] == "0.9"
    _delete(sdk, "2.0")
    assert _tags(_list(sdk)) == ["0.9", "latest", "1.1", "1.0"]
    assert _tags(_list(sdk, order_column="tag", order_type="asc")) == [
        "0.9",
        "1.0",
        "1.1",
        "latest",
    ]
