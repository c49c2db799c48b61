"""A landed tag (push or retag) fires matching triggers and runs automatic syncs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from huaweicloudsdkswr.v2 import model

from tests.conftest import LiveEmulator
from tests.emulator.helpers import add_repo, trigger_body

pytestmark = pytest.mark.socket


@pytest.fixture
def repo(live_emulator: LiveEmulator) -> Any:
    return add_repo(live_emulator.app.state, "demo", "web/api", tags=("v1",))


def _history(sdk: Any, name: str) -> list[str]:
    shown = sdk.show_trigger(
        model.ShowTriggerRequest(namespace="demo", repository="web$api", trigger=name)
    )
    return [entry.tag for entry in shown.trigger_history or []]


def test_push_and_retag_fire_matching_triggers(
    sdk: Any, repo: Any, live_emulator: LiveEmulator
) -> None:
    sdk.create_trigger(
        model.CreateTriggerRequest(
            namespace="demo",
            repository="web$api",
            body=trigger_body(name="only-release", trigger_type="regular", condition="release-.*"),
        )
    )
    pushed = httpx.post(
        f"{live_emulator.url}/_emulator/push",
        json={"namespace": "demo", "repository": "web/api", "tag": "release-1"},
    )
    assert pushed.status_code == 201
    httpx.post(
        f"{live_emulator.url}/_emulator/push",
        json={"namespace": "demo", "repository": "web/api", "tag": "dev-1"},
    )
    sdk.create_repo_tag(
        model.CreateRepoTagRequest(
            namespace="demo",
            repository="web$api",
            body=model.CreateRepoTagRequestBody(source_tag="v1", destination_tag="release-2"),
        )
    )
    assert sorted(_history(sdk, "only-release")) == ["release-1", "release-2"]


def test_push_runs_automatic_sync(sdk: Any, repo: Any, live_emulator: LiveEmulator) -> None:
    sdk.create_image_sync_repo(
        model.CreateImageSyncRepoRequest(
            namespace="demo",
            repository="web$api",
            body=model.CreateImageSyncRepoRequestBody(
                remote_region_id="ap-southeast-1", remote_namespace="demo", sync_auto=True
            ),
        )
    )
    httpx.post(
        f"{live_emulator.url}/_emulator/push",
        json={"namespace": "demo", "repository": "web/api", "tag": "v2"},
    )
    jobs = sdk.show_sync_job(
        model.ShowSyncJobRequest(
            namespace="demo", repository="web$api", filter="limit::10|offset::0"
        )
    )
    assert [(job.tag, job.remote_region_id) for job in jobs.body] == [("v2", "ap-southeast-1")]
