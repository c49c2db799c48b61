"""client.api_versions against the in-process emulator."""

from __future__ import annotations

import pytest

from swrtui.client import NotFoundError, SwrClient
from swrtui.client.models.api_versions import ApiVersion


async def test_list_versions(swr: SwrClient) -> None:
    versions = await swr.api_versions.list()
    by_id = {v.id: v for v in versions}
    assert "v2" in by_id
    v2 = by_id["v2"]
    assert v2.status == "CURRENT" and v2.rel == "self" and v2.href.endswith("/v2/")
    assert v2.updated is not None and v2.min_version


async def test_get_version(swr: SwrClient) -> None:
    v2 = await swr.api_versions.get("v2")
    assert (v2.id, v2.status) == ("v2", "CURRENT")
    with pytest.raises(NotFoundError) as caught:
        await swr.api_versions.get("v9")
    assert caught.value.status == 404


def test_links_as_object_or_list() -> None:
    link = {"href": "https://x/v2/", "rel": "self"}
    as_object = ApiVersion.from_api({"id": "v2", "links": link})
    as_list = ApiVersion.from_api({"id": "v2", "links": [link], "updated": None})
    assert as_object.href == as_list.href == "https://x/v2/"
    assert as_list.updated is None
