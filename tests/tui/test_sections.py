"""Pilot tests of the repository's sections: retention (rules, preview, history, create /
edit / delete), triggers, shared accounts, image permissions and sync, against the demo
emulator; every change is checked in the emulator's state."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.form import FormScreen
from swrtui.tui.widgets.info import table_text
from tests.conftest import ANCHOR
from tests.tui.conftest import SIZE, make_app, settle


async def open_tab(pilot: Pilot[None], org: str, repo: str, tab: str) -> SwrApp:
    app: SwrApp = pilot.app  # type: ignore[assignment]
    await settle(pilot)
    await app.go_to(nodes.repository(org, repo))
    await settle(pilot)
    await app.run_action(f"show_tab('{tab}')")
    await settle(pilot)
    return app


def form(app: SwrApp) -> FormScreen[object]:
    assert isinstance(app.screen, FormScreen), app.screen
    return app.screen


def fill(app: SwrApp, **values: str | bool) -> None:
    screen = form(app)
    for field_id, value in values.items():
        widget = screen.query_one(f"#{field_id}")
        widget.value = value  # type: ignore[attr-defined]


async def save_and_confirm(pilot: Pilot[None], app: SwrApp) -> str:
    """Save the open form, answer yes to the confirmation; the question asked."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen), app.screen
    question = app.screen.question
    await pilot.press("y")
    await settle(pilot)
    return question


def text(app: SwrApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_retention_rules_history_and_preview(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["platform"].repos["api-gateway"]
    cutoff = ANCHOR - timedelta(days=90)
    expected = {t.name for t in repo.tags.values() if t.updated < cutoff and t.name != "latest"}
    assert expected
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "platform", "api-gateway", "repo-retention")
        policy = text(app, "#retention-policy")
        assert "delete tags pushed more than 90 days ago; never latest" in policy
        history = table_text(app.query_one("#retention-history", DataTable))
        assert sorted(row[1] for row in history) == sorted(log.tag for log in repo.retention_logs)
        await pilot.press("p")
        await settle(pilot)
        preview = table_text(app.query_one("#retention-preview", DataTable))
        assert {row[0] for row in preview} == expected
        assert text(app, "#retention-preview-summary").startswith(
            f"Preview (nothing deleted): {len(expected)} of {len(repo.tags)} tags"
        )
    assert len(repo.tags) > len(expected)  # the preview deleted nothing


async def test_retention_create_previews_then_asks(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    assert not repo.retentions
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-retention")
        assert "No retention policy" in text(app, "#retention-policy")
        await pilot.press("n")
        fill(app, template="tag_rule", value="1000", keep_labels="latest, 3.19", keep_regex="^3")
        question = await save_and_confirm(pilot, app)
        assert f"0 of {len(repo.tags)} tags would be deleted now" in question
        (policy,) = repo.retentions.values()
        assert policy.rules[0]["template"] == "tag_rule"
        assert policy.rules[0]["params"] == {"num": "1000"}
        kinds = [(s["kind"], s["pattern"]) for s in policy.rules[0]["tag_selectors"]]
        assert kinds == [("label", "latest"), ("label", "3.19"), ("regexp", "^3")]
        assert "keep only the 1000 most recently pushed tags" in text(app, "#retention-policy")


async def test_retention_form_refuses_bad_values(emulator: EmulatorApp) -> None:
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-retention")
        await pilot.press("n")
        fill(app, template="date_rule", value="400")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "days must be from 1 to 365" in text(app, "#form-error")
        assert isinstance(app.screen, FormScreen)
    assert not emulator.state.namespaces["demo"].repos["alpine"].retentions


async def test_retention_edit_and_delete(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["platform"].repos["api-gateway"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "platform", "api-gateway", "repo-retention")
        await pilot.press("e")
        assert form(app).query_one("#value", Input).value == "90"
        fill(app, value="365")
        await save_and_confirm(pilot, app)
        (policy,) = repo.retentions.values()
        assert policy.rules[0]["params"] == {"days": "365"}
        await pilot.press("x", "y")
        await settle(pilot)
        assert not repo.retentions
        assert "No retention policy" in text(app, "#retention-policy")


async def test_trigger_create_disable_delete(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-triggers")
        await pilot.press("n")
        fill(
            app,
            name="roll-web",
            trigger_type="regular",
            condition="^3\\.",
            cluster_id="4f3c2b1a-0e9d-11ee-8c5b-0255ac100b05",
            cluster_name="prod",
            cluster_ns="web",
            application="frontend",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        trigger = repo.triggers["roll-web"]
        assert (trigger.condition, trigger.cluster_name) == ("^3\\.", "prod")
        assert trigger.enable == "true"
        rows = table_text(app.query_one("#triggers-table", DataTable))
        assert rows[0][:4] == ["roll-web", "yes", "regular", "^3\\."]
        app.query_one("#triggers-table", DataTable).focus()
        await pilot.press("t")
        await settle(pilot)
        assert repo.triggers["roll-web"].enable == "false"
        assert table_text(app.query_one("#triggers-table", DataTable))[0][1] == "no"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen) and "roll-web" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert "roll-web" not in repo.triggers
        assert app.current == nodes.repository("demo", "alpine")  # the repository stays


async def test_shared_account_add_edit_remove(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-shares")
        await pilot.press("n")
        await pilot.press(*"partner-account", "tab", "tab")  # tab moves between the fields
        assert form(app).query_one("#account", Input).value == "partner-account"
        assert app.focused is form(app).query_one("#description", Input)
        fill(app, deadline="2030-01-02", description="for CI")
        await pilot.press("ctrl+s")
        await settle(pilot)
        share = repo.access_domains["partner-account"]
        assert (share.deadline[:10], share.description) == ("2030-01-02", "for CI")
        await pilot.press("e")
        fill(app, deadline="forever", description="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.access_domains["partner-account"].deadline == "forever"
        assert table_text(app.query_one("#shares-table", DataTable))[0][2] == "forever"
        await pilot.press("x", "y")
        await settle(pilot)
        assert "partner-account" not in repo.access_domains


async def test_image_permission_from_the_known_users(emulator: EmulatorApp) -> None:
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = await open_tab(pilot, "demo", "alpine", "repo-permissions")
        await pilot.press("n")
        await settle(pilot)
        picker = form(app).query_one("#known", Select)
        picker.value = "u-ops-0003"
        await pilot.pause()
        assert form(app).query_one("#user_name", Input).value == "ops-bob"
        fill(app, auth="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.permissions["u-ops-0003"].auth == 3
        rows = table_text(app.query_one("#image-permissions", DataTable))
        assert ["ops-bob", "u-ops-0003", "edit"] in rows


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
        assert result == "Manual sync to cn-north-4/platform: 1 of 1 tags copied"
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
