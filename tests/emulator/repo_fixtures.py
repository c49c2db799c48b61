"""Test helpers shared by the permission, sync and trigger conformance tests.

Repositories are placed straight into the live emulator's state (tags through
``images.push``), so these tests do not depend on the repository API's own handlers; the
SDK clients for the demo tenant's non-admin users and for the partner tenant come from here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from swrtui.emulator import images, seeds
from swrtui.emulator.store import EmulatorState, Repository
from tests.conftest import make_sdk_client

WHEN = datetime(2026, 2, 1, tzinfo=timezone.utc)

ALICE_ID = "u-dev-0002"
BOB_ID = "u-ops-0003"
ADMIN_ID = "u-admin-0001"

_KEYS = {
    "alice": (
        "DEMOSWRTUIALICE00002",
        "alice0secret0key0for0the0swrtui0emulat",
        seeds.DEMO_PROJECT_ID,
    ),
    "bob": (
        "DEMOSWRTUIBOB0000003",
        "bob00secret0key0for0the0swrtui0emulato",
        seeds.DEMO_PROJECT_ID,
    ),
    "partner": (
        "PARTNERSWRTUIADMIN01",
        "partner0secret0key0for0swrtui0emulator0",
        seeds.PARTNER_PROJECT_ID,
    ),
}


def client_as(url: str, who: str) -> Any:
    """The official SDK client for ``alice``, ``bob`` (demo tenant) or ``partner``."""
    ak, sk, project = _KEYS[who]
    return make_sdk_client(url, ak=ak, sk=sk, project_id=project)


def add_repo(
    state: EmulatorState,
    namespace: str,
    name: str,
    tags: tuple[str, ...] = (),
    creator_id: str = ADMIN_ID,
) -> Repository:
    """A repository in an existing organization, with one synthetic image per tag."""
    ns = state.namespaces[namespace]
    assert name not in ns.repos, f"{namespace}/{name} is already in the seed"
    creator = state.domains[ns.domain_id].users[creator_id]
    repo = Repository(
        id=state.next_id(),
        ns_id=ns.id,
        name=name,
        category="other",
        description="",
        is_public=False,
        creator_id=creator.id,
        creator_name=creator.name,
        created=WHEN,
        updated=WHEN,
    )
    ns.repos[name] = repo
    for tag in tags:
        images.push(state, ns, repo, tag, content_key=f"{name}:{tag}", size=4096, when=WHEN)
    return repo


def refused(call: Any, status: int, code: str) -> None:
    """``call`` fails through the SDK with this HTTP status and service error code."""
    with pytest.raises(ClientRequestException) as caught:
        call()
    assert (caught.value.status_code, caught.value.error_code) == (status, code)
