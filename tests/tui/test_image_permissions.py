"""Pilot tests of the image permissions tab. Every change is checked in the emulator's state."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from swrtui.emulator.app import EmulatorApp
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, form, open_tab


async def test_image_permission_from_the_known_users(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-permissions")
        await pilot.press("n")
        await settle(pilot)
        picker = form(app).query_one("#known", Select)
        picker.value = "u-ops-0003"
        await pilot.pause()
        assert form(app).query_one("#user_name", Input).value == "ops-bob"
        fill(app, auth="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.permissions["u-ops-0003"].auth == 3
        rows = table_text(app.query_one("#image-permissions", DataTable))
        assert ["ops-bob", "u-ops-0003", "edit"] in rows
