"""Tag deletion: the one engine every front end and the cleanup executor delete tags with.

::

    report = await delete_tags(client, [TagDeletion("demo", "web", "1.0")], on_progress=cb)
    report.summary()   # "Deleted 7 of 8 tags; 1 failed: demo/web:1.0 SVCSTG.SWR.4000xxx …"

Deletes run with bounded concurrency (``concurrency`` workers pull from one queue, so at most
that many DELETE calls are in flight), and the :class:`DeletionReport` is exact: which tags
were deleted, which were already gone, which failed (error code, HTTP status and message
each), and which were never attempted because the run was cancelled.

Only "the image tag does not exist" (:data:`TAG_NOT_FOUND`) counts as already gone: the goal
of the call is met. A 404 for the organization or repository is a failure with its code:
the tag may well exist where the caller meant, so claiming it gone would hide a mistake.

Each :class:`TagDeletion` carries the digest (and update time) the caller saw. When it is
known, the tag is read again (one GET) right before its DELETE: a tag that now points at
other content, or was pushed again since, is skipped and reported as ``changed`` ("changed
since plan"), never deleted. SWR's DELETE has no conditional form, so one read-then-delete
round trip per tag is the window that remains.

A read-only client (:class:`~swrtui.client.ReadOnlyError`) stops the whole run: it is not a
per-tag failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from swrtui.client import NotFoundError, ReadOnlyError, SwrClient, SwrError
from swrtui.services.words import plural

DEFAULT_CONCURRENCY = 4
# SWR's "The image tag does not exist" (reference, error codes): the only 404 that means the
# tag is gone. Organization (4040058) and repository (4040010) 404s are failures.
TAG_NOT_FOUND = "SVCSTG.SWR.4040048"
# Up to how many targets a confirmation names all of them; past it, the first few and the count.
CONFIRM_NAMES = 10
CONFIRM_FIRST = 5
# How many failures a one-line summary names before it says "…"; and up to how many
# deleted tags it names (a few names say more than a count, a hundred say less).
SUMMARY_FAILURES = 3
SUMMARY_NAMES = 3

Outcome = Literal["deleted", "already_gone", "changed", "failed"]


@dataclass(frozen=True)
class TagRef:
    """A tag by name: what a plan, a deletion and a report line all point at."""

    org: str
    repo: str
    tag: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.org, self.repo, self.tag)

    @property
    def reference(self) -> str:
        return f"{self.org}/{self.repo}:{self.tag}"


@dataclass(frozen=True)
class TagDeletion(TagRef):
    """One tag to delete; ``expected_digest`` and ``expected_updated`` are what the caller
    saw (empty/None: not known, so not checked)."""

    expected_digest: str = ""
    expected_updated: datetime | None = None

    def changed(self, digest: str, updated: datetime | None) -> bool:
        """Whether the tag as read now (``digest``, ``updated``) is not what the caller saw."""
        if self.expected_digest and digest != self.expected_digest:
            return True
        if self.expected_updated is None or updated is None:
            return False
        # Journals keep whole seconds: finer differences are the same push.
        return _seconds(updated) != _seconds(self.expected_updated)


def _seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


@dataclass(frozen=True)
class Failure:
    item: TagDeletion
    error_code: str
    status: int | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "tag": self.item.reference,
            "error_code": self.error_code,
            "status": self.status,
            "message": self.message,
        }


@dataclass(frozen=True)
class Progress:
    """One tag is done: ``done`` of ``total`` have an outcome now."""

    item: TagDeletion
    outcome: Outcome
    done: int
    total: int
    failure: Failure | None = None


ProgressHandler = Callable[[Progress], None]


@dataclass(frozen=True)
class DeletionReport:
    deleted: tuple[TagDeletion, ...]
    already_gone: tuple[TagDeletion, ...]
    failed: tuple[Failure, ...]
    not_attempted: tuple[TagDeletion, ...]
    cancelled: bool = False
    # Skipped: the tag points at other content (or was pushed again) since the caller saw it.
    changed: tuple[TagDeletion, ...] = ()

    @property
    def total(self) -> int:
        return (
            len(self.deleted)
            + len(self.already_gone)
            + len(self.changed)
            + len(self.failed)
            + len(self.not_attempted)
        )

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_attempted and not self.cancelled

    def counts(self) -> dict[str, int]:
        return {
            "deleted": len(self.deleted),
            "already_gone": len(self.already_gone),
            "changed": len(self.changed),
            "failed": len(self.failed),
            "not_attempted": len(self.not_attempted),
        }

    def summary(self) -> str:
        """One line for a notification or a REPL message, exact about every outcome."""
        head = f"Deleted {len(self.deleted)} of {plural(self.total, 'tag')}"
        if 0 < len(self.deleted) <= SUMMARY_NAMES:
            head += f" ({', '.join(item.reference for item in self.deleted)})"
        parts = [head]
        if self.already_gone:
            parts.append(f"{len(self.already_gone)} already gone")
        if self.changed:
            named = ", ".join(item.reference for item in self.changed[:SUMMARY_NAMES])
            more = ", …" if len(self.changed) > SUMMARY_NAMES else ""
            parts.append(f"{len(self.changed)} changed since plan, kept ({named}{more})")
        if self.failed:
            named = [
                f"{f.item.reference} {f.error_code}: {f.message}"
                for f in self.failed[:SUMMARY_FAILURES]
            ]
            more = ", …" if len(self.failed) > SUMMARY_FAILURES else ""
            parts.append(f"{len(self.failed)} failed: {', '.join(named)}{more}")
        if self.not_attempted:
            parts.append(f"{len(self.not_attempted)} not attempted (cancelled)")
        return "; ".join(parts)


def name_targets(references: Sequence[str]) -> str:
    """The targets a confirmation names: all of them when few, else the first and the count."""
    if len(references) <= CONFIRM_NAMES:
        return ", ".join(references)
    rest = len(references) - CONFIRM_FIRST
    return f"{', '.join(references[:CONFIRM_FIRST])} and {rest} more ({len(references)} in all)"


def _failure(item: TagDeletion, exc: SwrError) -> Failure:
    return Failure(item, exc.error_code or type(exc).__name__, exc.status, exc.error_msg)


class TagDeleter:
    """One deletion run. :meth:`run` returns the report; after a cancellation (which
    :meth:`run` re-raises) :meth:`report` still tells exactly what happened so far."""

    def __init__(
        self,
        client: SwrClient,
        items: Sequence[TagDeletion],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: ProgressHandler | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.client = client
        # The same tag twice would be deleted once and then "fail" as already gone.
        self.items = list(dict.fromkeys(items))
        self.concurrency = concurrency
        self.on_progress = on_progress or (lambda progress: None)
        self._deleted: list[TagDeletion] = []
        self._gone: list[TagDeletion] = []
        self._changed: list[TagDeletion] = []
        self._failed: list[Failure] = []

    @property
    def done(self) -> int:
        return len(self._deleted) + len(self._gone) + len(self._changed) + len(self._failed)

    async def run(self) -> DeletionReport:
        queue: asyncio.Queue[TagDeletion] = asyncio.Queue()
        for item in self.items:
            queue.put_nowait(item)
        workers = [
            asyncio.ensure_future(self._work(queue))
            for _ in range(max(1, min(self.concurrency, len(self.items))))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            # Cancelled, or an observer raised: stop every worker before anyone reads the
            # report, so nothing finishes behind it.
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        return self.report(cancelled=False)

    async def _work(self, queue: asyncio.Queue[TagDeletion]) -> None:
        while not queue.empty():
            await self._delete_one(queue.get_nowait())

    async def _delete_one(self, item: TagDeletion) -> None:
        try:
            if await self._changed_since(item):
                self._finish(item, "changed")
                return
            await self.client.tags.delete(item.org, item.repo, item.tag)
        except ReadOnlyError:
            raise
        except NotFoundError as exc:
            if exc.error_code == TAG_NOT_FOUND:
                self._finish(item, "already_gone")
            else:
                self._finish(item, "failed", _failure(item, exc))
        except SwrError as exc:
            self._finish(item, "failed", _failure(item, exc))
        else:
            self._finish(item, "deleted")

    async def _changed_since(self, item: TagDeletion) -> bool:
        """Read the tag again right before deleting it (only when the caller said what it
        saw); a "tag does not exist" answer propagates as the NotFoundError it is."""
        if not item.expected_digest and item.expected_updated is None:
            return False
        now = await self.client.tags.get(item.org, item.repo, item.tag)
        return item.changed(now.digest, now.updated)

    def _finish(self, item: TagDeletion, outcome: Outcome, failure: Failure | None = None) -> None:
        if failure is not None:
            self._failed.append(failure)
        else:
            lists = {"deleted": self._deleted, "changed": self._changed}
            lists.get(outcome, self._gone).append(item)
        self.on_progress(Progress(item, outcome, self.done, len(self.items), failure))

    def report(self, *, cancelled: bool) -> DeletionReport:
        finished = {i.key for i in (*self._deleted, *self._gone, *self._changed)}
        finished |= {f.item.key for f in self._failed}
        return DeletionReport(
            deleted=tuple(self._deleted),
            already_gone=tuple(self._gone),
            failed=tuple(self._failed),
            not_attempted=tuple(i for i in self.items if i.key not in finished),
            cancelled=cancelled,
            changed=tuple(self._changed),
        )


async def delete_tags(
    client: SwrClient,
    items: Sequence[TagDeletion],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_progress: ProgressHandler | None = None,
) -> DeletionReport:
    """Delete ``items`` (bounded, exact report); a cancellation propagates."""
    deleter = TagDeleter(client, items, concurrency=concurrency, on_progress=on_progress)
    return await deleter.run()
