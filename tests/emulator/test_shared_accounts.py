"""Shared accounts (4.4) through the official SDK, and what a share lets the other tenant do."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state.store import AUTH_EDIT, AUTH_MANAGE
from tests.conftest import LiveEmulator
from tests.emulator.helpers import (
    ALICE,
    PARTNER_ADMIN,
    client_as,
    grant_org,
    grant_repo,
    push,
    refused,
    start_empty,
)

pytestmark = pytest.mark.socket

PARTNER = "partner-account"
REPO = "base$alpine"  # natural name base/alpine


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> LiveEmulator:
    start_empty(live_emulator, "acme", partner_orgs=("partner-tools",))
    push(live_emulator, "acme", REPO, "3.19", size=100)
    return live_emulator


def _create(client: Any, domain: str = PARTNER, **fields: Any) -> Any:
    body = model.CreateRepoDomainsRequestBody(
        access_domain=domain, **{"permit": "read", "deadline": "forever", **fields}
    )
    return client.create_repo_domains(
        model.CreateRepoDomainsRequest(namespace="acme", repository=REPO, body=body)
    )


def _list(client: Any) -> Any:
    return client.list_repo_domains(model.ListRepoDomainsRequest(namespace="acme", repository=REPO))


def _show(client: Any, domain: str = PARTNER) -> Any:
    return client.show_access_domain(
        model.ShowAccessDomainRequest(namespace="acme", repository=REPO, access_domain=domain)
    )


def _update(client: Any, domain: str = PARTNER, **fields: Any) -> Any:
    body = model.UpdateRepoDomainsRequestBody(**fields)
    return client.update_repo_domains(
        model.UpdateRepoDomainsRequest(
            namespace="acme", repository=REPO, access_domain=domain, body=body
        )
    )


def _delete(client: Any, domain: str = PARTNER) -> Any:
    return client.delete_repo_domains(
        model.DeleteRepoDomainsRequest(namespace="acme", repository=REPO, access_domain=domain)
    )


# --- the five operations ------------------------------------------------------------------------


def test_create_list_show(sdk: Any, repo: LiveEmulator) -> None:
    _create(sdk, deadline="2099-10-01T16:00:00.000Z", description="for the partner")
    (share,) = _list(sdk).body
    assert (share.namespace, share.repository, share.access_domain) == (
        "acme",
        "base/alpine",
        PARTNER,
    )
    assert (share.permit, share.deadline, share.description) == (
        "read",
        "2099-10-01T16:00:00Z",
        "for the partner",
    )
    assert (share.creator_name, share.creator_id, share.status) == (
        "swr-admin",
        "u-admin-0001",
        True,
    )
    assert share.created.endswith("Z")
    shown = _show(sdk)
    assert (shown.exist, shown.access_domain, shown.deadline, shown.status) == (
        True,
        PARTNER,
        "2099-10-01T16:00:00Z",
        True,
    )
    assert (shown.namespace, shown.repository, shown.created) == (
        "acme",
        "base/alpine",
        share.created,
    )


def test_show_missing_answers_exist_false(sdk: Any, repo: LiveEmulator) -> None:
    shown = _show(sdk)
    assert (shown.exist, shown.access_domain, shown.permit) == (False, PARTNER, None)
    assert _list(sdk).body is None  # the SDK turns an empty array into None


def test_update_changes_deadline_and_keeps_description(sdk: Any, repo: LiveEmulator) -> None:
    _create(sdk, description="keep")
    _update(sdk, permit="read", deadline="2098-01-01T00:00:00+08:00")
    shown = _show(sdk)
    assert (shown.deadline, shown.description, shown.status) == (
        "2097-12-31T16:00:00Z",
        "keep",
        True,
    )
    _update(sdk, permit="read", deadline="forever", description="")
    shown = _show(sdk)
    assert (shown.deadline, shown.description) == ("forever", "")


def test_delete(sdk: Any, repo: LiveEmulator) -> None:
    _create(sdk)
    _delete(sdk)
    assert _show(sdk).exist is False
    refused(lambda: _delete(sdk), 404, "SVCSTG.SWR.4040083")
    refused(lambda: _update(sdk, permit="read", deadline="forever"), 404, "SVCSTG.SWR.4040083")


@pytest.mark.parametrize(
    ("domain", "fields", "code"),
    [
        ("no-such-account", {}, "SVCSTG.SWR.4001041"),
        ("demo-account", {}, "SVCSTG.SWR.4001041"),
        (PARTNER, {"permit": "write"}, "SVCSTG.SWR.4001066"),
        (PARTNER, {"deadline": "next week"}, "SVCSTG.SWR.4001025"),
        (PARTNER, {"deadline": "2020-01-01T00:00:00Z"}, "SVCSTG.SWR.4001025"),
        (PARTNER, {"deadline": ""}, "SVCSTG.SWR.4001014"),
        ("", {}, "SVCSTG.SWR.4001014"),
    ],
)
def test_create_refusals(
    sdk: Any, repo: LiveEmulator, domain: str, fields: dict[str, Any], code: str
) -> None:
    refused(lambda: _create(sdk, domain, **fields), 400, code)
    assert not repo.app.state.namespaces["acme"].repos["base/alpine"].access_domains


def test_create_conflict_and_description_limit(sdk: Any, repo: LiveEmulator) -> None:
    _create(sdk)
    refused(lambda: _create(sdk), 409, "SVCSTG.SWR.4090089")
    refused(
        lambda: _update(sdk, permit="read", deadline="forever", description="x" * 30001),
        413,
        "SVCSTG.SWR.4131012",
    )
    refused(lambda: _update(sdk, permit="pull", deadline="forever"), 400, "SVCSTG.SWR.4001066")


def test_only_managers_of_the_owning_tenant_share(sdk: Any, repo: LiveEmulator) -> None:
    alice = client_as(repo, ALICE)
    refused(lambda: _create(alice), 404, "SVCSTG.SWR.4040058")
    grant_repo(repo, "acme", "base/alpine", ALICE, AUTH_EDIT)
    assert _show(alice).exist is False  # reading the shares takes any role
    refused(lambda: _create(alice), 403, "SVCSTG.SWR.4039002")
    grant_repo(repo, "acme", "base/alpine", ALICE, AUTH_MANAGE)
    _create(alice)
    assert _show(sdk).creator_name == ALICE
    grant_org(repo, "acme", "ops-bob", AUTH_EDIT)
    _delete(client_as(repo, "ops-bob"))
    # The other tenant can neither manage nor list the shares, even of a repository shared with it.
    _create(sdk)
    partner = client_as(repo, PARTNER_ADMIN)
    refused(lambda: _list(partner), 404, "SVCSTG.SWR.4040058")
    refused(lambda: _delete(partner), 404, "SVCSTG.SWR.4040058")


# --- what a share changes for the other tenant ----------------------------------------------------


def _partner_reads(partner: Any) -> tuple[str, list[str]]:
    shown = partner.show_repository(model.ShowRepositoryRequest(namespace="acme", repository=REPO))
    tags = partner.list_repository_tags(
        model.ListRepositoryTagsRequest(namespace="acme", repository=REPO)
    )
    return shown.name, [t.tag for t in tags.body]


def _thirdparty(partner: Any) -> list[tuple[str, bool]]:
    listed = partner.list_shared_repos_details(
        model.ListSharedReposDetailsRequest(center="thirdparty")
    )
    return [(item.name, item.status) for item in listed.body or ()]


def test_share_makes_repository_readable_not_writable(sdk: Any, repo: LiveEmulator) -> None:
    partner = client_as(repo, PARTNER_ADMIN)
    refused(lambda: _partner_reads(partner), 404, "SVCSTG.SWR.4040058")
    assert _thirdparty(partner) == []

    _create(sdk)
    assert _partner_reads(partner) == ("base/alpine", ["3.19"])
    assert _thirdparty(partner) == [("base/alpine", False)]
    shown = partner.show_repo_tag(
        model.ShowRepoTagRequest(namespace="acme", repository=REPO, tag="3.19")
    )
    assert shown.size == 100
    body = model.UpdateRepoRequestBody(is_public=True)
    refused(
        lambda: partner.update_repo(
            model.UpdateRepoRequest(namespace="acme", repository=REPO, body=body)
        ),
        404,
        "SVCSTG.SWR.4040058",
    )
    refused(
        lambda: partner.delete_repo_tag(
            model.DeleteRepoTagRequest(namespace="acme", repository=REPO, tag="3.19")
        ),
        404,
        "SVCSTG.SWR.4040058",
    )
    self_listed = sdk.list_shared_repos_details(model.ListSharedReposDetailsRequest(center="self"))
    assert [item.name for item in self_listed.body] == ["base/alpine"]

    _delete(sdk)
    refused(lambda: _partner_reads(partner), 404, "SVCSTG.SWR.4040058")
    assert _thirdparty(partner) == []


def test_expired_share_reads_no_more(sdk: Any, repo: LiveEmulator) -> None:
    _create(sdk, deadline="2099-01-01T00:00:00Z")
    share = repo.app.state.namespaces["acme"].repos["base/alpine"].access_domains[PARTNER]
    share.deadline = "2021-01-01T00:00:00Z"  # time has passed
    partner = client_as(repo, PARTNER_ADMIN)
    refused(lambda: _partner_reads(partner), 404, "SVCSTG.SWR.4040058")
    assert _thirdparty(partner) == [("base/alpine", True)]
    shown = _show(sdk)
    assert (shown.exist, shown.status) == (True, False)
    assert _list(sdk).body[0].status is False
