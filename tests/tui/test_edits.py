"""Pilot tests of the organization and tenant edits, read-only mode over the item keys, the
work screens' keys, the palette's themes, the monthly charts and switching profiles."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static

from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext
from swrtui.tui.palette import ActionsProvider
from swrtui.tui.screens.cleanup import CleanupScreen
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.login import LoginScreen
from swrtui.tui.screens.profiles import NO_SWITCH, ProfileScreen
from swrtui.tui.verbs import ITEM_VERBS
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, make_context, settle
from tests.tui.test_sections import fill, form, text


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


async def test_read_only_refuses_the_item_keys(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator, read_only=True).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await app.run_action("show_tab('repo-triggers')")
        await settle(pilot)
        for verb in set(ITEM_VERBS) - {"preview"}:
            assert app.check_action(verb, ()) is False, verb
        await pilot.press("n", "x", "delete", "s", "t")
        await settle(pilot)
        assert app.screen is app.screen_stack[0]
        titles = [title for title, *_ in ActionsProvider(app.screen)._commands()]
        assert not [t for t in titles if t.startswith("triggers:")]
    assert not repo.triggers


async def test_work_screens_turn_the_app_keys_off() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CleanupScreen)
        for action in ("login", "cleanup", "delete", "refresh", "command_mode", "add"):
            assert app.check_action(action, ()) is False, action
        app.screen.query_one("#plan").focus()
        await pilot.press("L", "c")
        assert isinstance(app.screen, CleanupScreen) and len(app.screen_stack) == 2
        assert app.screen.check_action("execute", ()) is None  # nothing planned yet
        app.screen.query_one("#older-than").focus()
        await pilot.press("ctrl+r")  # plans from inside the rule inputs too
        await settle(pilot)
        assert app.screen.plan is not None
        assert str(app.screen.query_one("#plan-summary", Static).render()).endswith("freed at most")
        await pilot.press("escape", "L")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        # Only the main screen's q quits: here q goes back.
        assert app.check_action("cleanup", ()) is False and app.check_action("quit", ()) is False
        for action in ("focus_next", "command_palette"):
            assert app.check_action(action, ()) is True, action


async def test_palette_ranks_our_themes_by_style() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        provider = ActionsProvider(app.screen)
        for query, best in (("theme: light", "swr-light"), ("theme: dark", "swr-dark")):
            hits = sorted([hit async for hit in provider.search(query)], reverse=True)
            assert hits[0].text == f"theme: {best.removeprefix('swr-')} ({best})", query
            hits[0].command()
            assert app.theme == best


async def test_monthly_charts_show_every_month() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        chart = str(app.query_one("#tenant-store-monthly", Static).render()).splitlines()
        points = await app.ctx.client.reports.resource_report("store", "monthly")
        assert len(chart) == len(points)
        biggest = max(range(len(points)), key=lambda i: points[i].value)
        assert chart[biggest].count("█") == 40
        assert chart[biggest].endswith(f"{points[biggest].value:,.1f} MB")


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
