"""What the TUI confirms is what runs: a cleanup plan dies with any rule edit, questions
name the tags (and the plan's bytes), deletes carry the digest shown, journals the profile."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Button, DataTable, Input, Static

from swrtui.commands.cleanup import confirm_question
from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.screens.cleanup import CleanupScreen
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.widgets.tags_table import TagsTable
from tests.tui.conftest import SIZE, make_app, settle


async def _open_cleanup(app: SwrApp, pilot) -> CleanupScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await app.go_to(nodes.repository("demo", "nginx"))
    await settle(pilot)
    await pilot.press("c")
    screen = app.screen
    assert isinstance(screen, CleanupScreen)
    return screen


async def _plan(screen: CleanupScreen, pilot, keep_last: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#keep-last", Input).value = keep_last
    await pilot.press("ctrl+r")
    await settle(pilot)


def _assert_no_plan(screen: CleanupScreen) -> None:
    assert screen.plan is None
    assert screen.query_one("#plan-table", DataTable).row_count == 0
    assert screen.query_one("#execute", Button).disabled


async def test_editing_a_rule_or_a_failed_edit_clears_the_plan(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    before = set(emulator.state.namespaces["demo"].repos["nginx"].tags)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_cleanup(app, pilot)
        await _plan(screen, pilot, "5")
        assert screen.plan is not None and screen.plan.count == len(before) - 6
        # Changed to 20 without planning again: ctrl+g must not offer the old 15.
        screen.query_one("#keep-last", Input).value = "20"
        await pilot.pause()
        _assert_no_plan(screen)
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert summary.startswith("The rules changed: plan again")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        # A plan, then a value that does not parse: planning fails and leaves no plan.
        await _plan(screen, pilot, "5")
        assert screen.plan is not None
        await _plan(screen, pilot, "abc")
        _assert_no_plan(screen)
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert summary.startswith("No plan: --keep-last: 'abc'")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert set(emulator.state.namespaces["demo"].repos["nginx"].tags) == before


async def test_cleanup_confirmation_names_tags_and_plan_bytes_and_journals_profile(
    emulator: EmulatorApp, tmp_path: Path
) -> None:
    app = make_app(emulator, journal_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_cleanup(app, pilot)
        await _plan(screen, pilot, "20")
        plan = screen.plan
        assert plan is not None and 0 < plan.count <= 10
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.question == f"{confirm_question(plan)} This cannot be undone."
        for item in plan.items:  # few enough: every tag by name
            assert item.reference in dialog.question
        await pilot.press("y")
        await settle(pilot)
    (journal,) = tmp_path.glob("*.jsonl")
    head = json.loads(journal.read_text().splitlines()[0])
    assert head["target"]["profile"] == "demo"


async def test_tag_delete_names_tags_and_keeps_one_pushed_again(emulator: EmulatorApp) -> None:
    app = make_app(emulator)
    tags = emulator.state.namespaces["demo"].repos["alpine"].tags
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        table = app.query_one(TagsTable)
        table.grid.focus()
        await pilot.press("1", "space", "space")
        chosen = sorted(table.model.selected)
        assert len(chosen) == 2
        await pilot.press("delete")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        names = ", ".join(f"demo/alpine:{name}" for name in chosen)
        assert dialog.question == f"Delete 2 selected tags of demo/alpine: {names}?"
        # While the question waits, the first chosen tag is pushed again with other content.
        source = next(name for name in tags if name not in chosen and name != "latest")
        await app.ctx.client.tags.create("demo", "alpine", source, chosen[0], override=True)
        await pilot.press("y")
        await settle(pilot)
        assert chosen[0] in tags and chosen[1] not in tags
        messages = [n.message for n in app._notifications]
        assert (
            f"Deleted 1 of 2 tags (demo/alpine:{chosen[1]}); "
            f"1 changed since plan, kept (demo/alpine:{chosen[0]})"
        ) in messages
