"""One vocabulary: every object type renders the same through every front end.

Each line runs in the REPL's command session (its ``--json`` and table output), in the CLI
(``swrtui --json repl -c LINE``) and in the TUI's command mode (``:`` then the same line, read
from the command output). The JSON documents have one shape everywhere, and the people's
text of the TUI is the REPL's, with sizes, times and digests in :mod:`swrtui.commands.format`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from swrtui.commands import Result, Session, render_json, render_table, table_cells
from swrtui.commands.format import ago, human_bytes, short_digest, size_full, tag_type, when_full
from swrtui.emulator.app import EmulatorApp
from swrtui.tui.app import SwrApp
from swrtui.tui.widgets.info import table_text
from swrtui.tui.widgets.tag_grid import FIXED
from tests.cli.test_login_cleanup import Run, run  # noqa: F401
from tests.commands.conftest import run as run_line
from tests.commands.conftest import session  # noqa: F401
from tests.services.conftest import isolated  # noqa: F401
from tests.tui.conftest import SIZE, make_app, settle

# One line per object type (each names seeded objects, so no listing is empty).
LINES = {
    "org": "orgs show demo",
    "repo": "repos show demo/nginx",
    "tag": "tags show demo/nginx:latest",
    "tags": "tags list demo/nginx --sort name --limit 3",
    # The TUI's context holds no AK/SK: temporary is the login every front end can give.
    "login": "login temporary",
    "quota": "quotas",
    "report": "reports store",
    "org permission": "perms org list demo",
    "image permission": "perms image list demo/tools/ci-runner",
    "shared account": "share list demo/tools/ci-runner",
    "sync task": "sync tasks demo/nginx",
    "trigger": "triggers list platform/frontend/web-portal",
    "retention policy": "retention list demo/tools/ci-runner",
}


def shape(document: Any) -> Any:
    """The keys of a document (of its rows for a list), recursively: what must agree."""
    if isinstance(document, dict):
        return {key: shape(value) for key, value in document.items()}
    if isinstance(document, list):
        return [shape(document[0])] if document else []
    return type(document).__name__


async def _tui_outputs(app: SwrApp, line: str) -> tuple[Any, str]:
    """The TUI command mode's JSON document and people's text for ``line``."""
    outputs: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in (f"{line} --json", line):
            await pilot.press("colon")
            app.query_one("#command", Input).value = text
            await pilot.press("enter")
            await settle(pilot)
            table = app.query_one("#command-table", DataTable)
            if table.display:
                outputs.append("\n".join("  ".join(row) for row in table_text(table)))
            else:
                outputs.append(str(app.query_one("#command-text", Static).render()))
    assert outputs[0].startswith(("[", "{")), outputs
    return json.loads(outputs[0]), outputs[1]


@pytest.mark.parametrize("what", sorted(LINES))
async def test_every_front_end_renders_the_same(
    what: str,
    session: Session,  # noqa: F811
    run: Run,  # noqa: F811
    emulator: EmulatorApp,
) -> None:
    line = LINES[what]
    result: Result = await run_line(session, line)
    assert result.ok, (line, result.error_msg)
    repl_json = json.loads(render_json(result))
    assert repl_json, f"{what}: the seed should give something to compare"
    # The CLI runs its own event loop: off this test's loop, as a user's shell would.
    cli = await asyncio.to_thread(run, "--json", "repl", "-c", line)
    assert cli.code == 0, cli.err
    tui_json, tui_text = await _tui_outputs(make_app(emulator), line)
    assert shape(json.loads(cli.out)) == shape(repl_json) == shape(tui_json), what
    if result.kind == "table":
        # The TUI's grid holds exactly the cells the REPL's table prints.
        _headings, cells = table_cells(result)
        assert tui_text == "\n".join("  ".join(row) for row in cells), what
    elif what == "login":
        # Each login is a new temporary password: the same fields, each masked alike.
        fields = [row.split()[0] for row in render_table(result).splitlines()]
        assert [row.split()[0] for row in tui_text.splitlines()] == fields
        assert tui_text.count("********") == render_table(result).count("********") > 0
    else:
        assert tui_text == render_table(result), what


async def test_a_tag_reads_the_same_in_tags_show_and_the_tui(
    session: Session,  # noqa: F811
    emulator: EmulatorApp,
) -> None:
    """The issue's example: size, type, digest and times in one wording and format."""
    from swrtui.tui import nodes
    from swrtui.tui.widgets.info import KeyValues

    tag = await session.client.tags.get("demo", "nginx", "latest")
    shown = render_table(await run_line(session, "tags show demo/nginx:latest"))
    listed = render_table(await run_line(session, "tags list demo/nginx --sort name"))
    assert f"size           {size_full(tag.size)}" in shown
    assert f"type           {tag_type(tag.tag_type, tag.schema, tag.manifest)}" in shown
    assert f"updated        {when_full(tag.updated)}" in shown
    latest = next(row for row in listed.splitlines() if row.startswith("latest "))
    for text in (short_digest(tag.digest), human_bytes(tag.size), ago(tag.updated)):
        assert text in latest
    app = make_app(emulator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "nginx", "latest"))
        await settle(pilot)
        details = app.query_one("#tag-details", KeyValues)
        assert details.value("size") == size_full(tag.size)
        assert details.value("type") == tag_type(tag.tag_type, tag.schema, tag.manifest)
        assert details.value("updated") == when_full(tag.updated)
        assert details.value("digest") == tag.digest


def test_relative_times_fit_the_tags_grid_column() -> None:
    """The longest relative time the tags grid shows fits its fixed ``updated`` column."""
    from datetime import timedelta

    from swrtui import clock

    now = clock.now()
    spans = (
        [timedelta(minutes=m) for m in range(0, 60)]
        + [timedelta(hours=h) for h in range(1, 24)]
        + [timedelta(days=d) for d in range(1, 3000)]
    )
    longest = max(len(ago(now + sign * span)) for span in spans for sign in (1, -1))
    assert longest <= FIXED["updated"]
