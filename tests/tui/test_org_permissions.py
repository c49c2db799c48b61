"""Pilot tests of the organization's permissions: grant, change, revoke."""

from __future__ import annotations

from textual.widgets import DataTable

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, form, text


async def test_org_permissions_grant_change_revoke(emulator: EmulatorApp) -> None:
    org = emulator.state.namespaces["demo"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.organization("demo"))
        await app.run_action("show_tab('org-permissions-tab')")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        fill(app, known="u-dev-0002", auth="3")  # a choice of the loaded pick list
        await pilot.pause()
        assert form(app).query_one("#user_name").value == "dev-alice"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert org.permissions["u-dev-0002"].auth == 3
        table = app.query_one("#org-permissions", DataTable)
        row = [r[1] for r in table_text(table)].index("u-dev-0002")
        table.move_cursor(row=row)
        await pilot.press("e")
        fill(app, auth="7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert org.permissions["u-dev-0002"].auth == 7
        assert ["dev-alice", "u-dev-0002", "manage"] in table_text(table)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert "u-dev-0002" not in org.permissions


async def test_grant_form_needs_name_and_id(emulator: EmulatorApp) -> None:
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.organization("demo"))
        await app.run_action("show_tab('org-permissions-tab')")
        await settle(pilot)
        await pilot.press("n")
        fill(app, user_name="someone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "give the user's name and ID" in text(app, "#form-error")
