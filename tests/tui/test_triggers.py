"""Pilot tests of the triggers tab. Every change is checked in the emulator's state."""

from __future__ import annotations

from textual.widgets import DataTable

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, open_tab


async def test_trigger_create_disable_delete(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-triggers")
        await pilot.press("n")
        fill(
            app,
            name="roll-web",
            trigger_type="regular",
            condition="^3\\.",
            cluster_id="4f3c2b1a-0e9d-11ee-8c5b-0255ac100b05",
            cluster_name="prod",
            cluster_ns="web",
            application="frontend",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        trigger = repo.triggers["roll-web"]
        assert (trigger.condition, trigger.cluster_name) == ("^3\\.", "prod")
        assert trigger.enable == "true"
        rows = table_text(app.query_one("#triggers-table", DataTable))
        assert rows[0][:4] == ["roll-web", "yes", "regular", "^3\\."]
        app.query_one("#triggers-table", DataTable).focus()
        await pilot.press("t")
        await settle(pilot)
        assert repo.triggers["roll-web"].enable == "false"
        assert table_text(app.query_one("#triggers-table", DataTable))[0][1] == "no"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen) and "roll-web" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert "roll-web" not in repo.triggers
        assert app.current == nodes.repository("demo", "alpine")  # the repository stays
