"""Sync, triggers, retention, login and cleanup through run_line, plus the session commands,
read-only mode, confirmation and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swrtui.commands import EXIT_ERROR, EXIT_USAGE, Changed, Session, render
from swrtui.emulator.state import seeds
from swrtui.services.login import long_term_password
from tests.commands.conftest import column, field, run


async def test_sync_tasks_add_run_jobs_remove(session: Session) -> None:
    assert "cn-south-1" in column(await run(session, "sync regions"), "region")
    added = await run(session, "sync add demo/redis cn-south-1/demo --manual")
    assert added.message == "syncing demo/redis to cn-south-1/demo"
    tasks = await run(session, "sync tasks demo/redis")
    assert column(tasks, "region") == ["cn-south-1"] and column(tasks, "automatic") == [False]
    latest = column(await run(session, "tags demo/redis --limit 1"), "tag")[0]
    ran = await run(session, f"sync run demo/redis:{latest} --to cn-south-1/demo")
    assert ran.ok, ran.error_msg
    jobs = await run(session, "sync jobs demo/redis --limit 5")
    assert latest in column(jobs, "tag")
    assert (await run(session, "sync run demo/redis:x")).exit_code == EXIT_USAGE
    assert (await run(session, "sync remove demo/redis cn-south-1/demo --yes")).ok
    assert (await run(session, "sync tasks demo/redis")).rows == ()


async def test_triggers_add_show_toggle_delete(session: Session) -> None:
    cluster = "--cluster-id 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --cluster-name prod"
    line = f"triggers add demo/nginx roll --app web --namespace default {cluster}"
    assert (await run(session, line)).message == "created trigger roll on demo/nginx"
    listing = await run(session, "triggers demo/nginx")
    assert column(listing, "name") == ["roll"] and column(listing, "enabled") == [True]
    await run(session, "triggers disable demo/nginx roll")
    shown = await run(session, "triggers show demo/nginx roll")
    assert field(shown, "enabled") is False and field(shown, "application") == "deployments/web"
    await run(session, "triggers enable demo/nginx roll")
    assert field(await run(session, "triggers show demo/nginx roll"), "enabled") is True
    missing = await run(session, "triggers add demo/nginx x --app web")
    assert missing.exit_code == EXIT_USAGE and "--namespace" in missing.error_msg
    assert (await run(session, "triggers delete demo/nginx roll --yes")).ok
    assert (await run(session, "triggers demo/nginx")).rows == ()


async def test_retention_policy_history_and_preview(session: Session) -> None:
    seeded = await run(session, "retention platform/api-gateway")
    assert len(seeded.rows) == 1
    assert "pushed more than 90 days ago" in str(column(seeded, "rules")[0])
    preview = await run(session, "retention preview demo/nginx --keep-last 5 --keep latest")
    tags = column(await run(session, "tags demo/nginx"), "tag")
    # Kept tags do not count towards the five newest: latest plus five others stay.
    assert len(preview.rows) == len(tags) - 6
    assert "demo/nginx:latest" not in column(preview, "reference")
    document = json.loads(render(preview, "json"))
    assert document["totals"]["delete"] == len(preview.rows)

    added = await run(session, "retention add demo/redis --keep-last 3")
    assert added.ok, added.error_msg
    policy_id = column(await run(session, "retention demo/redis"), "id")[0]
    assert len(column(await run(session, "tags demo/redis"), "tag")) == 3
    history = await run(session, "retention history demo/redis")
    assert history.rows and column(history, "policy")[0] == policy_id
    updated = await run(session, f"retention update demo/redis {policy_id} --days 30")
    assert "delete tags pushed more than 30 days ago" in updated.message
    both = await run(session, "retention add demo/node --days 3 --keep-last 2")
    assert both.exit_code == EXIT_USAGE
    assert (await run(session, f"retention delete demo/redis {policy_id} --yes")).ok
    assert (await run(session, "retention preview demo/redis")).message.endswith(
        "preview rules with --days N or --keep-last N"
    )


async def test_login_masked_shown_and_long_term(session: Session) -> None:
    temporary = await run(session, "login")
    assert field(temporary, "password") == "********"
    assert "--password-stdin" not in str(field(temporary, "command"))
    # JSON never masks, --show or not: the same four keys as `swrtui login --json`.
    shown = json.loads(render(await run(session, "login temporary --json"), "json"))
    assert set(shown) == {"username", "password", "host", "expires_at"}
    assert shown["password"] != "********"
    assert shown["expires_at"].endswith("Z")
    long_term = await run(session, "login long-term --show")
    expected = long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK).reveal()
    assert field(long_term, "password") == expected
    assert field(long_term, "username") == f"cn-north-4@{seeds.DEMO_ADMIN_AK}"


async def test_login_writes_docker_config(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    result = await run(session, "login --write-docker-config")
    assert field(result, "docker_config") == str(tmp_path / "config.json")
    auths = json.loads((tmp_path / "config.json").read_text())["auths"]
    assert "swr.cn-north-4.myhuaweicloud.com" in auths


async def test_cleanup_plan_then_execute_exactly_the_plan(session: Session) -> None:
    rules = "demo/nginx --keep-last 5 --older-than 90d --keep 'latest'"
    plan = await run(session, f"cleanup plan {rules}")
    planned = {str(ref).split(":", 1)[1] for ref in column(plan, "reference")}
    assert planned and "latest" not in planned
    assert plan.notes[0].startswith(f"{len(planned)} of ")
    refused = await run(session, f"cleanup execute {rules}")
    assert refused.exit_code == EXIT_ERROR and "--yes" in refused.error_msg
    report = await run(session, f"cleanup execute {rules} --yes")
    assert field(report, "deleted") == len(planned) and field(report, "failed") == 0
    assert Changed("tags", "demo", "nginx") in report.changed
    remaining = set(column(await run(session, "tags demo/nginx"), "tag"))
    assert not remaining & planned
    assert (await run(session, f"cleanup execute {rules} --yes")).message == "nothing to delete"


async def test_context_output_and_settings(session: Session) -> None:
    assert (await run(session, "cd demo")).message == "/demo"
    assert column(await run(session, "repos --limit 1"), "repository")[0].startswith("demo/")
    assert (await run(session, "cd nginx")).message == "/demo/nginx"
    assert field(await run(session, "pwd"), "context") == "/demo/nginx"
    assert column(await run(session, "tags --limit 1"), "tag")
    assert (await run(session, "cd ..")).message == "/demo"
    assert (await run(session, "cd /")).message == "/"
    assert (await run(session, "cd nowhere")).kind == "error"
    await run(session, "set output csv")
    assert (
        render(await run(session, "orgs"), session.output).splitlines()[0] == "name,id,creator,role"
    )
    bad = await run(session, "set output yaml")
    assert bad.exit_code == EXIT_USAGE and "invalid output 'yaml' (argument 2)" in bad.error_msg
    await run(session, "exit")
    assert session.exit_requested


async def test_read_only_refuses_changes_but_reads(session: Session) -> None:
    session.connection.read_only = True
    refused = await run(session, "orgs create nope")
    assert refused.error_code == "READ_ONLY" and "read-only" in refused.error_msg
    assert (await run(session, "tags delete demo/nginx:latest --yes")).error_code == "READ_ONLY"
    assert (await run(session, "orgs")).ok


async def test_confirmation_callback_decides(session: Session) -> None:
    questions: list[str] = []

    async def no(question: str) -> bool:
        questions.append(question)
        return False

    session.confirm = no
    cancelled = await run(session, "tags delete demo/nginx:latest")
    assert cancelled.message == "cancelled" and "demo/nginx:latest" in questions[0]
    assert "latest" in column(await run(session, "tags demo/nginx"), "tag")


async def test_use_switches_profile_through_the_front_end(session: Session) -> None:
    assert (await run(session, "use other")).exit_code == EXIT_USAGE

    async def connect(name: str):  # type: ignore[no-untyped-def]
        from dataclasses import replace

        from swrtui.cli.bootstrap import demo_client

        return replace(session.connection, client=demo_client(), profile=name, read_only=True)

    session.connect = connect
    switched = await run(session, "use staging")
    assert switched.message == "using profile staging (cn-north-4, read-only)"
    assert session.profile == "staging" and Changed("profile") in switched.changed
