"""The cleanup screen end to end on the emulator: rules, plan, confirm, progress, report."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, ProgressBar, Static

from swrtui.emulator.app import EmulatorApp
from swrtui.services.cleanup import RuleError
from swrtui.tui import nodes
from swrtui.tui.screens.cleanup import CleanupScreen, rules_from_form
from swrtui.tui.widgets.info import table_text
from swrtui.tui.widgets.tags_table import TagsTable
from tests.tui.conftest import SIZE, make_app, settle


def test_form_rules_scope_to_the_repository_and_selection() -> None:
    rules = rules_from_form({"keep_last": "0", "keep": "rc-*, re:^v1"}, "demo", "nginx", ["a"])
    assert rules.in_scope("demo", "nginx") and not rules.in_scope("demo", "nginx2")
    assert [p.text for p in rules.include] == ["a"]
    # The same meaning as --keep: added to latest, globs unless re:.
    assert [str(p) for p in rules.keep] == ["latest", "rc-*", "re:^v1"]
    assert rules.describe() == "selected by hand"
    with pytest.raises(RuleError, match="--keep-last: 'many' is not a whole number"):
        rules_from_form({"keep_last": "many"}, "demo", "nginx", [])
    with pytest.raises(RuleError):
        rules_from_form({}, "demo", "nginx", [])  # nothing selects tags


async def test_plan_confirm_execute_deletes_exactly_the_plan(
    emulator: EmulatorApp, tmp_path: Path
) -> None:
    app = make_app(emulator, journal_dir=tmp_path)
    repo = emulator.state.namespaces["demo"].repos["nginx"]
    before = set(repo.tags)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CleanupScreen)
        screen.query_one("#keep-last", Input).value = "5"
        await pilot.click("#plan")
        await settle(pilot)
        plan = screen.plan
        assert plan is not None and plan.count == len(before) - 6  # 5 newest + latest kept
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert summary.startswith(f"{plan.count} of {len(before)} tags in 1 repository would")
        planned = {row[0] for row in table_text(screen.query_one("#plan-table", DataTable))}
        assert "latest" not in planned and len(planned) == plan.count
        assert set(repo.tags) == before  # the plan is a dry run
        await pilot.click("#execute")
        await pilot.press("y")
        await settle(pilot)
        assert set(repo.tags) == before - planned
        assert screen.query_one("#cleanup-progress", ProgressBar).progress == plan.count
        report = str(screen.query_one("#cleanup-report", Static).render())
        assert report.startswith(f"Deleted {plan.count}, already gone 0, failed 0")
        assert list(tmp_path.iterdir())  # a journal was written
        # The plan is made again over what is left: nothing more would go.
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert summary.startswith(f"0 of {len(before) - plan.count} tags in 1 repository")
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.query_one(TagsTable).model.tags) == len(before) - plan.count


async def test_cleanup_of_selection_and_cancelled_confirm(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    repo = emulator.state.namespaces["demo"].repos["alpine"]
    before = set(repo.tags)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        table = app.query_one(TagsTable)
        table.grid.focus()
        await pilot.press("1", "space", "space")
        chosen = set(table.model.selected)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CleanupScreen) and screen.selected == sorted(chosen)
        await pilot.click("#plan")
        await settle(pilot)
        assert screen.plan is not None
        assert {item.tag for item in screen.plan.items} == chosen - {"latest"}
        await pilot.click("#execute")
        await pilot.press("n")
        await settle(pilot)
        assert set(repo.tags) == before
        assert not screen.query_one("#execute", Button).disabled


async def test_keep_last_images_field_and_effect_marks(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    repo = emulator.state.namespaces["demo"].repos["nginx"]
    newest_two = {"latest", "3.1.0", "3.1", "3.0.0", "3.0"}  # two multi-arch images
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "nginx"))
        await settle(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CleanupScreen)
        screen.query_one("#keep-last", Input).value = ""
        screen.query_one("#keep-last-images", Input).value = "2"
        await pilot.click("#plan")
        await settle(pilot)
        rows = table_text(screen.query_one("#plan-table", DataTable))
        assert {row[0] for row in rows} == set(repo.tags) - newest_two
        assert {row[-1] for row in rows} == {"removes image"}
        # Keeping 3 tags splits the 3.0 image: deleting 3.0 only drops a name.
        screen.query_one("#keep-last-images", Input).value = ""
        screen.query_one("#keep-last", Input).value = "3"
        await pilot.click("#plan")
        await settle(pilot)
        marks = {row[0]: row[-1] for row in table_text(screen.query_one("#plan-table", DataTable))}
        assert marks.pop("3.0") == "name only" and set(marks.values()) == {"removes image"}
        warnings = str(screen.query_one("#plan-warnings", Static).render())
        assert "demo/nginx: deleting 3.0 drops names only" in warnings
        assert warnings.endswith("stays, tagged 3.0.0")
        assert set(repo.tags) >= newest_two  # plans delete nothing
