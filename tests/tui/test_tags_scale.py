"""Pilot tests of the virtual tags table and the tree's tag cap on a few-thousand-tag
repository: every row is reachable, and sort, filter and selection cover all of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets.tree import TreeNode

from swrtui import clock
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.nodes import Node
from swrtui.tui.widgets.nav_tree import TAG_LEAVES
from swrtui.tui.widgets.tags_table import TagsTable
from tests.tui.conftest import SIZE, make_app, settle

TAGS = 3000
ORG, REPO = "bench-000", "repo-0000"


@pytest.fixture
def big() -> EmulatorApp:
    return create_app(seed=f"large:1x1x{TAGS}")


def screen_lines(table: TagsTable) -> list[str]:
    """The grid's lines as drawn on screen (header first)."""
    grid = table.grid
    height = grid.scrollable_content_region.height
    return [grid.render_line(y).text for y in range(height)]


async def open_repo(app: SwrApp, pilot: object) -> TagsTable:
    await app.go_to(nodes.repository(ORG, REPO))
    await settle(pilot)  # type: ignore[arg-type]
    table = app.query_one(TagsTable)
    table.grid.focus()
    return table


async def test_end_reaches_the_oldest_tag_and_home_the_newest(big: EmulatorApp) -> None:
    tags = big.state.namespaces[ORG].repos[REPO].tags.values()
    oldest = min(tags, key=lambda t: t.updated).name
    newest = max(tags, key=lambda t: t.updated).name
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await open_repo(app, pilot)
        assert len(table.model.tags) == TAGS
        await pilot.press("end")
        lines = screen_lines(table)
        assert oldest in lines[-1] and table.current_tag().name == oldest  # type: ignore[union-attr]
        assert f"tag {TAGS} of {TAGS}" in str(app.query_one("#tags-status").render())
        await pilot.press("pageup")
        assert table.grid.cursor_row == TAGS - 1 - (len(lines) - 1)
        await pilot.press("home")
        assert newest in screen_lines(table)[1]


async def test_sort_filter_and_select_cover_every_row(big: EmulatorApp) -> None:
    names = sorted(big.state.namespaces[ORG].repos[REPO].tags)
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await open_repo(app, pilot)
        await pilot.press("1", "end")  # by name A→Z, then the last row
        assert table.current_tag().name == names[-1]  # type: ignore[union-attr]
        await pilot.press("slash", *"v1", "enter")
        matching = [n for n in names if "v1" in n]
        assert len(matching) > 1000  # far more than one screen
        await pilot.press("a")
        assert table.model.selected == set(matching)
        await pilot.press("end")
        assert screen_lines(table)[-1].startswith("✓ " + matching[-1])
        await pilot.press("A", "home", "space")
        assert table.model.selected == {matching[0]}
        assert "1 selected" in str(app.query_one("#tags-status").render())


async def test_tree_holds_at_most_the_cap_of_tag_nodes(big: EmulatorApp) -> None:
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.nav.reveal(nodes.repository(ORG, REPO))
        app.nav.select(nodes.repository(ORG, REPO), expand=True)
        await settle(pilot)
        wanted = nodes.repository(ORG, REPO)
        repo_node = next(n for n in walk(app.nav.tree_widget.root) if n.data == wanted)
        labels = [str(child.label) for child in repo_node.children]
        assert len(labels) == TAG_LEAVES + 1
        assert labels[-1] == f"… {TAGS - TAG_LEAVES} more in the tags table"
        assert labels[0] == "v29.9.9"  # the newest first


async def test_second_start_shows_cached_names_before_any_request(tmp_path: Path) -> None:
    emulator = create_app(seed="demo")
    file = tmp_path / "cache" / "names" / "demo.json"
    first = make_app(emulator, names_file=file)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fresh = [str(node.label) for node in first.nav.tree_widget.root.children]
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert set(saved) == {"saved_at", "orgs", "repos", "counts"}
    assert seeds.DEMO_ADMIN_SK not in file.read_text(encoding="utf-8")
    # Saved five minutes ago; every request now takes 2 s.
    saved["saved_at"] = (clock.now() - timedelta(minutes=5)).isoformat()
    file.write_text(json.dumps(saved), encoding="utf-8")
    emulator.faults.latency_ms = 2000
    stats = emulator.faults.stats
    before = stats.requests
    second = make_app(emulator, names_file=file)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = second.nav.tree_widget
        assert stats.requests - stats.in_flight == before  # nothing has answered yet
        assert [str(node.label) for node in tree.root.children] == fresh
        assert str(tree.root.label) == "tenant (demo) · cached 5 minutes ago"
        emulator.faults.latency_ms = 0
        await settle(pilot)
        assert str(tree.root.label) == "tenant (demo)"
        # Each start listed organizations and repositories once, for the tree and command
        # mode together.
        assert stats.by_route["GET /v2/manage/namespaces"] == 2
        assert stats.by_route["GET /v2/manage/repos"] == 2


def walk(node: TreeNode[Node]) -> Iterator[TreeNode[Node]]:
    yield node
    for child in node.children:
        yield from walk(child)
