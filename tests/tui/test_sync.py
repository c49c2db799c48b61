"""Pilot tests of the sync tab: tasks and manual sync of selected tags. Every change is
checked in the emulator's state."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from swrtui.emulator.app import EmulatorApp
from swrtui.tui.widgets.info import table_text
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, form, open_tab, text


async def test_sync_tasks_and_manual_sync_of_selected_tags(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["nginx"]
    jobs_before = len(repo.sync_jobs)
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "nginx", "repo-tags")
        app.repo_pane.tags_table.model.selected = {"latest"}
        await app.run_action("show_tab('repo-sync')")
        await settle(pilot)
        tasks = table_text(app.query_one("#sync-tasks", DataTable))
        assert [row[0] for row in tasks] == [
            f"{t.remote_region_id}/{t.remote_namespace}" for t in repo.sync_repos
        ]
        await pilot.press("s")
        await settle(pilot)
        assert form(app).query_one("#tags", Input).value == "latest"
        first = repo.sync_repos[0]  # the task under the cursor is the default target
        assert form(app).query_one("#region", Select).value == first.remote_region_id
        assert form(app).query_one("#org", Input).value == first.remote_namespace
        fill(app, region="cn-north-4", org="platform")
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = text(app, "#sync-result")
        assert result == "Manual sync to cn-north-4/platform: 1 of 1 tag copied"
        assert len(repo.sync_jobs) == jobs_before + 1
        newest = max(repo.sync_jobs, key=lambda job: job.id)
        assert (newest.tag, newest.remote_namespace) == ("latest", "platform")
        jobs = table_text(app.query_one("#sync-jobs", DataTable))
        assert jobs[0][1:4] == ["latest", "cn-north-4/platform", newest.status]
        await pilot.press("n")
        await settle(pilot)
        fill(app, region="ap-southeast-1", org="mirror")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ("ap-southeast-1", "mirror") in {
            (t.remote_region_id, t.remote_namespace) for t in repo.sync_repos
        }
        table = app.query_one("#sync-tasks", DataTable)
        table.move_cursor(row=[r[0] for r in table_text(table)].index("ap-southeast-1/mirror"))
        await pilot.press("x", "y")
        await settle(pilot)
        assert "mirror" not in {t.remote_namespace for t in repo.sync_repos}
