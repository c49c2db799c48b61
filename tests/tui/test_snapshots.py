"""Snapshots (pytest-textual-snapshot) of the main screen, a repository pane, a cleanup plan
and the login screen, in two themes. Deterministic: fixed size, demo seed, frozen clock,
fixed login credentials (the emulator's are random and expire from the real time)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from swrtui.redaction import Secret
from swrtui.services.login import TEMPORARY, DockerCredentials
from swrtui.tui import nodes
from swrtui.tui.screens.login import LoginScreen
from tests.conftest import ANCHOR
from tests.tui.conftest import SIZE, make_app, settle

THEMES = ("swr-dark", "swr-light")
# The layouts must degrade gracefully: wide, the classic terminal, and a small split.
SIZES = ((160, 45), (80, 24), (60, 15))


async def _open_repo(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.app.go_to(nodes.repository("demo", "alpine"))  # type: ignore[attr-defined]
    await settle(pilot)


@pytest.mark.parametrize("theme", THEMES)
def test_main_screen(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(theme=theme), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("theme", THEMES)
def test_repository_pane(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    async def select_some(pilot: Pilot[None]) -> None:
        await _open_repo(pilot)
        pilot.app.repo_pane.tags_table.grid.focus()  # type: ignore[attr-defined]
        await pilot.press("space", "space")

    assert snap_compare(make_app(theme=theme), terminal_size=SIZE, run_before=select_some)


@pytest.mark.parametrize("theme", THEMES)
def test_cleanup_plan(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    async def plan(pilot: Pilot[None]) -> None:
        await _open_repo(pilot)
        await pilot.press("c")
        await pilot.click("#plan")
        await settle(pilot)

    assert snap_compare(make_app(theme=theme), terminal_size=SIZE, run_before=plan)


async def _show_login(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("L")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LoginScreen)
    fixed = DockerCredentials(
        "cn-north-4@TEMPORARYAKEXAMPLE",
        Secret("not-a-real-password"),
        "swr.cn-north-4.myhuaweicloud.com",
        ANCHOR + timedelta(hours=6),
        TEMPORARY,
    )
    screen.show_credentials(fixed, "Temporary login (about six hours)")
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
def test_login_screen(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(theme=theme), terminal_size=SIZE, run_before=_show_login)


def test_login_screen_narrow(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """At 60x15 the docker login line still shows its host (the part docker needs)."""
    assert snap_compare(make_app(theme="swr-dark"), terminal_size=(60, 15), run_before=_show_login)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen_sizes(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(theme="swr-dark"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_repository_pane_sizes(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(theme="swr-dark"), terminal_size=size, run_before=_open_repo)
