"""The one tag-deletion engine against the emulator: exact reports, 404s told apart by error
code, bounded concurrency as the server measured it, progress and cancellation."""

from __future__ import annotations

import asyncio

import pytest

from swrtui.services.deletion import (
    DeletionReport,
    Progress,
    TagDeleter,
    TagDeletion,
    delete_tags,
)
from tests.services.conftest import LAB, LAB_TAGS, Lab, make_client

ORG, REPO = LAB
REPO_NOT_FOUND = "SVCSTG.SWR.4040010"
ORG_NOT_FOUND = "SVCSTG.SWR.4040058"
INJECTED = "SVCSTG.SWR.5000001"


def lab_tag(tag: str) -> TagDeletion:
    return TagDeletion(ORG, REPO, tag)


async def test_report_is_exact_and_only_tag_not_found_counts_as_gone(lab: Lab) -> None:
    # One delete fails on the server; the path is the tag's, so only that one.
    lab.app.faults.add({"action": "status", "method": "DELETE", "status": 500, "path": "/build-5$"})
    items = [
        lab_tag("build-3"),
        lab_tag("build-4"),
        lab_tag("build-5"),
        lab_tag("never-pushed"),
        TagDeletion(ORG, "no-such-repo", "1.0"),
        TagDeletion("no-such-org", REPO, "1.0"),
    ]
    async with make_client(lab.app, retries=0) as client:
        report = await delete_tags(client, items, concurrency=2)

    assert [i.tag for i in report.deleted] == ["build-3", "build-4"]
    assert report.already_gone == (lab_tag("never-pushed"),)
    failed = {f.item.reference: (f.error_code, f.status) for f in report.failed}
    assert failed == {
        f"{ORG}/{REPO}:build-5": (INJECTED, 500),
        f"{ORG}/no-such-repo:1.0": (REPO_NOT_FOUND, 404),
        f"no-such-org/{REPO}:1.0": (ORG_NOT_FOUND, 404),
    }
    assert report.not_attempted == () and not report.cancelled and not report.ok
    assert report.total == len(items)
    assert lab.tag_names() == set(LAB_TAGS) - {"build-3", "build-4"}
    summary = report.summary()
    assert summary.startswith(
        "Deleted 2 of 6 tags (demo/cleanup-lab:build-3, demo/cleanup-lab:build-4); "
        "1 already gone; 3 failed: "
    )
    assert f"{ORG}/{REPO}:build-5 {INJECTED}: " in summary


async def test_concurrency_is_bounded_as_the_server_sees_it(lab: Lab) -> None:
    lab.app.faults.latency_ms = 20
    doomed = ["build-3", "build-4", "build-5", "build-6", "build-7", "build-8", "build-9"]
    async with make_client(lab.app) as client:
        lab.app.faults.stats = type(lab.app.faults.stats)()
        report = await delete_tags(client, [lab_tag(t) for t in doomed], concurrency=3)
    assert report.ok and len(report.deleted) == len(doomed)
    assert lab.app.faults.stats.max_in_flight == 3
    assert lab.app.faults.stats.requests == len(doomed)


async def test_progress_counts_every_outcome_once(lab: Lab) -> None:
    seen: list[Progress] = []
    items = [lab_tag("build-3"), lab_tag("gone-already"), lab_tag("build-3")]
    async with make_client(lab.app) as client:
        report = await delete_tags(client, items, on_progress=seen.append)
    # The duplicate is deleted once, not reported as a second "already gone".
    assert report.deleted == (lab_tag("build-3"),)
    assert report.already_gone == (lab_tag("gone-already"),)
    assert sorted(p.done for p in seen) == [1, 2] and {p.total for p in seen} == {2}
    assert {p.item.tag: p.outcome for p in seen} == {
        "build-3": "deleted",
        "gone-already": "already_gone",
    }


async def test_cancelled_run_reports_what_was_not_attempted(lab: Lab) -> None:
    lab.app.faults.latency_ms = 5
    doomed = ["build-3", "build-4", "build-5", "build-6", "build-7"]
    async with make_client(lab.app) as client:
        task: asyncio.Task[object] | None = None

        def cancel_after_two(progress: Progress) -> None:
            if progress.done == 2 and task is not None:
                task.cancel()

        deleter = TagDeleter(
            client, [lab_tag(t) for t in doomed], concurrency=1, on_progress=cancel_after_two
        )
        task = asyncio.ensure_future(deleter.run())
        with pytest.raises(asyncio.CancelledError):
            await task
    report = deleter.report(cancelled=True)
    assert [i.tag for i in report.deleted] == doomed[:2]
    assert [i.tag for i in report.not_attempted] == doomed[2:]
    assert report.cancelled and not report.ok
    assert report.summary() == (
        "Deleted 2 of 5 tags (demo/cleanup-lab:build-3, demo/cleanup-lab:build-4); "
        "3 not attempted (cancelled)"
    )
    assert lab.tag_names() == set(LAB_TAGS) - set(doomed[:2])


def test_concurrency_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        TagDeleter(None, [], concurrency=0)  # type: ignore[arg-type]


async def test_a_namespace_not_found_404_fails_every_item_instead_of_counting_as_gone(
    lab: Lab,
) -> None:
    # The finding: a 404 that says "organization not found" (an SVCSTG.SWR.4040001-style
    # code) on DELETE made a run report every tag as already gone while all were still there.
    namespace_missing = "SVCSTG.SWR.4040001"
    lab.app.faults.add(
        {
            "action": "status",
            "method": "DELETE",
            "status": 404,
            "error_code": namespace_missing,
            "error_msg": "Namespace not found",
        }
    )
    doomed = ["build-3", "build-4", "build-5"]
    async with make_client(lab.app, retries=0) as client:
        report = await delete_tags(client, [lab_tag(t) for t in doomed])
    assert report.deleted == () and report.already_gone == ()
    assert {f.item.tag: (f.error_code, f.status) for f in report.failed} == {
        tag: (namespace_missing, 404) for tag in doomed
    }
    assert not report.ok
    assert lab.tag_names() == set(LAB_TAGS)
    assert "0 already gone" not in report.summary() and "3 failed" in report.summary()


def test_summary_counts_in_words() -> None:
    one = DeletionReport(deleted=(lab_tag("a"),), already_gone=(), failed=(), not_attempted=())
    assert one.summary() == f"Deleted 1 of 1 tag ({ORG}/{REPO}:a)"
    two = DeletionReport(
        deleted=(), already_gone=(lab_tag("a"),), failed=(), not_attempted=(lab_tag("b"),)
    )
    assert two.summary() == "Deleted 0 of 2 tags; 1 already gone; 1 not attempted (cancelled)"
