"""A tree load that fails stays visible until `r` fetches just the missing part again; so
does a page of tags that failed while the others loaded concurrently."""

from __future__ import annotations

from itertools import pairwise

from textual.widgets import Static

from swrtui.client.retry import RetryPolicy
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.tui import nodes
from swrtui.tui.widgets.nav_tree import TAG_LEAVES, NavTree
from tests.tui.conftest import SIZE, make_app, settle

FAULT = {
    "action": "status",
    "method": "GET",
    "status": 503,
    "error_code": "SVCSTG.SWR.5030001",
    "error_msg": "Service unavailable: injected",
}
# Every attempt the client's default policy makes: the first and its retries.
ATTEMPTS = 1 + RetryPolicy.retries


def panel(app: object) -> Static:
    return app.query_one("#tree-missing", Static)  # type: ignore[attr-defined]


def labels(tree: NavTree) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        found.append(str(node.label))
        for child in node.children:
            walk(child)

    walk(tree.tree_widget.root)
    return found


async def test_failed_tags_show_on_the_node_and_r_retries_them(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not panel(app).display
        path = r"/namespaces/demo/repos/nginx/tags$"
        emulator.faults.add({**FAULT, "path": path, "count": ATTEMPTS})
        await app.nav.ensure_tags("demo", "nginx")
        await settle(pilot)
        text = str(panel(app).render())
        assert panel(app).display and "r: retry" in text
        assert "tags of demo/nginx from #1 on: SVCSTG.SWR.5030001: Service unavailable" in text
        assert f"/v2/manage/namespaces/demo/repos/nginx/tags?limit={TAG_LEAVES}&offset=0" in text
        shown = labels(app.nav)
        assert any(label.startswith("nginx (") and "tags not loaded" in label for label in shown)
        assert "⚠ SVCSTG.SWR.5030001: Service unavailable: injected (r: retry)" in shown

        await pilot.press("r")  # the fault's count is spent: this attempt succeeds
        await settle(pilot)
        assert not panel(app).display
        tags = emulator.state.namespaces["demo"].repos["nginx"].tags
        leaves = app.nav.leaves[("demo", "nginx")]
        assert len(leaves) == min(TAG_LEAVES, len(tags)) and set(leaves) <= set(tags)
        assert nodes.tag("demo", "nginx", leaves[0]) in set(app.nav.all_nodes())


async def test_an_incomplete_repository_list_marks_every_org(emulator: EmulatorApp) -> None:
    emulator.faults.add({**FAULT, "path": r"/manage/repos$"})
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(panel(app).render())
        assert "repositories from #1 on: SVCSTG.SWR.5030001" in text
        assert "demo ⚠ incomplete (0 repos loaded)" in labels(app.nav)
        emulator.faults.clear()
        await pilot.press("r")
        await settle(pilot)
        assert not panel(app).display
        assert "alpine" in app.nav.cache.repos("demo")
        assert not any("incomplete" in label for label in labels(app.nav))


async def test_failed_tag_pages_stay_on_the_repository_pane_until_r(
    emulator: EmulatorApp,
) -> None:
    app = make_app(emulator)
    tags = emulator.state.namespaces["demo"].repos["nginx"].tags
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.faults.add(
            {**FAULT, "path": r"/namespaces/demo/repos/nginx/tags$", "count": ATTEMPTS}
        )
        app.show(nodes.repository("demo", "nginx"))
        await settle(pilot)
        missing = app.query_one("#tags-missing", Static)
        text = str(missing.render())
        assert missing.display and "1 part could not be loaded (r: retry them)" in text
        assert "tags of demo/nginx from #1 on: SVCSTG.SWR.5030001: Service unavailable" in text
        assert "/v2/manage/namespaces/demo/repos/nginx/tags?limit=1000&offset=0" in text
        assert app.repo_pane.tags_table.model.tags == []
        assert app.repo_pane.tag_listing is not None

        await pilot.press("r")  # the fault's count is spent: the missing page loads now
        await settle(pilot)
        assert not missing.display and app.repo_pane.tag_listing is None
        shown = sorted(tag.name for tag in app.repo_pane.tags_table.model.tags)
        assert shown == sorted(tags)
        # The tree was complete all along: `r` fetched only the tags.
        assert not app.nav.gaps


BIG_TAGS = 3000
BIG = ("bench-000", "repo-0000")


async def test_concurrent_tag_pages_append_in_list_order_and_a_middle_gap_is_named() -> None:
    emulator = create_app(seed=f"large:1x1x{BIG_TAGS}")
    org, repo = BIG
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The server's order, one page after another, to compare the concurrent load with.
        listed = [tag.name async for tag in app.ctx.client.tags.iter_all(org, repo)]
        tags_path = rf"/namespaces/{org}/repos/{repo}/tags$"
        emulator.faults.add(
            {**FAULT, "path": tags_path, "query": r"(^|&)offset=1000(&|$)", "count": ATTEMPTS}
        )
        app.show(nodes.repository(org, repo))
        await settle(pilot)
        table = app.repo_pane.tags_table
        missing = app.query_one("#tags-missing", Static)
        text = str(missing.render())
        assert missing.display and "1 part could not be loaded" in text
        assert f"tags of {org}/{repo} #1001-2000: SVCSTG.SWR.5030001" in text
        assert "/tags?limit=1000&offset=1000" in text
        # Pages 1 and 3 arrived, in the server's order, with the second one's place empty.
        assert [tag.name for tag in table.model.tags] == listed[:1000] + listed[2000:]

        await pilot.press("r")  # the fault's count is spent: only the missing page loads
        await settle(pilot)
        assert not missing.display and app.repo_pane.tag_listing is None
        names = [tag.name for tag in table.model.tags]
        assert names == listed[:1000] + listed[2000:] + listed[1000:2000]
        # The retried page merged into the view's order: newest first over all 3,000.
        view = table.model.view()
        assert sorted(t.name for t in view) == sorted(listed)
        stamps = [tag.updated for tag in view]
        assert all(a >= b for a, b in pairwise(stamps))  # type: ignore[operator]
