"""Pilot tests of switching profiles: the demo says why not; a real switch rebuilds everything."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from swrtui.emulator.app import create_app
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext
from swrtui.tui.screens.profiles import NO_SWITCH, ProfileScreen
from tests.tui.conftest import SIZE, make_app, make_context, settle


async def test_demo_profile_switch_lists_profiles_and_says_why_not() -> None:
    app = make_app()
    app.ctx.profiles = lambda: ["demo"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.run_action("switch_profile")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        options = screen.query_one(OptionList)
        assert [str(options.get_option_at_index(0).prompt)] == ["demo  (current)"]
        assert str(screen.query_one("#profile-note", Static).render()) == NO_SWITCH
        await pilot.press("enter")
        await settle(pilot)
        assert app.ctx.profile == "demo" and app.screen is app.screen_stack[0]


async def test_profile_switch_rebuilds_tree_panes_and_command_mode() -> None:
    other = create_app(seed="empty")
    demo = create_app(seed="demo")
    built: list[str] = []

    def connect(name: str) -> AppContext:
        built.append(name)
        staging = name == "staging"
        return make_context(other if staging else demo, name, read_only=staging)

    context = make_context(demo)
    context.connect = connect
    context.profiles = lambda: ["demo", "staging"]
    app = SwrApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.nav.tree_widget.root.children) == 4
        await app.run_action("switch_profile")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert built == ["staging"]
        assert (app.ctx.profile, app.session.profile) == ("staging", "staging")
        assert app.title == "swrtui · staging" and "READ-ONLY" in app.sub_title
        assert len(app.nav.tree_widget.root.children) == 0
        assert "staging" in str(app.nav.tree_widget.root.label)
        assert app.query_one("#tenant-summary").value("organizations") == "0"  # type: ignore[attr-defined]
        assert app.check_action("add", ()) is False  # the new profile is read-only
        await pilot.press("colon")
        app.query_one("#command").value = "use demo"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert built == ["staging", "demo"] and app.ctx.profile == "demo"
        assert len(app.nav.tree_widget.root.children) == 4
