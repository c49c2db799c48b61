"""Executing cleanup plans against the emulator: exactly the plan, journals, resume, cancel."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from swrtui.client import SwrClient
from swrtui.emulator.state import seeds
from swrtui.services.cleanup import (
    ConfirmationRequired,
    Finished,
    Pattern,
    RuleSet,
    Started,
    TagFinished,
    execute_plan,
    find_journal,
    make_plan,
    parse_duration,
    read_journal,
    resume,
)
from tests.services.conftest import LAB_DOOMED, LAB_TAGS, Lab, make_client

EXPECTED = set(LAB_DOOMED)
RULES = RuleSet(
    orgs=(Pattern.parse("demo"),),
    repos=(Pattern.parse("cleanup-lab"),),
    keep_last=5,
    older_than=parse_duration("90d"),
    keep=(Pattern.parse("latest"), Pattern.parse("release-*")),
)


def journal_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def tags_of(lines: list[dict[str, object]], kind: str) -> list[object]:
    return [line["tag"] for line in lines if line["type"] == kind]


async def test_execute_needs_confirmation(swr: SwrClient, lab: Lab, journal_dir: Path) -> None:
    plan = await make_plan(swr, RULES, now=lab.now)
    with pytest.raises(ConfirmationRequired):
        await execute_plan(swr, plan, confirmed=False, journal_dir=journal_dir)
    assert lab.tag_names() == set(LAB_TAGS) and not journal_dir.exists()


async def test_execute_deletes_exactly_the_plan_then_is_a_no_op(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    plan = await make_plan(swr, RULES, now=lab.now)
    events: list[object] = []
    report = await execute_plan(
        swr, plan, confirmed=True, journal_dir=journal_dir, concurrency=3, on_event=events.append
    )
    assert {item.tag for item in report.deleted} == EXPECTED and report.ok
    assert lab.tag_names() == set(LAB_TAGS) - EXPECTED
    assert isinstance(events[0], Started) and events[0].total == len(EXPECTED)
    progress = [e for e in events if isinstance(e, TagFinished)]
    assert sorted(e.done for e in progress) == list(range(1, len(EXPECTED) + 1))
    assert isinstance(events[-1], Finished) and events[-1].report == report
    lines = journal_lines(report.journal)
    assert lines[0]["type"] == "run" and lines[0]["run_id"] == report.run_id
    assert set(tags_of(lines, "planned")) == EXPECTED == set(tags_of(lines, "deleted"))
    assert lines[-1] == {
        "type": "finished", "deleted": 8, "already_gone": 0, "changed": 0, "failed": 0,
        "not_attempted": 0,
    }  # fmt: skip
    assert report.journal.stat().st_mode & 0o777 == 0o600
    assert find_journal(journal_dir, "latest") == report.journal
    text = report.journal.read_text()
    assert seeds.DEMO_ADMIN_SK not in text and seeds.DEMO_ADMIN_AK not in text

    second = await make_plan(swr, RULES, now=lab.now)
    assert second.count == 0
    again = await execute_plan(swr, second, confirmed=True, journal_dir=journal_dir)
    assert again.deleted == () and again.ok and lab.tag_names() == set(LAB_TAGS) - EXPECTED


async def test_concurrency_is_bounded(lab: Lab, journal_dir: Path) -> None:
    lab.app.faults.latency_ms = 20
    async with make_client(lab.app) as client:
        plan = await make_plan(client, RULES, now=lab.now)
        lab.app.faults.stats = type(lab.app.faults.stats)()
        await execute_plan(client, plan, confirmed=True, journal_dir=journal_dir, concurrency=2)
    assert lab.app.faults.stats.max_in_flight == 2


async def test_faults_half_way_then_resume_ends_with_exactly_the_plan(
    lab: Lab, journal_dir: Path
) -> None:
    async with make_client(lab.app, retries=0) as client:
        plan = await make_plan(client, RULES, now=lab.now)

        def inject_after_three(event: object) -> None:
            if isinstance(event, TagFinished) and event.done == 3:
                lab.app.faults.add({"action": "status", "method": "DELETE", "status": 500})

        first = await execute_plan(
            client, plan, confirmed=True, journal_dir=journal_dir, concurrency=1,
            on_event=inject_after_three,
        )  # fmt: skip
        assert len(first.deleted) == 3 and len(first.failed) == 5 and not first.ok
        assert {f.error_code for f in first.failed} == {"SVCSTG.SWR.5000001"}
        assert {f.status for f in first.failed} == {500}
        assert lab.tag_names() == set(LAB_TAGS) - {i.tag for i in first.deleted}
        state = read_journal(first.journal)
        assert {i.tag for i in state.pending()} == EXPECTED - {i.tag for i in first.deleted}

        lab.app.faults.clear()
        # Someone else deleted one of the pending tags meanwhile: that is "already gone".
        gone = state.pending()[0]
        del lab.app.state.namespaces["demo"].repos["cleanup-lab"].tags[gone.tag]
        second = await resume(client, first.journal, confirmed=True)
    assert [i.tag for i in second.already_gone] == [gone.tag]
    assert {i.tag for i in second.deleted} == EXPECTED - {i.tag for i in first.deleted} - {gone.tag}
    assert second.run_id == first.run_id and second.ok
    assert lab.tag_names() == set(LAB_TAGS) - EXPECTED
    assert read_journal(first.journal).pending() == []


async def test_cancel_leaves_an_accurate_journal_and_resume_finishes(
    lab: Lab, journal_dir: Path
) -> None:
    lab.app.faults.latency_ms = 5
    async with make_client(lab.app) as client:
        plan = await make_plan(client, RULES, now=lab.now)
        task: asyncio.Task[object] | None = None

        def cancel_after_three(event: object) -> None:
            if isinstance(event, TagFinished) and event.done == 3 and task is not None:
                task.cancel()

        task = asyncio.ensure_future(
            execute_plan(
                client, plan, confirmed=True, journal_dir=journal_dir, concurrency=2,
                on_event=cancel_after_three,
            )
        )  # fmt: skip
        with pytest.raises(asyncio.CancelledError):
            await task
        path = find_journal(journal_dir, "latest")
        lines = journal_lines(path)
        assert lines[-1]["type"] == "cancelled"
        marked = set(tags_of(lines, "deleted"))
        assert 3 <= len(marked) < len(EXPECTED)
        # Nothing is marked deleted that still exists.
        assert not marked & lab.tag_names()
        report = await resume(client, path, confirmed=True)
    assert (
        marked | {i.tag for i in report.deleted} | {i.tag for i in report.already_gone} == EXPECTED
    )
    assert lab.tag_names() == set(LAB_TAGS) - EXPECTED


async def test_an_observer_that_raises_stops_the_run_and_the_journal_says_so(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    plan = await make_plan(swr, RULES, now=lab.now)

    def broken(event: object) -> None:
        if isinstance(event, TagFinished):
            raise RuntimeError("progress bar crashed")

    with pytest.raises(RuntimeError, match="progress bar crashed"):
        await execute_plan(swr, plan, confirmed=True, journal_dir=journal_dir, on_event=broken)
    lines = journal_lines(find_journal(journal_dir, "latest"))
    assert lines[-1]["type"] == "cancelled"
    marked = set(tags_of(lines, "deleted"))
    assert marked and not marked & lab.tag_names()
    await asyncio.sleep(0.05)  # nothing keeps deleting in the background
    assert len(set(LAB_TAGS) - lab.tag_names()) <= len(marked) + 4
