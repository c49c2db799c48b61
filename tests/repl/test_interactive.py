"""The interactive REPL driven through prompt-toolkit's pipe input, one area per test, with
assertions on what it printed."""

from __future__ import annotations

import json
from pathlib import Path

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from swrtui.commands import Session
from swrtui.repl.completion import CommandCompleter
from tests.commands.test_suggest import pushed
from tests.repl.conftest import drive


async def test_greeting_tables_json_and_one_line_errors(session: Session) -> None:
    out, err, code = await drive(
        session, ["orgs", "tags demo/nginx --sort name --limit 2 --json", "tags demo/Nope"]
    )
    assert code == 0
    assert out.startswith("swrtui repl:")
    assert "data-team" in out and "platform" in out
    document = out[out.index("[") : out.rindex("]") + 1]
    assert [row["tag"] for row in json.loads(document)] == ["2.0", "2.0.1"]
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: USAGE: tags list: invalid repository name 'Nope' (argument 1)")
    assert "Traceback" not in out + err


async def test_context_and_tenant_views(session: Session) -> None:
    out, _, _ = await drive(session, ["cd demo/nginx", "pwd", "quotas", "overview", "versions"])
    assert "/demo/nginx" in out
    assert "namespace" in out and "repositories   42" in out and "CURRENT" in out


async def test_destructive_commands_ask_and_obey_the_answer(session: Session) -> None:
    out, _, _ = await drive(
        session,
        [
            "tags delete demo/nginx:latest",
            "n",
            "tags delete demo/nginx:3.1",
            "y",
            "tags demo/nginx",
        ],
    )
    assert "cancelled" in out and "Deleted 1 of 1 tag (demo/nginx:3.1)" in out
    listing = out[out.rindex("TAG") :]
    assert "\nlatest " in listing and "\n3.1 " not in listing


async def test_permissions_sharing_sync_triggers_retention(session: Session) -> None:
    out, err, _ = await drive(
        session,
        [
            "perms org grant demo dev-alice=u-dev-0002 edit",
            "perms org demo",
            "share add demo/redis partner-account",
            "share demo/redis",
            "sync tasks demo/nginx",
            "triggers platform/frontend/web-portal",
            "retention history demo/tools/ci-runner --limit 3",
        ],
    )
    assert err == ""
    assert "granted dev-alice edit on demo" in out and "u-dev-0002" in out
    assert "partner-account" in out and "forever" in out
    assert "ap-southeast-1" in out and "demo-mirror" in out
    assert "3 of " in out


async def test_cleanup_dry_run_and_login(session: Session) -> None:
    out, _, _ = await drive(
        session,
        ["cleanup plan demo/nginx --keep-last 5 --older-than 90d", "login", "login --show --json"],
    )
    assert "would be deleted" in out and "demo/nginx:2.0.1" in out
    assert "password    ********" in out
    shown = json.loads(out[out.rindex("{") : out.rindex("}") + 1])
    assert shown["password"] != "********"


async def test_completer_offers_repositories_and_tags_from_the_cache(session: Session) -> None:
    session.cache.set_orgs(["demo"])
    session.cache.set_repos("demo", ["nginx", "node"])
    session.cache.set_tags("demo", "nginx", pushed("latest", "1.25"))
    completer = CommandCompleter(session)
    typed = "tags show demo/ngin"
    found = list(completer.get_completions(Document(typed), CompleteEvent()))
    assert found[0].text == "demo/nginx:" and found[0].start_position == -len("demo/ngin")
    typed = "tags show demo/nginx:la"
    assert [c.text for c in completer.get_completions(Document(typed), CompleteEvent())] == [
        "demo/nginx:latest"
    ]


async def test_background_cache_fills_in(session: Session, tmp_path: Path) -> None:
    import asyncio

    session.start_cache()
    for _ in range(200):
        if session.cache.repos("demo"):
            break
        await asyncio.sleep(0.01)
    assert "nginx" in session.cache.repos("demo")
    assert "demo/tools/ci-runner" in session.cache.all_repos()
    session.cache.want_tags("demo", "nginx")
    for _ in range(200):
        if session.cache.tags("demo", "nginx"):
            break
        await asyncio.sleep(0.01)
    assert "latest" in session.cache.tags("demo", "nginx")
