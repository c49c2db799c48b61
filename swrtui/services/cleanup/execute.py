"""Executing a cleanup plan: the deletion engine's bounded deletes, plus events, journal, report.

``await execute_plan(client, plan, confirmed=True, journal_dir=...)`` deletes the planned
tags; ``await resume(client, journal_file, confirmed=True)`` finishes an interrupted run
from its journal without planning again. Both report through ``on_event`` (a plain
callable taking :data:`Event`) for a TUI progress bar or a REPL progress line, and return a
:class:`Report`.

Outcomes per tag are those of :mod:`swrtui.services.deletion`: ``deleted``;
``already_gone`` (SWR said the tag does not exist); ``changed`` (read again right before its
delete, the tag points at other content or was pushed again since the plan: kept);
``failed`` with the error code (a missing organization or repository too).

A run is bound to its target (endpoint, region, project, profile: :func:`target_of`), and
a resume against any other is refused; only one process executes a run at a time.

Cancellation (``asyncio.CancelledError``) stops
the workers, appends a ``cancelled`` line and re-raises; a delete whose answer never arrived
is not marked, so a resume tries it again (and counts "tag does not exist" as already gone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swrtui.client import SwrClient
from swrtui.services.cleanup.journal import Journal, JournalState, check_target
from swrtui.services.cleanup.plan import Plan, PlannedDeletion
from swrtui.services.deletion import (
    DEFAULT_CONCURRENCY,
    DeletionReport,
    Failure,
    Progress,
    TagDeleter,
    TagDeletion,
)
from swrtui.services.errors import ServiceError


class ConfirmationRequired(ServiceError, RuntimeError):
    """Deleting needs ``confirmed=True``: the caller must have asked the user."""

    code = "CLEANUP.NOT_CONFIRMED"
    title = "Not confirmed"


@dataclass(frozen=True)
class Started:
    run_id: str
    journal: Path
    total: int


@dataclass(frozen=True)
class TagFinished:
    """One tag is done: ``outcome`` is ``deleted``, ``already_gone``, ``changed`` or ``failed``."""

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
    # Skipped, not deleted: the tag changed since the plan.
    changed: tuple[PlannedDeletion, ...] = ()

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
            "changed": refs(self.changed),
            "failed": [failure.to_dict() for failure in self.failed],
            "not_attempted": refs(self.not_attempted),
        }


@dataclass(frozen=True)
class Finished:
    report: Report


Event = Started | TagFinished | Finished
EventHandler = Callable[[Event], None]


class _Run:
    """One execution: the deletion engine does the deleting; this journals each outcome
    before the event goes out, so an observer never sees more than the file says."""

    def __init__(
        self,
        client: SwrClient,
        journal: Journal,
        items: Sequence[PlannedDeletion],
        on_event: EventHandler | None,
        concurrency: int,
    ) -> None:
        self.journal = journal
        self.planned = {item.key: item for item in items}
        self.on_event = on_event or (lambda event: None)
        requests = [
            TagDeletion(item.org, item.repo, item.tag, item.digest, item.updated) for item in items
        ]
        self.deleter = TagDeleter(
            client, requests, concurrency=concurrency, on_progress=self.finish
        )

    def finish(self, progress: Progress) -> None:
        item = self.planned[progress.item.key]
        failure = progress.failure
        if failure is None:
            self.journal.record(progress.outcome, item)
        else:
            self.journal.record(
                "failed",
                item,
                error_code=failure.error_code,
                status=failure.status,
                message=failure.message,
            )
        self.on_event(TagFinished(item, progress.outcome, progress.done, progress.total, failure))

    def report(self, outcome: DeletionReport) -> Report:
        def planned(items: tuple[TagDeletion, ...]) -> tuple[PlannedDeletion, ...]:
            return tuple(self.planned[i.key] for i in items)

        return Report(
            run_id=self.journal.run_id,
            journal=self.journal.path,
            deleted=planned(outcome.deleted),
            already_gone=planned(outcome.already_gone),
            failed=outcome.failed,
            not_attempted=planned(outcome.not_attempted),
            cancelled=outcome.cancelled,
            changed=planned(outcome.changed),
        )

    async def execute(self) -> Report:
        try:
            self.on_event(Started(self.journal.run_id, self.journal.path, len(self.planned)))
            outcome = await self.deleter.run()
        except BaseException:
            report = self.report(self.deleter.report(cancelled=True))
            self.journal.write({"type": "cancelled", **_counts(report)})
            self.journal.close()
            raise
        report = self.report(outcome)
        self.journal.write({"type": "finished", **_counts(report)})
        self.journal.close()
        self.on_event(Finished(report))
        return report


def _counts(report: Report) -> dict[str, int]:
    return {
        "deleted": len(report.deleted),
        "already_gone": len(report.already_gone),
        "changed": len(report.changed),
        "failed": len(report.failed),
        "not_attempted": len(report.not_attempted),
    }


def _check(confirmed: bool, concurrency: int) -> None:
    if not confirmed:
        raise ConfirmationRequired("deleting tags needs an explicit confirmation")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")


def target_of(client: SwrClient, profile: str) -> dict[str, str]:
    """Where ``client`` deletes: what a journal binds its run to."""
    return {
        "endpoint": client.endpoint,
        "region": client.region,
        "project": client.project_id or "",
        "profile": profile,
    }


async def execute_plan(
    client: SwrClient,
    plan: Plan,
    *,
    confirmed: bool,
    journal_dir: Path,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_event: EventHandler | None = None,
    profile: str = "",
) -> Report:
    """Delete every tag of ``plan`` still as planned, journaling each outcome in a new run's
    journal bound to this client's target and ``profile``."""
    _check(confirmed, concurrency)
    journal = Journal.create(journal_dir, plan, target=target_of(client, profile))
    return await _Run(client, journal, plan.items, on_event, concurrency).execute()


async def resume(
    client: SwrClient,
    journal_file: Path | JournalState,
    *,
    confirmed: bool,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_event: EventHandler | None = None,
    profile: str = "",
) -> Report:
    """Finish a run from its journal: delete what was planned, is not yet gone and is still
    as planned. Refused (:class:`~swrtui.services.cleanup.journal.WrongTarget`) against
    another target, and (:class:`~swrtui.services.cleanup.journal.JournalBusy`) while
    another process executes the run."""
    _check(confirmed, concurrency)
    path = journal_file.path if isinstance(journal_file, JournalState) else journal_file
    # Lock first, then read: what is pending cannot change under this run.
    journal, state = Journal.open_run(path)
    try:
        check_target(state, target_of(client, profile))
    except BaseException:
        journal.close()
        raise
    pending = state.pending()
    journal.write({"type": "resumed", "pending": len(pending)})
    return await _Run(client, journal, pending, on_event, concurrency).execute()
