"""Pilot tests of the shared accounts tab. Every change is checked in the emulator's state."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from swrtui.emulator.app import EmulatorApp
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, form, open_tab


async def test_shared_account_add_edit_remove(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-shares")
        await pilot.press("n")
        await pilot.press(*"partner-account", "tab", "tab")  # tab moves between the fields
        assert form(app).query_one("#account", Input).value == "partner-account"
        assert app.focused is form(app).query_one("#description", Input)
        fill(app, deadline="2030-01-02", description="for CI")
        await pilot.press("ctrl+s")
        await settle(pilot)
        share = repo.access_domains["partner-account"]
        assert (share.deadline[:10], share.description) == ("2030-01-02", "for CI")
        await pilot.press("e")
        fill(app, deadline="forever", description="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.access_domains["partner-account"].deadline == "forever"
        assert table_text(app.query_one("#shares-table", DataTable))[0][2] == "forever"
        await pilot.press("x", "y")
        await settle(pilot)
        assert "partner-account" not in repo.access_domains
