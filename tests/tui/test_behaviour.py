"""Read-only mode, confirmations, errors as notifications, themes, palette, edit form."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static, Switch

from swrtui.config.profiles import Config, Profile, load_config, save_config
from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.palette import ActionsProvider, GoToProvider
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.edit_repository import EditRepositoryScreen
from swrtui.tui.theme_files import load_themes
from swrtui.tui.widgets.info import KeyValues
from tests.tui.conftest import SIZE, make_app, settle


async def test_read_only_refuses_every_change(emulator: EmulatorApp) -> None:
    app = make_app(emulator, read_only=True)
    before = set(emulator.state.namespaces["demo"].repos["alpine"].tags)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in app.sub_title
        await app.go_to(nodes.tag("demo", "alpine", "latest"))
        await settle(pilot)
        await pilot.press("delete", "c", "e")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.screen is app.screen_stack[0]
        for action in ("delete", "cleanup", "edit", "add", "remove"):
            assert await app.run_action(action) is False
        titles = [title async for title, *_ in _palette_titles(app)]
        assert "tags: Clean up…" not in titles and "tag: Delete…" not in titles
    assert set(emulator.state.namespaces["demo"].repos["alpine"].tags) == before


async def _palette_titles(app):  # type: ignore[no-untyped-def]
    provider = ActionsProvider(app.screen)
    for title, help_text, callback in provider._commands():
        yield title, help_text, callback


async def test_delete_tag_confirms_then_deletes(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    tags = emulator.state.namespaces["demo"].repos["alpine"].tags
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "alpine", "1.22"))
        await settle(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert "1.22" in tags
        await pilot.press("delete", "y")
        await settle(pilot)
        assert "1.22" not in tags
        assert app.current == nodes.repository("demo", "alpine")
        assert "Deleted 1 of 1 tag (demo/alpine:1.22)" in [n.message for n in app._notifications]


async def test_failed_tag_delete_is_reported_exactly(emulator: EmulatorApp) -> None:
    emulator.faults.add(
        {"action": "status", "method": "DELETE", "status": 403, "path": "/1.22$",
         "error_code": "SVCSTG.SWR.4030001", "error_msg": "no rights"}
    )  # fmt: skip
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "alpine", "1.22"))
        await settle(pilot)
        await pilot.press("delete", "y")
        await settle(pilot)
        failed = [n for n in app._notifications if n.message.startswith("Deleted ")]
    assert [n.message for n in failed] == [
        "Deleted 0 of 1 tag; 1 failed: demo/alpine:1.22 SVCSTG.SWR.4030001: no rights"
    ]
    assert failed[0].severity == "error"
    assert "1.22" in emulator.state.namespaces["demo"].repos["alpine"].tags


async def test_api_error_stays_as_a_panel_with_code(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show(nodes.repository("demo", "no-such-repo"))
        await settle(pilot)
        pane = app.repo_pane
        text = str(pane.query_one(".load-error", Static).render())
        assert pane.failed and "SVCSTG.SWR." in text and "r: retry" in text, text
        assert "Traceback" not in text


async def test_edit_repository_saves_fields(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, EditRepositoryScreen)
        screen.query_one("#description", Input).value = "edited in the TUI"
        screen.query_one("#category", Select).value = "other"
        screen.query_one("#public", Switch).value = False
        await pilot.click("#save")
        await settle(pilot)
        repo = emulator.state.namespaces["demo"].repos["alpine"]
        assert (repo.description, repo.category, repo.is_public) == (
            "edited in the TUI",
            "other",
            False,
        )
        assert app.query_one("#repo-details", KeyValues).value("visibility") == "private"


def test_bundled_themes_and_bad_user_files(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text('name = "mine"\ndark = false\nprimary = "#112233"\n')
    (tmp_path / "bad-color.toml").write_text('name = "x"\nprimary = "not-a-color"\n')
    (tmp_path / "bad-toml.toml").write_text("name = \n")
    from swrtui.tui.theme_files import BUNDLED_DIR

    loaded = load_themes(BUNDLED_DIR, tmp_path)
    names = [theme.name for theme in loaded.themes]
    assert names[:3] == ["swr-dark", "swr-high-contrast", "swr-light"] and "mine" in names
    assert [t.dark for t in loaded.themes if t.name == "swr-light"] == [False]
    assert len(loaded.problems) == 2
    assert any("bad-color.toml: primary: not a color" in p for p in loaded.problems)


async def test_theme_problems_one_notification_and_choice_persists(tmp_path: Path) -> None:
    config_path = load_config().path
    config_path.parent.mkdir(parents=True, exist_ok=True)
    save_config(Config(config_path, "demo", {"demo": Profile(name="demo")}))
    themes = config_path.parent / "themes"
    themes.mkdir()
    (themes / "a.toml").write_text("oops")
    (themes / "b.toml").write_text('name = "b"\n')

    app = make_app(theme="swr-light")

    def save(theme: str) -> None:
        config = load_config()
        config.put(Profile(name="demo", theme=theme))
        save_config(config)

    app.ctx.save_theme = save
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "swr-light"
        warnings = [n for n in app._notifications if n.title == "Some theme files were skipped"]
        assert len(warnings) == 1 and "a.toml" in warnings[0].message
        assert "b.toml: primary: required" in warnings[0].message
        app.theme = "swr-high-contrast"
        await pilot.pause()
    assert load_config().profiles["demo"].theme == "swr-high-contrast"


async def test_palette_go_to_finds_loaded_repositories() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = GoToProvider(app.screen)
        hits = [hit async for hit in provider.search("nginx")]
        assert "repository: demo/nginx" in [hit.text for hit in hits]
        best = max(hits)
        best.command()
        await settle(pilot)
        assert app.current.kind == "repository" and "nginx" in app.current.repo


async def test_start_lists_each_organization_and_repository_once(emulator: EmulatorApp) -> None:
    # The tree, command mode and completion share one name cache: one listing each.
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = [str(node.label) for node in app.nav.tree_widget.root.children]
    routes = emulator.faults.stats.by_route
    assert routes.get("GET /v2/manage/namespaces") == 1
    assert routes.get("GET /v2/manage/repos") == 1
    assert "nginx" in app.session.cache.repos("demo")
    assert any(label.startswith("demo (") for label in labels), labels


async def test_go_to_opens_a_repository_once(emulator: EmulatorApp) -> None:
    # The palette's "go to" reveals the node in the tree quietly and opens its pane itself:
    # a highlight event must not open (and list) it a second time.
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.faults.stats.by_route.clear()
        app.open_node(nodes.repository("demo", "nginx"))
        await settle(pilot)
        assert app.current == nodes.repository("demo", "nginx")
    tag_pages = {k: v for k, v in emulator.faults.stats.by_route.items() if k.endswith("/tags")}
    assert tag_pages == {"GET /v2/manage/namespaces/demo/repos/nginx/tags": 1}, tag_pages


async def test_delete_in_the_tags_table_deletes_the_tag_at_the_cursor(
    emulator: EmulatorApp,
) -> None:
    app = make_app(emulator)
    repos = emulator.state.namespaces["demo"].repos
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        await pilot.press("tab")  # from the tree into the tags table
        table = app.repo_pane.tags_table
        assert app.focused is table.grid and not table.model.selected
        await pilot.press("down")
        tag = table.current_tag()
        assert tag is not None
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == f"Delete tag demo/alpine:{tag.name}?"
        await pilot.press("y")
        await settle(pilot)
        assert "alpine" in repos and tag.name not in repos["alpine"].tags
        # From the tree's repository node, `delete` offers the repository.
        app.nav.tree_widget.focus()
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Delete repository demo/alpine with all its tags?"
        await pilot.press("n")
    assert "alpine" in repos


async def test_tree_leaves_and_tags_table_agree_on_ties(emulator: EmulatorApp) -> None:
    # alpine's latest, 1.22.2 and 1.22 share one push time: the tree lists them in the
    # table's order (the order keep-last keeps them in), not in the server's.
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        app.nav.select(nodes.repository("demo", "alpine"), expand=True)
        await settle(pilot)
        rows = [row[1] for row in app.repo_pane.tags_table.grid.rows_text()]
        leaves = app.nav.leaves[("demo", "alpine")]
    assert leaves[:5] == rows[:5], (leaves[:5], rows[:5])
