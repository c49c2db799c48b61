"""Cleanup never deletes what the user did not see: re-pushed tags are kept, journals bind to
their target and to one writer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swrtui.client import SwrClient
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.backend import images
from swrtui.emulator.state.store import utcnow
from swrtui.services.cleanup import (
    JournalBusy,
    TagFinished,
    WrongTarget,
    execute_plan,
    make_plan,
    resume,
)
from swrtui.services.cleanup.journal import Journal, _same_file, lock_run, unlock_run
from swrtui.services.deletion import name_targets
from tests.services.conftest import (
    LAB,
    LAB_DOOMED,
    LAB_TAGS,
    Lab,
    lab_size,
    make_client,
    push_lab,
)
from tests.services.test_cleanup_execute import RULES

REPO_ROOT = Path(__file__).resolve().parents[2]


def repush(app: EmulatorApp, tag: str, content: str, when_offset: float = 1.0) -> None:
    """Push ``tag`` again (``content`` decides its digest), as ``docker push`` would."""
    state = app.state
    ns = state.namespaces[LAB[0]]
    when = (utcnow() + timedelta(seconds=when_offset)).replace(microsecond=0)
    known = {key for _, key in LAB_TAGS.values()}
    size = lab_size(content) if content in known else 7
    images.push(state, ns, ns.repos[LAB[1]], tag, content_key=content, size=size, when=when)


async def test_a_tag_repushed_after_the_plan_is_kept(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    plan = await make_plan(swr, RULES, now=lab.now)
    repush(lab.app, "build-4", "brand-new")  # other content
    same = next(i for i in plan.items if i.tag == "build-6")
    repush(lab.app, "build-6", "build-6", when_offset=3600)  # same content, pushed again
    assert lab.app.state.namespaces["demo"].repos["cleanup-lab"].tags["build-6"].digest == (
        same.digest
    )
    report = await execute_plan(swr, plan, confirmed=True, journal_dir=journal_dir)
    assert {i.tag for i in report.changed} == {"build-4", "build-6"}
    assert {i.tag for i in report.deleted} == set(LAB_DOOMED) - {"build-4", "build-6"}
    assert {"build-4", "build-6"} <= lab.tag_names()
    lines = [json.loads(line) for line in report.journal.read_text().splitlines()]
    assert {line["tag"] for line in lines if line["type"] == "changed"} == {"build-4", "build-6"}


async def test_resume_keeps_a_tag_repushed_since_the_plan(lab: Lab, journal_dir: Path) -> None:
    lab.app.faults.add({"action": "status", "method": "DELETE", "path": "tags/build-5$",
                        "status": 503, "count": 100})  # fmt: skip
    async with make_client(lab.app, retries=0) as client:
        plan = await make_plan(client, RULES, now=lab.now)
        first = await execute_plan(client, plan, confirmed=True, journal_dir=journal_dir)
    assert [f.item.tag for f in first.failed] == ["build-5"]
    lab.app.faults.clear()
    repush(lab.app, "build-5", "rebuilt")
    async with make_client(lab.app) as client:
        second = await resume(client, first.journal, confirmed=True)
    assert [i.tag for i in second.changed] == ["build-5"] and not second.deleted
    assert "build-5" in lab.tag_names()


async def test_resume_against_another_target_is_refused(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    lab.app.faults.add({"action": "status", "method": "DELETE", "path": "tags/build-5$",
                        "status": 503, "count": 100})  # fmt: skip
    async with make_client(lab.app, retries=0) as client:
        plan = await make_plan(client, RULES, now=lab.now)
        first = await execute_plan(
            client, plan, confirmed=True, journal_dir=journal_dir, profile="prod"
        )
    lab.app.faults.clear()
    with pytest.raises(WrongTarget) as other_profile:
        await resume(swr, first.journal, confirmed=True, profile="staging")
    text = str(other_profile.value)
    assert "profile prod" in text and "profile staging" in text
    elsewhere = SwrClient("https://swr-api.ap-southeast-1.example", region="ap-southeast-1",
                          auth=swr._http.auth, transport=swr._http._transport)  # fmt: skip
    with pytest.raises(WrongTarget) as other_endpoint:
        await resume(elsewhere, first.journal, confirmed=True, profile="prod")
    assert "ap-southeast-1" in str(other_endpoint.value) and swr.endpoint in str(
        other_endpoint.value
    )
    assert "build-5" in lab.tag_names()  # nothing deleted by the refused resumes
    done = await resume(swr, first.journal, confirmed=True, profile="prod")
    assert [i.tag for i in done.deleted] == ["build-5"]


HOLDER = """
import sys
from pathlib import Path
from swrtui.services.cleanup.journal import Journal, _same_file, lock_run, unlock_run
journal, state = Journal.open_run(Path(sys.argv[1]))
print("locked", state.run_id, flush=True)
sys.stdin.read()
"""


async def test_one_writer_per_run_across_processes(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    lab.app.faults.add({"action": "status", "method": "DELETE", "path": "tags/build-5$",
                        "status": 503, "count": 100})  # fmt: skip
    async with make_client(lab.app, retries=0) as client:
        plan = await make_plan(client, RULES, now=lab.now)
        first = await execute_plan(client, plan, confirmed=True, journal_dir=journal_dir)
    lab.app.faults.clear()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(first.journal)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().split() == ["locked", first.run_id]
        with pytest.raises(JournalBusy) as busy:
            await resume(swr, first.journal, confirmed=True)
        assert first.run_id in str(busy.value) and "another process" in str(busy.value)
        assert "build-5" in lab.tag_names()
        holder.send_signal(signal.SIGKILL)  # a crash: the kernel drops the lock
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
    report = await resume(swr, first.journal, confirmed=True)
    assert [i.tag for i in report.deleted] == ["build-5"]


async def test_journals_are_opened_for_appending_only(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    import fcntl

    plan = await make_plan(swr, RULES, now=lab.now)
    journal = Journal.create(journal_dir, plan)
    try:
        flags = fcntl.fcntl(journal._handle.fileno(), fcntl.F_GETFL)
        assert flags & os.O_APPEND
    finally:
        journal.close()
    # Closing removes the lock file (under the lock): nothing is left beside the journal.
    assert not journal.path.with_suffix(".lock").exists()
    assert sorted(p.name for p in journal_dir.iterdir()) == [journal.path.name]


async def test_a_lock_file_removed_by_its_holder_is_never_held_twice(
    swr: SwrClient, lab: Lab, journal_dir: Path
) -> None:
    import fcntl

    plan = await make_plan(swr, RULES, now=lab.now)
    first = Journal.create(journal_dir, plan)
    lock = first.path.with_suffix(".lock")
    stale = os.open(lock, os.O_RDWR)  # a second process opened the file, not locked it yet
    try:
        first.close()
        # The stale descriptor now locks a name gone from the directory...
        fcntl.flock(stale, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert not _same_file(stale, lock)
        # ...so lock_run takes the current file, which a third process then cannot take.
        held = lock_run(first.path)
        try:
            assert _same_file(held, lock)
            with pytest.raises(JournalBusy):
                lock_run(first.path)
        finally:
            unlock_run(first.path, held)
    finally:
        os.close(stale)
    assert not lock.exists()


def test_confirmations_name_all_few_targets_or_the_first_and_the_count() -> None:
    few = [f"demo/web:{n}" for n in range(10)]
    assert name_targets(few) == ", ".join(few)
    many = [f"demo/web:{n}" for n in range(27)]
    assert name_targets(many) == (
        "demo/web:0, demo/web:1, demo/web:2, demo/web:3, demo/web:4 and 22 more (27 in all)"
    )


CONTENTS = st.sampled_from(["a", "b", "build-4", "build-7"])
REPUSHES = st.lists(
    st.tuples(st.sampled_from(LAB_DOOMED), st.integers(0, len(LAB_DOOMED)), CONTENTS,
              st.booleans()),
    max_size=6,
)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repushes=REPUSHES)
async def test_cleanup_never_deletes_a_tag_that_changed_since_the_plan(
    repushes: list[tuple[str, int, str, bool]],
) -> None:
    """Re-pushes land after the plan (step 0) or while the run goes (after its step N).

    One worker, so that "before its turn" is exact: the one window left, between a tag's
    read and its delete, is one round trip that no push here can fall into. Every re-pushed
    tag survives: kept as changed when pushed before its turn, pushed anew after it.
    """
    app = create_app(seed="demo")
    push_lab(app, utcnow())
    finished: dict[str, int] = {}
    pushed_at: dict[str, int] = {}

    def push_due(step: int) -> None:
        for tag, at, content, later in repushes:
            if at == step:
                repush(app, tag, content, when_offset=3600 if later else 1)
                pushed_at.setdefault(tag, step)

    def on_event(event: object) -> None:
        if isinstance(event, TagFinished):
            finished[event.item.tag] = event.done
            push_due(event.done)

    with tempfile.TemporaryDirectory() as journal_dir:
        async with make_client(app) as client:
            plan = await make_plan(client, RULES)
            push_due(0)
            report = await execute_plan(
                client, plan, confirmed=True, concurrency=1, journal_dir=Path(journal_dir),
                on_event=on_event,
            )  # fmt: skip
    tags = app.state.namespaces[LAB[0]].repos[LAB[1]].tags
    assert set(pushed_at) <= set(tags)
    for item in report.deleted:
        assert pushed_at.get(item.tag, len(LAB_DOOMED)) >= finished[item.tag]
    for item in report.changed:
        assert pushed_at[item.tag] < finished[item.tag]
    assert len(report.deleted) + len(report.changed) == plan.count
