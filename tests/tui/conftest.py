"""TUI fixtures: the app on an in-process emulator whose state the test can read and change."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

from swrtui.cli.bootstrap import DEMO_ENDPOINT
from swrtui.client import AkSkAuth, SwrClient
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext

SIZE = (160, 48)


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the user's config or theme directory."""
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("SWRTUI_CONFIG", str(path))
    return path


def make_context(
    emulator: EmulatorApp, profile: str = "demo", *, read_only: bool = False
) -> AppContext:
    client = SwrClient(
        DEMO_ENDPOINT,
        region=seeds.DEMO_PROJECT_NAME,
        auth=AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID),
        project_id=seeds.DEMO_PROJECT_ID,
        transport=httpx.ASGITransport(emulator),
    )
    return AppContext(client, profile, client.region, client.endpoint, read_only)


def make_app(
    emulator: EmulatorApp | None = None,
    *,
    read_only: bool = False,
    theme: str | None = None,
    journal_dir: Path | None = None,
    names_file: Path | None = None,
) -> SwrApp:
    context = make_context(emulator or create_app(seed="demo"), read_only=read_only)
    context.names_file = names_file
    context.theme = theme
    context.journal_dir = journal_dir or Path(tempfile.mkdtemp(prefix="swrtui-journal-"))
    return SwrApp(context)


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let timers fire, workers finish and the name cache's refreshes land, a few times over
    (loads start more loads)."""
    for _ in range(rounds):
        await pilot.pause(0.15)
        await pilot.app.workers.wait_for_complete()
        await pilot.app.nav.cache.wait_idle()  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.fixture
def emulator() -> EmulatorApp:
    return create_app(seed="demo")


Settle = Callable[[Pilot[None]], Awaitable[None]]
