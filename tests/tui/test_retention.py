"""Pilot tests of the retention tab: rules, history, preview, create / edit / delete.
Every change is checked in the emulator's state."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from swrtui.emulator.app import EmulatorApp
from swrtui.tui.screens.form import FormScreen
from swrtui.tui.widgets.info import table_text
from tests.conftest import ANCHOR
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.forms import fill, form, open_tab, save_and_confirm, text


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
