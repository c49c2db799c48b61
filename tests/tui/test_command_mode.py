"""Command mode: the REPL's language inside the TUI, with completion, history, confirm."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.widgets.command_bar import CommandBar
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle


async def test_command_runs_in_the_selected_repository(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        await pilot.press("colon")
        bar = app.query_one(CommandBar)
        assert bar.display and app.focused is bar.input
        await pilot.press(*"tags li", "tab")
        assert bar.input.value.startswith("tags list")
        bar.input.value = "tags list --sort name --limit 3"
        await pilot.press("enter")
        await settle(pilot)
        rows = table_text(app.query_one("#command-table", DataTable))
        names = sorted(emulator.state.namespaces["demo"].repos["alpine"].tags)[:3]
        assert [row[0] for row in rows] == names
        await pilot.press("up")
        assert bar.input.value == "tags list --sort name --limit 3"


async def test_destructive_command_confirms_and_refreshes(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    tags = emulator.state.namespaces["demo"].repos["alpine"].tags
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        app.query_one("#command", Input).value = "tags delete demo/alpine:1.22"
        await pilot.press("enter")
        await pilot.pause(0.3)  # the command's worker now waits for the answer
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert "1.22" not in tags
        out = str(app.query_one("#command-text", Static).render())
        assert "1.22" in out


async def test_command_errors_show_code_and_message() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        app.query_one("#command", Input).value = "tags list demo/does-not-exist"
        await pilot.press("enter")
        await settle(pilot)
        out = str(app.query_one("#command-text", Static).render())
        assert out.startswith("SVCSTG.SWR.") and "Traceback" not in out
