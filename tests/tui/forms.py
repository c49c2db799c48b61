"""Driving the TUI's forms and tabs in pilot tests: open a repository's tab, fill the
open form, save and confirm, read a widget's text."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.form import FormScreen
from tests.tui.conftest import settle


async def open_tab(pilot: Pilot[None], org: str, repo: str, tab: str) -> SwrApp:
    app: SwrApp = pilot.app  # type: ignore[assignment]
    await settle(pilot)
    await app.go_to(nodes.repository(org, repo))
    await settle(pilot)
    await app.run_action(f"show_tab('{tab}')")
    await settle(pilot)
    return app


def form(app: SwrApp) -> FormScreen[object]:
    assert isinstance(app.screen, FormScreen), app.screen
    return app.screen


def fill(app: SwrApp, **values: str | bool) -> None:
    screen = form(app)
    for field_id, value in values.items():
        widget = screen.query_one(f"#{field_id}")
        widget.value = value  # type: ignore[attr-defined]


async def save_and_confirm(pilot: Pilot[None], app: SwrApp) -> str:
    """Save the open form, answer yes to the confirmation; the question asked."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen), app.screen
    question = app.screen.question
    await pilot.press("y")
    await settle(pilot)
    return question


def text(app: SwrApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())
