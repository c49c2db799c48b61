"""Keys that do what the help says: arrows in the tree, Enter on rows, Tab order, q and esc
on modal screens, footer keys that work where shown, help drawn from the bindings."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static, Tabs

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes, tabs, verbs
from swrtui.tui.palette import ActionsProvider
from swrtui.tui.panes.base import ChangeRequested
from swrtui.tui.screens.cleanup import CleanupScreen
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.form import FormScreen
from swrtui.tui.screens.help import HELP, HelpScreen
from swrtui.tui.screens.login import LoginScreen
from swrtui.tui.verbs import ITEM_VERBS
from swrtui.tui.widgets.name_tree import NameTree
from tests.tui.conftest import SIZE, make_app, settle


async def test_right_expands_and_left_collapses_tree_nodes() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.nav.tree_widget
        demo = next(n for n in tree.root.children if n.data == nodes.organization("demo"))
        tree.move_cursor(demo, animate=False)
        demo.collapse()
        await pilot.pause()
        await pilot.press("right")
        assert demo.is_expanded and tree.scroll_x == 0
        await pilot.press("right")  # into the expanded node: its first repository
        assert tree.cursor_node is demo.children[0]
        await pilot.press("left")  # out to the parent
        assert tree.cursor_node is demo
        await pilot.press("left")
        assert not demo.is_expanded


async def test_enter_on_a_tag_row_opens_the_tag() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        table = app.repo_pane.tags_table
        table.grid.focus()
        tag = table.current_tag()
        assert tag is not None
        await pilot.press("enter")
        await settle(pilot)
        assert app.current == nodes.tag("demo", "alpine", tag.name)


async def test_enter_on_a_role_row_opens_its_editor() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.organization("demo"))
        await settle(pilot)
        app.action_show_tab(tabs.ORG_PERMISSIONS)
        await settle(pilot)
        section = app.query_one("#org-permissions-section")
        table = section.query_one(DataTable)
        assert table.row_count > 0
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_tab_runs_tree_then_table_then_tabs() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        app.nav.tree_widget.focus()
        await pilot.press("tab")
        assert app.focused is app.repo_pane.tags_table.grid
        await pilot.press("tab")
        assert isinstance(app.focused, Tabs)
        await pilot.press("shift+tab")
        assert app.focused is app.repo_pane.tags_table.grid


async def test_q_and_escape_go_back_on_modal_screens_and_q_quits_only_the_main_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("q", "escape"):
            await pilot.press("L")
            await settle(pilot)
            assert isinstance(app.screen, LoginScreen)
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is app.screen_stack[0] and app.is_running
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert app.screen is app.screen_stack[0] and app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_asks_while_a_change_runs() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release = asyncio.Event()

        async def change() -> None:
            await release.wait()

        app._change(ChangeRequested("Done", change))  # a change that runs until released
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 change still running" in app.screen.question
        await pilot.press("n")
        assert app.is_running and app.screen is app.screen_stack[0]
        release.set()
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_footer_keys_work_where_shown() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for node in (nodes.TENANT, nodes.organization("demo")):
            app.show(node)
            await settle(pilot)
            shown = {key for key, active in app.active_bindings.items() if active.enabled}
            assert "c" not in shown and "y" not in shown, node
            assert app.check_action("cleanup", ()) is False
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        shown = {key for key, active in app.active_bindings.items() if active.enabled}
        assert "c" in shown


def test_help_is_drawn_from_the_bindings_and_no_row_wraps() -> None:
    for binding in NameTree.BINDINGS:
        assert f"| {verbs.key_text(binding.key)} | {binding.tooltip} |" in HELP  # type: ignore[union-attr]
    assert "| `→` | expand the node |" in HELP
    rows = [line for line in HELP.splitlines() if line.startswith("| `")]
    texts = {row: row.split(" | ", 1)[1].removesuffix(" |") for row in rows}
    too_wide = [row for row, text in texts.items() if len(text) > verbs.HELP_WIDTH]
    assert rows and not too_wide
    assert any(row.startswith("| `delete` |") for row in rows)


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
        await pilot.press("ctrl+g")  # nothing planned yet: says so
        await pilot.pause()
        assert isinstance(app.screen, CleanupScreen)
        assert app._notifications and list(app._notifications)[-1].message == (
            "No plan: plan first (ctrl+r)."
        )
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
