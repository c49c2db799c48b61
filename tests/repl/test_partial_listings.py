"""Listings that fan out and lose a part: the rows that came, what is missing (code, message,
URL), a failing exit status, an explicit --json marker, and `retry` fetching just that part.

One repository's tags fail every attempt (the client's retries included) through an
emulator fault rule with a ``count``; clearing the rule and retrying gives the full list.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from swrtui.cli.bootstrap import DEMO_ENDPOINT
from swrtui.client import AkSkAuth, SwrClient
from swrtui.commands import Connection, Session, run_line
from swrtui.commands.result import EXIT_INCOMPLETE
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds
from swrtui.repl import Repl

RETRIES = 2
# Every attempt at nginx's tag list fails, and only that repository's.
NGINX_TAGS = {
    "action": "status",
    "method": "GET",
    "path": r"/namespaces/demo/repos/nginx/tags$",
    "status": 503,
    "error_code": "SVCSTG.SWR.5030001",
    "error_msg": "Service unavailable: injected",
    "count": RETRIES + 1,
}


@pytest.fixture
def emulator() -> EmulatorApp:
    return create_app(seed="demo")


@pytest.fixture
async def session(emulator: EmulatorApp, tmp_path: Path) -> AsyncIterator[Session]:
    client = SwrClient(
        DEMO_ENDPOINT,
        region=seeds.DEMO_PROJECT_NAME,
        auth=AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID),
        project_id=seeds.DEMO_PROJECT_ID,
        transport=httpx.ASGITransport(emulator),
        retries=RETRIES,
        backoff=0.0,
    )
    found = Session(Connection(client, "demo", client.region), journal_dir=tmp_path / "j")
    yield found
    await found.close()


async def script(session: Session, lines: list[str]) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = await Repl(session, out=out, err=err, rich_tables=False).run_script(lines)
    return out.getvalue(), err.getvalue(), code


async def test_a_page_that_fails_is_named_and_retry_fetches_just_it(
    session: Session, emulator: EmulatorApp
) -> None:
    emulator.faults.add(NGINX_TAGS)
    out, err, code = await script(session, ["tags demo/nginx --json"])
    assert code == EXIT_INCOMPLETE and err == ""
    document = json.loads(out)
    assert document["incomplete"] is True and document["items"] == []
    [gap] = document["missing"]
    assert gap["what"] == "tags of demo/nginx from #1 on"
    assert gap["error_code"] == "SVCSTG.SWR.5030001"
    assert gap["error_msg"] == "Service unavailable: injected"
    assert gap["url"].endswith("/namespaces/demo/repos/nginx/tags?limit=100&offset=0")

    emulator.faults.clear()
    out, err, code = await script(session, ["retry"])
    assert code == 0 and err == ""
    tags = json.loads(out)  # a complete list is a plain list again
    every = {tag.name for tag in await session.client.tags.list("demo", "nginx")}
    assert len(every) > 20 and sorted(t["tag"] for t in tags) == sorted(every)
    assert session.incomplete is None


async def test_table_shows_rows_then_what_is_missing_and_scripts_stop(
    session: Session, emulator: EmulatorApp
) -> None:
    # The first page of repositories fails; nothing after it is known, so that is the gap.
    emulator.faults.add({**NGINX_TAGS, "path": r"/manage/repos$"})
    out, err, code = await script(session, ["repos demo", "orgs"])
    assert code == EXIT_INCOMPLETE and err == ""
    assert "(no rows)" in out and "data-team" not in out  # stopped before `orgs`
    warning = out.splitlines()[-2:]
    assert warning[0].startswith("warning: INCOMPLETE: 1 part of this listing")
    assert "`retry` fetches only the missing parts" in warning[0]
    assert warning[1].startswith(
        "  missing repositories of demo from #1 on: SVCSTG.SWR.5030001: "
        "Service unavailable: injected (http://swr-emulator.demo/v2/manage/repos?limit=100&"
    )
    out, _, code = await script(session, ["retry --csv"])
    assert code == 0 and "demo/nginx" in out and "warning" not in out


async def test_cleanup_refuses_to_plan_over_an_incomplete_inventory(
    session: Session, emulator: EmulatorApp
) -> None:
    emulator.faults.add(NGINX_TAGS)
    result = await run_line(session, "cleanup plan demo --keep-last 3")
    assert result is not None and not result.ok
    assert result.error_code == "INCOMPLETE_LISTING"
    assert "tags of demo/nginx: SVCSTG.SWR.5030001: Service unavailable" in result.error_msg
    assert [gap.what for gap in result.missing] == ["tags of demo/nginx"]

    emulator.faults.clear()
    again = await run_line(session, "cleanup plan demo --keep-last 3")
    assert again is not None and again.ok
    assert "demo/nginx" in {row[0].split(":")[0] for row in again.rows}


async def test_nothing_to_retry_after_complete_listings(session: Session) -> None:
    out, _, code = await script(session, ["tags demo/nginx --limit 1", "retry"])
    assert code == 0 and out.strip().endswith("nothing to retry: no listing is incomplete")
