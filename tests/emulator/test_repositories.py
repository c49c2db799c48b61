"""Repositories (4.2, plus the SDK's v3 list) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state.store import AUTH_EDIT, AUTH_MANAGE, AUTH_VIEW
from tests.conftest import LiveEmulator
from tests.emulator.helpers import (
    ALICE,
    BOB,
    PARTNER_ADMIN,
    client_as,
    grant_org,
    grant_repo,
    push,
    refused,
    start_empty,
)

pytestmark = pytest.mark.socket


@pytest.fixture
def orgs(live_emulator: LiveEmulator) -> LiveEmulator:
    start_empty(live_emulator, "acme", "beta", partner_orgs=("partner-tools",))
    return live_emulator


def _create(client: Any, org: str, repo: str, **fields: Any) -> Any:
    body = model.CreateRepoRequestBody(repository=repo, **{"is_public": False, **fields})
    return client.create_repo(model.CreateRepoRequest(namespace=org, body=body))


def _show(client: Any, org: str, repo: str) -> Any:
    return client.show_repository(model.ShowRepositoryRequest(namespace=org, repository=repo))


# --- create / show ------------------------------------------------------------------------------


def test_create_then_show(sdk: Any, orgs: LiveEmulator) -> None:
    _create(sdk, "acme", "tools$builder", category="linux", description="CI image")
    shown = _show(sdk, "acme", "tools$builder")
    assert (shown.name, shown.category, shown.description) == ("tools/builder", "linux", "CI image")
    assert (shown.is_public, shown.num_images, shown.num_download, shown.size) == (
        False,
        0,
        0,
        0,
    )
    assert shown.path == "swr.cn-north-4.myhuaweicloud.com/acme/tools/builder"
    assert shown.internal_path.endswith("/acme/tools/builder")
    assert (shown.creator_name, shown.domain_id) == (
        "swr-admin",
        orgs.app.state.namespaces["acme"].domain_id,
    )
    assert shown.ns_id == orgs.app.state.namespaces["acme"].id
    assert shown.created.endswith("Z") and shown.created == shown.updated


def test_show_counts_tags_and_each_image_once(sdk: Any, orgs: LiveEmulator) -> None:
    push(orgs, "acme", "web", "1.0", content_key="a", size=1000)
    push(orgs, "acme", "web", "latest", content_key="a", size=1000)
    push(orgs, "acme", "web", "2.0", content_key="b", size=300)
    shown = _show(sdk, "acme", "web")
    assert (shown.num_images, shown.size) == (3, 1300)


def test_category_defaults_to_other(sdk: Any, orgs: LiveEmulator) -> None:
    _create(sdk, "acme", "plain", is_public=True)
    shown = _show(sdk, "acme", "plain")
    assert (shown.category, shown.is_public, shown.description) == ("other", True, "")


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"repository": "Upper"}, 400, "SVCSTG.SWR.4001029"),
        ({"repository": "a//b"}, 400, "SVCSTG.SWR.4001029"),
        ({"repository": "ok", "category": "games"}, 400, "SVCSTG.SWR.4001025"),
        ({"repository": "ok", "description": "x" * 30001}, 413, "SVCSTG.SWR.4131012"),
    ],
)
def test_create_refusals(
    sdk: Any, orgs: LiveEmulator, fields: dict[str, Any], status: int, code: str
) -> None:
    repo = fields.pop("repository")
    refused(lambda: _create(sdk, "acme", repo, **fields), status, code)
    assert not orgs.app.state.namespaces["acme"].repos


def test_create_requires_is_public(sdk: Any, orgs: LiveEmulator) -> None:
    body = model.CreateRepoRequestBody(repository="nopub")
    refused(
        lambda: sdk.create_repo(model.CreateRepoRequest(namespace="acme", body=body)),
        400,
        "SVCSTG.SWR.4001014",
    )


def test_create_conflict_and_missing_org(sdk: Any, orgs: LiveEmulator) -> None:
    _create(sdk, "acme", "dup")
    refused(lambda: _create(sdk, "acme", "dup"), 409, "SVCSTG.SWR.4090006")
    refused(lambda: _create(sdk, "nowhere", "dup"), 404, "SVCSTG.SWR.4040058")


def test_create_needs_edit_role(orgs: LiveEmulator) -> None:
    alice = client_as(orgs, ALICE)
    # Without any role the organization is invisible; a view role is not enough.
    refused(lambda: _create(alice, "acme", "mine"), 404, "SVCSTG.SWR.4040058")
    grant_org(orgs, "acme", ALICE, AUTH_VIEW)
    refused(lambda: _create(alice, "acme", "mine"), 403, "SVCSTG.SWR.4039002")
    grant_org(orgs, "acme", ALICE, AUTH_EDIT)
    _create(alice, "acme", "mine")
    assert _show(alice, "acme", "mine").creator_name == ALICE


def test_show_missing_and_other_tenant(sdk: Any, orgs: LiveEmulator) -> None:
    refused(lambda: _show(sdk, "acme", "ghost"), 404, "SVCSTG.SWR.4040010")
    _create(sdk, "acme", "private")
    partner = client_as(orgs, PARTNER_ADMIN)
    refused(lambda: _show(partner, "acme", "private"), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _show(sdk, "acme", "Bad_Name"), 400, "SVCSTG.SWR.4001029")


# --- update / delete ----------------------------------------------------------------------------


def _update(client: Any, org: str, repo: str, **fields: Any) -> Any:
    body = model.UpdateRepoRequestBody(**fields)
    return client.update_repo(model.UpdateRepoRequest(namespace=org, repository=repo, body=body))


def test_update_is_partial(sdk: Any, orgs: LiveEmulator) -> None:
    _create(sdk, "acme", "svc", category="lang", description="keep me")
    _update(sdk, "acme", "svc", is_public=True)
    shown = _show(sdk, "acme", "svc")
    assert (shown.is_public, shown.category, shown.description) == (True, "lang", "keep me")
    _update(sdk, "acme", "svc", is_public=False, category="database", description="")
    shown = _show(sdk, "acme", "svc")
    assert (shown.is_public, shown.category, shown.description) == (False, "database", "")


def test_update_refusals(sdk: Any, orgs: LiveEmulator) -> None:
    _create(sdk, "acme", "svc")
    refused(lambda: _update(sdk, "acme", "svc", category="linux"), 400, "SVCSTG.SWR.4001014")
    refused(
        lambda: _update(sdk, "acme", "svc", is_public=True, category="x"),
        400,
        "SVCSTG.SWR.4001025",
    )
    refused(lambda: _update(sdk, "acme", "nope", is_public=True), 404, "SVCSTG.SWR.4040010")
    grant_repo(orgs, "acme", "svc", BOB, AUTH_VIEW)
    refused(
        lambda: _update(client_as(orgs, BOB), "acme", "svc", is_public=True),
        403,
        "SVCSTG.SWR.4039002",
    )


def _delete(client: Any, org: str, repo: str) -> Any:
    return client.delete_repo(model.DeleteRepoRequest(namespace=org, repository=repo))


def test_delete_takes_the_tags_along(sdk: Any, orgs: LiveEmulator) -> None:
    push(orgs, "acme", "old$stuff", "v1")
    _delete(sdk, "acme", "old$stuff")
    assert "old/stuff" not in orgs.app.state.namespaces["acme"].repos
    refused(lambda: _show(sdk, "acme", "old$stuff"), 404, "SVCSTG.SWR.4040010")
    refused(lambda: _delete(sdk, "acme", "old$stuff"), 404, "SVCSTG.SWR.4040010")


def test_delete_needs_manage_on_repo_or_edit_on_org(orgs: LiveEmulator) -> None:
    push(orgs, "acme", "a", "v1")
    push(orgs, "acme", "b", "v1")
    bob = client_as(orgs, BOB)
    grant_repo(orgs, "acme", "a", BOB, AUTH_EDIT)
    refused(lambda: _delete(bob, "acme", "a"), 403, "SVCSTG.SWR.4039002")
    grant_repo(orgs, "acme", "a", BOB, AUTH_MANAGE)
    _delete(bob, "acme", "a")
    grant_org(orgs, "acme", ALICE, AUTH_EDIT)
    _delete(client_as(orgs, ALICE), "acme", "b")
    assert not orgs.app.state.namespaces["acme"].repos


# --- list_repos_details -------------------------------------------------------------------------


def _list(client: Any, **query: Any) -> Any:
    return client.list_repos_details(model.ListReposDetailsRequest(**query))


def _names(response: Any) -> list[str]:
    return [f"{item.namespace}/{item.name}" for item in response.body or ()]


@pytest.fixture
def catalog(orgs: LiveEmulator) -> LiveEmulator:
    """acme/web (3 tags, newest), acme/db, beta/web-api, and a partner repository."""
    push(orgs, "acme", "db", "v1", created="2026-01-01T00:00:00Z")
    push(orgs, "beta", "web-api", "v1", created="2026-01-02T00:00:00Z")
    for tag in ("1.0", "1.1", "latest"):
        push(orgs, "acme", "web", tag, created="2026-01-03T00:00:00Z", size=10)
    push(orgs, "partner-tools", "scanner", "v1")
    orgs.app.state.namespaces["acme"].repos["db"].category = "database"
    orgs.app.state.namespaces["beta"].repos["web-api"].is_public = True
    return orgs


def test_list_default_order_items_and_range(sdk: Any, catalog: LiveEmulator) -> None:
    response = _list(sdk)
    assert _names(response) == ["acme/web", "beta/web-api", "acme/db"]
    assert response.content_range == "0-3/3"
    web = response.body[0]
    assert (web.tags, web.num_images, web.size, web.total_range) == (
        ["1.0", "1.1", "latest"],
        3,
        30,
        3,
    )
    assert (web.domain_name, web.status, web.num_download) == ("demo-account", False, 0)
    assert web.path == "swr.cn-north-4.myhuaweicloud.com/acme/web"
    assert web.updated_at == "2026-01-03T00:00:00Z"


def test_list_paging_and_order(sdk: Any, catalog: LiveEmulator) -> None:
    page = _list(sdk, order_column="name", order_type="asc", offset="1", limit="1")
    assert (_names(page), page.content_range) == (["acme/web"], "1-1/3")
    page = _list(sdk, filter="order_column::tag_count|order_type::desc|limit::2|offset::0")
    assert (_names(page), page.content_range) == (["acme/web", "acme/db"], "0-2/3")
    page = _list(sdk, order_column="namespace", order_type="desc", limit="1")
    assert _names(page) == ["beta/web-api"]
    page = _list(sdk, offset="5", limit="2")
    # The SDK turns an empty JSON array into None.
    assert (page.body, page.content_range) == (None, "5-0/3")


def test_list_filters(sdk: Any, catalog: LiveEmulator) -> None:
    assert _names(_list(sdk, namespace="cm")) == ["acme/web", "acme/db"]
    assert _names(_list(sdk, name="web")) == ["acme/web", "beta/web-api"]
    assert _names(_list(sdk, filter="namespace::beta|name::api")) == ["beta/web-api"]
    assert _names(_list(sdk, category="database")) == ["acme/db"]
    assert _names(_list(sdk, filter="is_public::true")) == ["beta/web-api"]


def test_list_default_limit_is_100(sdk: Any, orgs: LiveEmulator) -> None:
    for index in range(105):
        push(orgs, "acme", f"r{index:03d}", "v1", size=1)
    response = _list(sdk)
    assert (len(response.body), response.content_range) == (100, "0-100/105")
    assert response.body[0].total_range == 105


def test_list_shows_only_what_the_caller_can_see(catalog: LiveEmulator) -> None:
    assert _names(_list(client_as(catalog, ALICE))) == []
    grant_repo(catalog, "acme", "db", ALICE, AUTH_VIEW)
    assert _names(_list(client_as(catalog, ALICE))) == ["acme/db"]
    assert _names(_list(client_as(catalog, PARTNER_ADMIN))) == ["partner-tools/scanner"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"order_column": "size"}, "SVCSTG.SWR.4001025"),
        ({"order_column": "name", "order_type": "up"}, "SVCSTG.SWR.4001025"),
        ({"category": "games"}, "SVCSTG.SWR.4001025"),
        ({"limit": "many"}, "SVCSTG.SWR.4001025"),
        ({"filter": "colour::red"}, "SVCSTG.SWR.4001035"),
        ({"filter": "is_public::maybe"}, "SVCSTG.SWR.4001025"),
    ],
)
def test_list_refusals(sdk: Any, catalog: LiveEmulator, query: dict[str, str], code: str) -> None:
    refused(lambda: _list(sdk, **query), 400, code)


# --- list_shared_repos_details ------------------------------------------------------------------


def _shared(client: Any, **query: Any) -> Any:
    return client.list_shared_repos_details(model.ListSharedReposDetailsRequest(**query))


def _share(client: Any, org: str, repo: str, domain: str, deadline: str = "forever") -> None:
    body = model.CreateRepoDomainsRequestBody(
        access_domain=domain, permit="read", deadline=deadline
    )
    client.create_repo_domains(
        model.CreateRepoDomainsRequest(namespace=org, repository=repo, body=body)
    )


def test_shared_self_and_thirdparty(sdk: Any, catalog: LiveEmulator) -> None:
    partner = client_as(catalog, PARTNER_ADMIN)
    assert _shared(sdk, center="self").body is None
    _share(sdk, "acme", "web", "partner-account")
    _share(sdk, "beta", "web-api", "partner-account")
    _share(partner, "partner-tools", "scanner", "demo-account")

    mine = _shared(sdk, center="self", order_column="name", order_type="asc")
    assert (_names(mine), mine.content_range) == (["acme/web", "beta/web-api"], "0-2/2")
    assert {(item.domain_name, item.status) for item in mine.body} == {("demo-account", False)}

    theirs = _shared(partner, filter="center::thirdparty|order_column::namespace|order_type::asc")
    assert _names(theirs) == ["acme/web", "beta/web-api"]
    assert [item.status for item in theirs.body] == [False, False]
    assert theirs.body[0].tags == ["1.0", "1.1", "latest"]
    assert _names(_shared(sdk, center="thirdparty")) == ["partner-tools/scanner"]
    assert _shared(sdk, center="thirdparty").body[0].domain_name == "partner-account"

    page = _shared(partner, center="thirdparty", name="api", limit="1", offset="0")
    assert (_names(page), page.content_range) == (["beta/web-api"], "0-1/1")


def test_shared_thirdparty_marks_expired_shares(sdk: Any, catalog: LiveEmulator) -> None:
    _share(sdk, "acme", "web", "partner-account")
    _share(sdk, "acme", "db", "partner-account")
    catalog.app.state.namespaces["acme"].repos["db"].access_domains[
        "partner-account"
    ].deadline = "2020-01-01T00:00:00Z"
    partner = client_as(catalog, PARTNER_ADMIN)
    listed = _shared(partner, center="thirdparty", order_column="name", order_type="asc")
    assert [(item.name, item.status) for item in listed.body] == [("db", True), ("web", False)]
    # The reference's extra "status" query parameter: true keeps valid shares only.
    listed = _shared(partner, filter="center::thirdparty|status::true")
    assert [item.name for item in listed.body] == ["web"]
    listed = _shared(partner, filter="center::thirdparty|status::false|domain_name::demo-account")
    assert [item.name for item in listed.body] == ["db"]


def test_shared_refusals(sdk: Any, catalog: LiveEmulator) -> None:
    refused(lambda: _shared(sdk), 400, "SVCSTG.SWR.4001014")
    refused(lambda: _shared(sdk, center="everyone"), 400, "SVCSTG.SWR.4001025")
    refused(
        lambda: _shared(sdk, center="self", order_column="is_public"), 400, "SVCSTG.SWR.4001025"
    )


# --- v3 list_repo_details -----------------------------------------------------------------------


def test_v3_list_pages_with_a_marker(sdk: Any, catalog: LiveEmulator) -> None:
    first = sdk.list_repo_details(model.ListRepoDetailsRequest(limit=2))
    assert [r.name for r in first.repos] == ["db", "web-api"]
    assert first.next_marker == first.repos[-1].id
    rest = sdk.list_repo_details(model.ListRepoDetailsRequest(limit=2, marker=first.next_marker))
    assert [(r.namespace_name, r.name, r.num_images) for r in rest.repos] == [("acme", "web", 3)]
    assert rest.next_marker is None
    public = sdk.list_repo_details(model.ListRepoDetailsRequest(is_public=True))
    assert [r.name for r in public.repos] == ["web-api"]
    assert public.repos[0].domain_name == "demo-account"
