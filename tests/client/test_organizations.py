"""client.organizations against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import (
    ConflictError,
    NotEmptyError,
    NotFoundError,
    SwrClient,
    ValidationError,
)
from swrtui.client.models.organizations import Organization


async def test_list_returns_the_demo_organizations(swr: SwrClient) -> None:
    orgs = await swr.organizations.list()
    assert [org.name for org in orgs] == ["data-team", "demo", "ml-lab", "platform"]
    assert all(org.auth == 7 and org.role == "manage" for org in orgs)
    assert all(org.creator_name == "swr-admin" and org.id > 0 for org in orgs)


async def test_list_by_name_and_get(swr: SwrClient) -> None:
    assert [org.name for org in await swr.organizations.list("platform")] == ["platform"]
    org = await swr.organizations.get("demo")
    assert isinstance(org, Organization)
    assert (org.name, org.creator_name, org.auth) == ("demo", "swr-admin", 7)


async def test_create_then_delete(swr: SwrClient) -> None:
    await swr.organizations.create("team-x")
    assert (await swr.organizations.get("team-x")).name == "team-x"
    with pytest.raises(ConflictError) as caught:
        await swr.organizations.create("team-x")
    assert caught.value.status == 409
    assert caught.value.error_code == "SVCSTG.SWR.4090060"
    await swr.organizations.delete("team-x")
    with pytest.raises(NotFoundError) as missing:
        await swr.organizations.get("team-x")
    assert missing.value.error_code == "SVCSTG.SWR.4040058"
    assert str(missing.value).endswith("(HTTP 404, GET /v2/manage/namespaces/team-x)")


async def test_delete_non_empty_is_refused(swr: SwrClient) -> None:
    with pytest.raises(NotEmptyError) as caught:
        await swr.organizations.delete("demo")
    assert caught.value.status == 406


@pytest.mark.parametrize("bad", ["Upper", "1abc", "a..b", "ends-", "x" * 65, ""])
async def test_bad_names_never_reach_the_server(swr: SwrClient, app, bad: str) -> None:
    before = app.faults.stats.requests
    with pytest.raises(ValidationError) as caught:
        await swr.organizations.create(bad)
    assert "invalid organization name" in str(caught.value)
    assert app.faults.stats.requests == before


async def test_visible_mode_includes_orgs_seen_through_repositories(alice: SwrClient) -> None:
    own = await alice.organizations.list()
    assert [(org.name, org.role) for org in own] == [("platform", "edit")]
    visible = await alice.organizations.list(visible=True)
    # ml-lab is seen only through a grant on one of its repositories: no role on the org.
    assert [(org.name, org.auth) for org in visible] == [("ml-lab", 0), ("platform", 3)]
