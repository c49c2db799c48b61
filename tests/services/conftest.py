"""Service fixtures: an in-process emulator with a lab repository of tags at chosen ages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from swrtui import clock
from swrtui.client import AkSkAuth, SwrClient
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.backend import images
from swrtui.emulator.state import seeds
from swrtui.emulator.state.store import Repository, add_repository, utcnow
from tests.isolation import isolate_user_dirs, restoring_globals

ENDPOINT = "https://swr-api.cn-north-4.myhuaweicloud.com"
LAB = ("demo", "cleanup-lab")
SIZE = 1000

# name → (age in days, content key): tags with one content key are one image (one digest).
LAB_TAGS: dict[str, tuple[float, str]] = {
    "latest": (1, "build-12"),
    "build-12": (1, "build-12"),
    "build-11": (10, "build-11"),
    "build-10": (20, "build-10"),
    "hotfix-1": (30, "hotfix-1"),
    "hotfix-2": (40, "hotfix-2"),
    "hotfix-3": (50, "hotfix-3"),
    "build-9": (95, "build-9"),
    "build-8": (100, "build-8"),
    "build-7": (120, "build-7"),
    "release-2.0": (150, "release-2.0"),
    "build-6": (130, "build-6"),
    "build-5": (140, "build-5"),
    "build-4": (200, "build-4"),
    "build-3": (250, "build-3"),
    "old-alias": (260, "build-12"),
    "release-1.0": (300, "release-1.0"),
}

# What cleaning the lab with "keep the last 5, delete older than 90 days, keep latest and
# release-*" deletes, in plan order.
LAB_DOOMED = (
    "old-alias",
    "build-3",
    "build-4",
    "build-5",
    "build-6",
    "build-7",
    "build-8",
    "build-9",
)


def lab_size(content_key: str) -> int:
    """A distinct size per image so byte totals say which images were counted."""
    return SIZE * (1 + sorted({key for _, key in LAB_TAGS.values()}).index(content_key))


def push_lab(app: EmulatorApp, now: datetime, where: tuple[str, str] = LAB) -> Repository:
    """Create ``where`` in the app's state with the :data:`LAB_TAGS` pushed at their ages."""
    state = app.state
    ns = state.namespaces[where[0]]
    repo = add_repository(state, ns, where[1], now - timedelta(days=400))
    for name, (age, key) in LAB_TAGS.items():
        when = (now - timedelta(days=age)).replace(microsecond=0)
        images.push(state, ns, repo, name, content_key=key, size=lab_size(key), when=when)
    return repo


def make_client(app: object, **options: object) -> SwrClient:
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    options.setdefault("backoff", 0.001)
    return SwrClient(ENDPOINT, auth=auth, transport=httpx.ASGITransport(app), **options)  # type: ignore[arg-type]


@dataclass
class Lab:
    app: EmulatorApp
    now: datetime

    def tag_names(self, where: tuple[str, str] = LAB) -> set[str]:
        return set(self.app.state.namespaces[where[0]].repos[where[1]].tags)


@pytest.fixture
def lab() -> Lab:
    app = create_app(seed="demo")
    now = utcnow()
    push_lab(app, now)
    return Lab(app, now)


@pytest.fixture
async def swr(lab: Lab) -> AsyncIterator[SwrClient]:
    async with make_client(lab.app) as client:
        yield client


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    return tmp_path / "state" / "journals"


def now_utc() -> datetime:
    return clock.now()


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Config, state and docker dirs under tmp_path; the demo admin's keys in the environment."""
    root = tmp_path / "home"
    isolate_user_dirs(root, monkeypatch)
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", seeds.DEMO_ADMIN_AK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", seeds.DEMO_ADMIN_SK)
    monkeypatch.setenv("DOCKER_CONFIG", str(root / "docker"))
    with restoring_globals():
        yield root
