"""API versions (4.5) through the official SDK over a real socket."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from tests.conftest import LiveEmulator

pytestmark = pytest.mark.socket


def _check_v2(detail: Any, url: str) -> None:
    assert (detail.id, detail.status) == ("v2", "CURRENT")
    assert (detail.min_version, detail.version) == ("2.0", "2.26")
    assert detail.updated == "2020-07-09T00:00:00Z"
    # links is one Link object, not a list.
    assert (detail.links.href, detail.links.rel) == (f"{url}/v2/", "self")


def test_list_versions(sdk: Any, live_emulator: LiveEmulator) -> None:
    versions = sdk.list_api_versions(model.ListApiVersionsRequest()).versions
    assert len(versions) == 1
    _check_v2(versions[0], live_emulator.url)


def test_show_version(sdk: Any, live_emulator: LiveEmulator) -> None:
    shown = sdk.show_api_version(model.ShowApiVersionRequest(api_version="v2"))
    _check_v2(shown.version, live_emulator.url)


@pytest.mark.parametrize("version", ["v9", "v1", "V2"])
def test_unknown_version_is_not_found(sdk: Any, version: str) -> None:
    with pytest.raises(ClientRequestException) as caught:
        sdk.show_api_version(model.ShowApiVersionRequest(api_version=version))
    assert (caught.value.status_code, caught.value.error_code) == (404, "SVCSTG.SWR.4040083")


def test_version_list_needs_no_credentials(live_emulator: LiveEmulator) -> None:
    response = httpx.get(f"{live_emulator.url}/")
    assert response.status_code == 200
    assert isinstance(response.json()["versions"][0]["links"], dict)


def test_one_version_needs_credentials(live_emulator: LiveEmulator) -> None:
    response = httpx.get(f"{live_emulator.url}/v2")
    assert response.status_code == 401
    assert response.json()["error_code"] == "SVCSTG.S2I.4019000"
