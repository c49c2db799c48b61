"""Pilot tests of organization create and delete."""

from __future__ import annotations

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.screens.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, text


async def test_create_and_delete_an_organization(emulator: EmulatorApp) -> None:
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await pilot.press("n")
        fill(app, name="Bad Name")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Bad Name" in text(app, "#form-error")
        fill(app, name="new-team")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "new-team" in emulator.state.namespaces
        assert "new-team" in [str(n.label).split()[0] for n in app.nav.tree_widget.root.children]
        await app.go_to(nodes.organization("new-team"))
        await settle(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen) and "new-team" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert "new-team" not in emulator.state.namespaces
        assert app.current == nodes.TENANT
