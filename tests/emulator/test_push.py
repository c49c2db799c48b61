"""The ``POST /_emulator/push`` control endpoint, checked through the official SDK."""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from tests.conftest import LiveEmulator
from tests.emulator.helpers import push, push_raw, start_empty

pytestmark = pytest.mark.socket


@pytest.fixture
def org(live_emulator: LiveEmulator) -> str:
    start_empty(live_emulator, "acme")
    return "acme"


def test_push_creates_repository_owned_by_org_creator(
    sdk: Any, live_emulator: LiveEmulator, org: str
) -> None:
    answer = push(live_emulator, org, "team$web", "v1", size=5000, created="2026-03-04T05:06:07Z")
    assert answer["repository"] == "team/web"
    assert (answer["tag"], answer["size"], answer["created"]) == (
        "v1",
        5000,
        "2026-03-04T05:06:07Z",
    )
    assert answer["digest"].startswith("sha256:") and len(answer["digest"]) == 71

    shown = sdk.show_repository(model.ShowRepositoryRequest(namespace=org, repository="team$web"))
    assert (shown.name, shown.creator_name, shown.is_public, shown.category) == (
        "team/web",
        "swr-admin",
        False,
        "other",
    )
    assert (shown.num_images, shown.size, shown.created) == (1, 5000, "2026-03-04T05:06:07Z")
    tags = sdk.list_repository_tags(
        model.ListRepositoryTagsRequest(namespace=org, repository="team$web")
    )
    assert [t.tag for t in tags.body] == ["v1"]
    assert tags.body[0].digest == answer["digest"]


def test_same_content_key_gives_same_digest(live_emulator: LiveEmulator, org: str) -> None:
    first = push(live_emulator, org, "app", "1.0", content_key="img-a")
    alias = push(live_emulator, org, "app", "latest", content_key="img-a")
    other = push(live_emulator, org, "app", "2.0", content_key="img-b")
    assert first["digest"] == alias["digest"] != other["digest"]
    # Without a size the size still follows the content, so aliases agree.
    assert first["size"] == alias["size"] > 0


def test_repush_moves_tag_and_keeps_creation_time(
    sdk: Any, live_emulator: LiveEmulator, org: str
) -> None:
    before = push(live_emulator, org, "app", "v1", content_key="a", created="2026-01-01T00:00:00Z")
    after = push(live_emulator, org, "app", "v1", content_key="b", created="2026-02-01T00:00:00Z")
    assert after["digest"] != before["digest"]
    assert (after["created"], after["updated"]) == ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
    shown = sdk.show_repo_tag(model.ShowRepoTagRequest(namespace=org, repository="app", tag="v1"))
    assert (shown.digest, shown.updated) == (after["digest"], "2026-02-01T00:00:00Z")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"namespace": "Bad", "repository": "app", "tag": "v1"}, 400, "SVCSTG.SWR.4001028"),
        ({"namespace": "acme", "repository": "-app", "tag": "v1"}, 400, "SVCSTG.SWR.4001029"),
        ({"namespace": "acme", "repository": "app", "tag": ".v1"}, 400, "SVCSTG.SWR.4009021"),
        ({"namespace": "nowhere", "repository": "app", "tag": "v1"}, 404, "SVCSTG.SWR.4040058"),
        ({"namespace": "acme", "repository": "app"}, 400, "SVCSTG.SWR.4001014"),
        ({"namespace": "acme", "repository": "app", "tag": "v1", "size": -1}, 400, None),
        ({"namespace": "acme", "repository": "app", "tag": "v1", "created": "soon"}, 400, None),
    ],
)
def test_push_refusals(
    live_emulator: LiveEmulator, org: str, body: dict[str, Any], status: int, code: str | None
) -> None:
    response = push_raw(live_emulator, **body)
    assert response.status_code == status
    assert response.json()["error_code"] == (code or "SVCSTG.SWR.4001025")
    assert "app" not in live_emulator.app.state.namespaces["acme"].repos
