"""The one verb table: every key is bound, in the help and in the palette; read-only mode
refuses every verb that changes the registry, whichever way it is asked for."""

from __future__ import annotations

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes, verbs
from swrtui.tui.app import SwrApp
from swrtui.tui.palette import ActionsProvider
from swrtui.tui.screens.help import HELP
from tests.tui.conftest import SIZE, make_app, settle


def test_every_keyed_verb_is_bound_helped_and_in_the_palette() -> None:
    bound = {(b.key, b.action) for b in SwrApp.BINDINGS}  # type: ignore[union-attr]
    palette_names = {verb.name for verb in verbs.VERBS if verb.palette}
    for verb in verbs.KEYED:
        action = f"item('{verb.action}')" if verb.item else verb.action
        assert (verb.keys, action) in bound, verb
        assert f"| {verbs.key_text(verb.keys)} | {verb.help} |" in HELP, verb
        assert verb.name in palette_names, verb
    # No key is bound twice.
    keys = [key for verb in verbs.KEYED for key in verb.keys.split(",")]
    assert len(keys) == len(set(keys))


async def test_read_only_refuses_every_mutating_verb(emulator: EmulatorApp) -> None:
    mutating = [verb for verb in verbs.VERBS if verb.mutates]
    assert {"add", "edit", "enable", "remove", "sync_now", "cleanup", "delete"} <= {
        verb.name for verb in mutating
    }
    async with make_app(emulator, read_only=True).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.repository("demo", "alpine"))
        await settle(pilot)
        for verb in mutating:
            assert app.check_action(verb.name, ()) is False, verb
            if verb.item:
                assert app.check_action(verbs.ITEM_ACTION, (verb.action,)) is False, verb
        titles = [title for title, *_ in ActionsProvider(app.screen)._commands()]
        refused = {verb.palette for verb in mutating}
        assert not [title for title in titles if title.split(": ", 1)[-1] in refused]
        # What reads stays: the palette still offers the repository's tabs.
        assert "repository: Show retention policy" in titles
