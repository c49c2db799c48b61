"""The palette and the tree filter agree; failed loads stay on screen; the tree's width."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Sparkline, Static, TabbedContent

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.palette import ActionsProvider, GoToProvider
from swrtui.tui.widgets.info import KeyValues
from tests.tui.conftest import SIZE, make_app, settle

WRONG_SK = {
    "action": "status",
    "status": 401,
    "error_code": "APIGW.0301",
    "error_msg": "Incorrect IAM authentication information",
}


async def test_go_to_clears_a_filter_that_hides_the_target() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.nav.query_one("#tree-filter", Input).value = "api"
        await settle(pilot)
        hits = [hit async for hit in GoToProvider(app.screen).search("ngx")]
        hit = next(h for h in hits if h.text == "repository: demo/nginx")
        hit.command()
        await settle(pilot)
        assert app.current == nodes.repository("demo", "nginx")
        cursor = app.nav.tree_widget.cursor_node
        assert cursor is not None and cursor.data == nodes.repository("demo", "nginx")
        assert app.nav.filter_text == ""


async def test_expanded_state_survives_filtering() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.nav.tree_widget
        orgs = {n.data: n for n in tree.root.children}
        expanded = {data for data, node in orgs.items() if node.is_expanded}
        collapsed = next(data for data, node in orgs.items() if not node.is_expanded)
        orgs[collapsed].expand()
        await pilot.pause()
        box = app.nav.query_one("#tree-filter", Input)
        box.value = "api"
        await settle(pilot)
        app.nav.action_close_filter()
        await settle(pilot)
        after = {n.data for n in tree.root.children if n.is_expanded}
        assert after == expanded | {collapsed}


async def test_palette_finds_tags_of_matching_repositories(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        texts = [hit.text async for hit in GoToProvider(app.screen).search("nginx")]
        tags = sorted(emulator.state.namespaces["demo"].repos["nginx"].tags)
        assert "repository: demo/nginx" in texts
        assert {f"tag: demo/nginx:{tag}" for tag in tags} <= set(texts)


async def test_system_commands_have_their_own_group() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "system: Keys" in titles and "system: Screenshot" in titles
        assert all(title.startswith("system: ") for title in titles)


async def test_a_wrong_key_leaves_error_panels_naming_the_url(emulator: EmulatorApp) -> None:
    emulator.faults.add(WRONG_SK)
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.pane("tenant")
        assert pane.failed
        text = str(pane.query_one(".load-error", Static).render())
        assert "APIGW.0301: Incorrect IAM authentication information" in text
        assert "r: retry" in text and app.ctx.endpoint in text
        assert not pane.query_one(TabbedContent).display  # the panel in place of the data
        assert not pane.query_one(Sparkline).display  # no flat line for "unknown"
        tree_panel = str(app.nav.query_one("#tree-missing", Static).render())
        assert app.nav.query_one("#tree-missing").display and "APIGW.0301" in tree_panel

        emulator.faults.clear()
        await pilot.press("r")
        await settle(pilot)
        assert not pane.failed
        assert pane.query_one(TabbedContent).display
        assert pane.query_one(Sparkline).display


async def test_tree_fits_full_names_and_remembers_its_width(tmp_path: Path) -> None:
    app = make_app()
    app.ctx.layout_file = tmp_path / "layout.json"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("platform", "billing/invoice-worker"))
        await settle(pilot)
        width = app.nav.size.width
        label = app.nav.tree_widget.cursor_node.label.plain  # type: ignore[union-attr]
        assert label.startswith("billing/invoice-worker (") and label.endswith(" tags)")
        assert width >= len(label) + 8  # two levels of guides, and the border
        await pilot.press("greater_than_sign", "greater_than_sign", "less_than_sign")
        await pilot.pause()
        assert app.nav.size.width == width + 4
    again: SwrApp = make_app()
    again.ctx.layout_file = tmp_path / "layout.json"
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.nav.size.width == width + 4


async def test_details_show_relative_times_with_the_absolute_time_and_zone() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        updated = app.query_one("#repo-details", KeyValues).value("updated")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC \((\d+ \w+ ago|just now)\)", updated)


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
