"""Pilot tests: each pane against the in-process demo emulator, asserting what is displayed."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline, Static

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.panes.tags import TagPane
from swrtui.tui.widgets.info import KeyValues, table_text
from swrtui.tui.widgets.tags_table import TagsTable
from tests.tui.conftest import SIZE, make_app, settle


async def test_tree_shows_organizations_with_repo_counts(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = [str(node.label) for node in app.nav.tree_widget.root.children]
        state = emulator.state
        expected = []
        for name in sorted(n for n in state.namespaces if n != "partner-tools"):
            count = len(state.namespaces[name].repos)
            expected.append(f"{name} ({count} repos)")
        assert labels == expected


async def test_tenant_pane_overview_quotas_versions_gates() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        summary = app.query_one("#tenant-summary", KeyValues)
        assert summary.value("organizations") == "4"
        assert summary.value("account") == "demo-account"
        quotas = app.query_one("#tenant-quotas", KeyValues)
        assert quotas.value("namespace").endswith("4/5")
        assert len(app.query_one("#tenant-traffic", Sparkline).data or []) > 5
        versions = table_text(app.query_one("#versions-table", DataTable))
        assert any(row[1] == "CURRENT" for row in versions)
        gates = dict(table_text(app.query_one("#gates-table", DataTable)))
        assert set(gates.values()) <= {"yes", "no"} and "enable_image_sync" in gates


async def test_organization_pane_lists_permissions(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.organization("demo"))
        await settle(pilot)
        assert "Organization demo" in str(app.query_one("#org-title", Static).render())
        details = app.query_one("#org-details", KeyValues)
        assert details.value("your role") == "manage"
        rows = table_text(app.query_one("#org-permissions", DataTable))
        assert [row[0] for row in rows if row[2] == "manage"][:1] == ["swr-admin"]


async def test_repository_pane_tags_and_details(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        repo = emulator.state.namespaces["demo"].repos["alpine"]
        table = app.query_one(TagsTable)
        rows = table.grid.rows_text()
        newest = max(repo.tags.values(), key=lambda t: (t.updated, t.name))
        assert len(rows) == len(repo.tags)
        assert newest.digest.split(":")[1][:12] in [row[2] for row in rows[:3]]
        # alpine is multi-arch: the platforms come from the listing's manifests (the narrow
        # column drops the "linux/" every platform shares).
        assert {row[5] for row in rows} == {"amd64,arm64/v8,arm/v7"}
        assert rows[0][6].startswith("docker pull swr.cn-north-4.myhuaweicloud.com/demo/alpine:")
        details = app.query_one("#repo-details", KeyValues)
        assert details.value("visibility") == "public"
        assert details.value("tags") == str(len(repo.tags))


async def test_tags_filter_sort_and_multiselect(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        table = app.query_one(TagsTable)
        table.grid.focus()
        await pilot.press("1")  # sort by name, A→Z
        names = [row[1] for row in table.grid.rows_text()]
        assert names == sorted(names)
        await pilot.press("space", "space")
        assert table.model.selected == set(names[:2])
        assert [row[0] for row in table.grid.rows_text()][:3] == ["✓", "✓", " "]
        await pilot.press("A", "slash")
        await pilot.press(*"1.2")
        await pilot.press("enter", "a")
        shown = {row[1] for row in table.grid.rows_text()}
        assert shown and all("1.2" in name for name in shown)
        assert table.model.selected == shown
        assert "selected" in str(app.query_one("#tags-status", Static).render())


async def test_tag_pane_shows_manifest_and_pull_commands(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "alpine", "latest"))
        await settle(pilot)
        tag = emulator.state.namespaces["demo"].repos["alpine"].tags["latest"]
        details = app.query_one("#tag-details", KeyValues)
        assert details.value("digest") == tag.digest
        assert details.value("pull").endswith("/demo/alpine:latest")
        pane = app.query_one(TagPane)
        await pilot.press("d")
        assert app.clipboard == tag.digest
        assert pane.copyable["external"] == details.value("pull")
        assert app.nav.tree_widget.cursor_node is not None
        assert app.nav.tree_widget.cursor_node.data == nodes.tag("demo", "alpine", "latest")


async def test_slash_filters_tags_when_a_repository_is_open() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        app.query_one("#repo-tabs").query_one("Tabs").focus()
        await pilot.press("slash", *"rc")
        table = app.query_one(TagsTable)
        assert app.focused is app.query_one("#tag-filter")
        assert table.model.filter_text == "rc"
