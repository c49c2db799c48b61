"""Where keys go after the palette and the filters: never into a hidden box, and no filter
of one repository hides the tags of another."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.palette import GoToProvider
from tests.tui.conftest import SIZE, make_app, settle


async def palette_go(pilot: Pilot[None], query: str) -> None:
    """ctrl+p, type ``query``, enter on the best hit (as a user does)."""
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def filter_box(app: SwrApp) -> Input:
    return app.repo_pane.tags_table.query_one("#tag-filter", Input)


async def test_after_a_palette_go_to_keys_do_not_go_into_a_hidden_filter() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette_go(pilot, "demo/nginx")
        assert app.current == nodes.repository("demo", "nginx")
        await pilot.press("tab", "slash", "2", "enter")
        await palette_go(pilot, "redis:3.4.1")
        assert app.current.kind == "tag" and app.current.repo == "redis"
        focused = app.focused
        assert focused is app.nav.tree_widget, focused
        assert focused.is_on_screen and focused.display
        await pilot.press("x", "y")
        assert filter_box(app).value == "2"


async def test_opening_another_repository_clears_the_tags_filter() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        table = app.repo_pane.tags_table
        await pilot.press("tab", "slash", *"3.1")
        await pilot.pause()
        assert table.model.filter_text == "3.1"
        await pilot.press("escape")
        await palette_go(pilot, "demo/alpine")
        assert app.current == nodes.repository("demo", "alpine")
        assert table.model.filter_text == "" and filter_box(app).value == ""
        assert len(table.model.view()) == len(table.model.tags) > 0
        assert "filter" not in str(table.query_one("#tags-status").render())


async def test_escape_in_the_tags_filter_clears_and_hides_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        table = app.repo_pane.tags_table
        await pilot.press("tab", "slash", *"3.1")
        await pilot.pause()
        shown = len(table.model.view())
        assert 0 < shown < len(table.model.tags)
        await pilot.press("escape")
        await pilot.pause()
        assert not filter_box(app).display and filter_box(app).value == ""
        assert table.model.filter_text == "" and len(table.model.view()) == len(table.model.tags)
        assert app.focused is table.grid


async def test_palette_finds_a_tag_of_a_repository_not_yet_opened() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.nav.loaded_tags("demo", "nginx") is None
        hits = [hit.text async for hit in GoToProvider(app.screen).search("demo/nginx:latest")]
        assert hits and hits[0] == "tag: demo/nginx:latest", hits
        await palette_go(pilot, "demo/nginx:latest")
        assert app.current == nodes.tag("demo", "nginx", "latest")


async def test_a_tag_deleted_elsewhere_falls_back_to_its_repository() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "alpine", "1.22"))
        await settle(pilot)
        await app.ctx.client.tags.delete("demo", "alpine", "1.22")
        await pilot.press("r")
        await settle(pilot)
        repo = nodes.repository("demo", "alpine")
        assert app.current == repo
        cursor = app.nav.tree_widget.cursor_node
        assert cursor is not None and cursor.data == repo
        gone = [n.message for n in app._notifications if n.title == "Tag gone"]
        assert len(gone) == 1 and gone[0].startswith("demo/alpine:1.22 no longer exists (")
        assert "SVCSTG.SWR.4040048" in gone[0], gone
        assert not app.check_action("copy", ("external",))
        assert "1.22" not in [t.name for t in app.repo_pane.tags_table.model.tags]


async def test_tab_from_the_tree_on_a_tag_lands_on_a_visibly_focused_widget() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "nginx", "latest"))
        await settle(pilot)
        scroll = app.query_one("#tag-scroll")
        unfocused = scroll.styles.background_tint
        app.nav.tree_widget.focus()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is scroll and scroll.is_on_screen
        assert scroll.styles.background_tint != unfocused and scroll.styles.background_tint.a > 0
