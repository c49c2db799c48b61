"""Executing a cleanup plan: bounded concurrent deletes, progress events, journal, report.

``await execute_plan(client, plan, confirmed=True, journal_dir=...)`` deletes the planned
tags; ``await resume(client, journal_file, confirmed=True)`` finishes an interrupted run
from its journal without planning again. Both report through ``on_event`` (a plain
callable taking :data:`Event`) for a TUI progress bar or a REPL progress line, and return a
:class:`Report`.

Outcomes per tag: ``deleted``; ``already_gone`` (the server answered 404: the tag is gone
either way); ``failed`` with the error code. Cancellation (``asyncio.CancelledError``) stops
the workers, appends a ``cancelled`` line and re-raises; a delete whose answer never arrived
is not marked, so a resume tries it again (and counts a 404 as already gone).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swrtui.client import NotFoundError, SwrClient, SwrError
from swrtui.services.cleanup.journal import Journal, JournalState, read_journal
from swrtui.services.cleanup.plan import Plan, PlannedDeletion
from swrtui.services.errors import ServiceError

DEFAULT_CONCURRENCY = 4


class ConfirmationRequired(ServiceError, RuntimeError):
    """Deleting needs ``confirmed=True``: the caller must have asked the user."""

    code = "CLEANUP.NOT_CONFIRMED"
    title = "Not confirmed"


@dataclass(frozen=True)
class Failure:
    item: PlannedDeletion
    error_code: str
    status: int | None
    message: str


@dataclass(frozen=True)
class Started:
    run_id: str
    journal: Path
    total: int


@dataclass(frozen=True)
class TagFinished:
    """One tag is done: ``outcome`` is ``deleted``, ``already_gone`` or ``failed``."""

    item: PlannedDeletion
    outcome: str
    done: int
    total: int
    failure: Failure | None = None


@dataclass(frozen=True)
class Report:
    run_id: str
    journal: Path
    deleted: tuple[PlannedDeletion, ...]
    already_gone: tuple[PlannedDeletion, ...]
    failed: tuple[Failure, ...]
    not_attempted: tuple[PlannedDeletion, ...]
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_attempted and not self.cancelled

    def to_dict(self) -> dict[str, Any]:
        def refs(items: tuple[PlannedDeletion, ...]) -> list[str]:
            return [item.reference for item in items]

        return {
            "run_id": self.run_id,
            "journal": str(self.journal),
            "cancelled": self.cancelled,
            "deleted": refs(self.deleted),
            "already_gone": refs(self.already_gone),
            "failed": [
                {
                    "tag": f.item.reference,
                    "error_code": f.error_code,
                    "status": f.status,
                    "message": f.message,
                }
                for f in self.failed
            ],
            "not_attempted": refs(self.not_attempted),
        }


@dataclass(frozen=True)
class Finished:
    report: Report


Event = Started | TagFinished | Finished
EventHandler = Callable[[Event], None]


class _Run:
    """State of one execution; the workers share it (one event loop, so no locks)."""

    def __init__(
        self, journal: Journal, items: Sequence[PlannedDeletion], on_event: EventHandler | None
    ) -> None:
        self.journal = journal
        self.items = list(items)
        self.on_event = on_event or (lambda event: None)
        self.deleted: list[PlannedDeletion] = []
        self.gone: list[PlannedDeletion] = []
        self.failed: list[Failure] = []

    @property
    def done(self) -> int:
        return len(self.deleted) + len(self.gone) + len(self.failed)

    def finish(self, item: PlannedDeletion, outcome: str, failure: Failure | None = None) -> None:
        # Journal first, then the event: an observer never sees more than the file says.
        if failure is None:
            self.journal.record(outcome, item)
            (self.deleted if outcome == "deleted" else self.gone).append(item)
        else:
            self.journal.record(
                "failed",
                item,
                error_code=failure.error_code,
                status=failure.status,
                message=failure.message,
            )
            self.failed.append(failure)
        self.on_event(TagFinished(item, outcome, self.done, len(self.items), failure))

    def report(self, cancelled: bool) -> Report:
        finished = {i.key for i in self.deleted} | {i.key for i in self.gone}
        finished |= {f.item.key for f in self.failed}
        return Report(
            run_id=self.journal.run_id,
            journal=self.journal.path,
            deleted=tuple(self.deleted),
            already_gone=tuple(self.gone),
            failed=tuple(self.failed),
            not_attempted=tuple(i for i in self.items if i.key not in finished),
            cancelled=cancelled,
        )


async def _delete_one(client: SwrClient, run: _Run, item: PlannedDeletion) -> None:
    try:
        await client.tags.delete(item.org, item.repo, item.tag)
    except NotFoundError:
        run.finish(item, "already_gone")
    except SwrError as exc:
        failure = Failure(item, exc.error_code or type(exc).__name__, exc.status, exc.error_msg)
        run.finish(item, "failed", failure)
    else:
        run.finish(item, "deleted")


async def _work(client: SwrClient, run: _Run, queue: asyncio.Queue[PlannedDeletion]) -> None:
    while not queue.empty():
        await _delete_one(client, run, queue.get_nowait())


async def _execute(client: SwrClient, run: _Run, concurrency: int) -> Report:
    queue: asyncio.Queue[PlannedDeletion] = asyncio.Queue()
    for item in run.items:
        queue.put_nowait(item)
    try:
        run.on_event(Started(run.journal.run_id, run.journal.path, len(run.items)))
        workers = [
            asyncio.ensure_future(_work(client, run, queue))
            for _ in range(max(1, min(concurrency, len(run.items))))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            # Cancelled, or an observer raised: stop every worker before writing the end.
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
    except BaseException:
        report = run.report(cancelled=True)
        run.journal.write({"type": "cancelled", **_counts(report)})
        run.journal.close()
        raise
    report = run.report(cancelled=False)
    run.journal.write({"type": "finished", **_counts(report)})
    run.journal.close()
    run.on_event(Finished(report))
    return report


def _counts(report: Report) -> dict[str, int]:
    return {
        "deleted": len(report.deleted),
        "already_gone": len(report.already_gone),
        "failed": len(report.failed),
        "not_attempted": len(report.not_attempted),
    }


def _check(confirmed: bool, concurrency: int) -> None:
    if not confirmed:
        raise ConfirmationRequired("deleting tags needs an explicit confirmation")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")


async def execute_plan(
    client: SwrClient,
    plan: Plan,
    *,
    confirmed: bool,
    journal_dir: Path,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_event: EventHandler | None = None,
) -> Report:
    """Delete every tag of ``plan``, journaling each outcome in a new run's journal."""
    _check(confirmed, concurrency)
    journal = Journal.create(journal_dir, plan)
    return await _execute(client, _Run(journal, plan.items, on_event), concurrency)


async def resume(
    client: SwrClient,
    journal_file: Path | JournalState,
    *,
    confirmed: bool,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_event: EventHandler | None = None,
) -> Report:
    """Finish a run from its journal: delete what was planned and is not yet gone."""
    _check(confirmed, concurrency)
    state = journal_file if isinstance(journal_file, JournalState) else read_journal(journal_file)
    pending = state.pending()
    journal = Journal.append_to(state)
    journal.write({"type": "resumed", "pending": len(pending)})
    return await _execute(client, _Run(journal, pending, on_event), concurrency)
