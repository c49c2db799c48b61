"""The cleanup journal: one JSONL file per run, so a run can be audited and resumed.

File ``cleanup-<run id>.jsonl`` in the caller's journal directory (front ends pass the
platformdirs state directory). Lines, each flushed as soon as it is written:

- ``{"type": "run", "run_id", "created", "source"}`` once, then one
  ``{"type": "planned", org, repo, tag, digest, size, updated, rule}`` per planned tag;
- ``{"type": "deleted" | "already_gone", org, repo, tag, "at"}`` after the server confirmed;
- ``{"type": "failed", org, repo, tag, "at", "error_code", "status", "message"}``;
- ``{"type": "resumed" | "cancelled" | "finished", "at", ...}`` around executions.

A tag is written as deleted only after the DELETE call returned, so an interrupted run never
claims a deletion that did not happen. The journal holds tag names and error texts only:
no credential ever passes through it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from swrtui import clock
from swrtui.services.cleanup.plan import Plan, PlannedDeletion
from swrtui.services.errors import ServiceError

DONE = ("deleted", "already_gone")
PREFIX = "cleanup-"


class JournalError(ServiceError, ValueError):
    """A journal that cannot be found or read."""

    code = "CLEANUP.JOURNAL"
    title = "Cleanup journal"


def _now_iso() -> str:
    return clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_run_id() -> str:
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def journal_path(directory: Path, run_id: str) -> Path:
    return directory / f"{PREFIX}{run_id}.jsonl"


@dataclass
class JournalState:
    """What a journal says: the plan, and the last outcome of each tag."""

    run_id: str
    path: Path
    source: dict[str, Any]
    planned: list[PlannedDeletion]
    outcomes: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def pending(self) -> list[PlannedDeletion]:
        """Planned tags not yet confirmed gone (failed ones are tried again)."""
        return [
            item for item in self.planned if self.outcomes.get(item.key, {}).get("type") not in DONE
        ]

    def count(self, kind: str) -> int:
        return sum(1 for outcome in self.outcomes.values() if outcome.get("type") == kind)


class Journal:
    """An open journal file; :meth:`record` appends one flushed line."""

    def __init__(self, path: Path, run_id: str, handle: IO[str]) -> None:
        self.path = path
        self.run_id = run_id
        self._handle = handle

    @classmethod
    def create(cls, directory: Path, plan: Plan, run_id: str | None = None) -> Journal:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        run_id = run_id or new_run_id()
        path = journal_path(directory, run_id)
        # "x": never append to (or clobber) another run's journal.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        journal = cls(path, run_id, os.fdopen(fd, "w", encoding="utf-8"))
        journal.write(
            {"type": "run", "run_id": run_id, "created": _now_iso(), "source": dict(plan.source)}
        )
        for item in plan.items:
            journal.write({"type": "planned", **item.to_dict()})
        return journal

    @classmethod
    def append_to(cls, state: JournalState) -> Journal:
        handle = open(state.path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
        return cls(state.path, state.run_id, handle)

    def write(self, document: Mapping[str, Any]) -> None:
        self._handle.write(json.dumps(document, separators=(",", ":")) + "\n")
        self._handle.flush()

    def record(self, kind: str, item: PlannedDeletion, **fields: Any) -> None:
        self.write(
            {
                "type": kind,
                "org": item.org,
                "repo": item.repo,
                "tag": item.tag,
                "at": _now_iso(),
                **fields,
            }
        )

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()


def _lines(path: Path) -> list[tuple[int, Any]]:
    """(line number, decoded JSON) for each non-blank line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise JournalError(f"cannot read journal {path}: {reason}") from None
    documents = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            documents.append((number, json.loads(line)))
        except (ValueError, RecursionError):
            # Only a torn last line (the process died mid-write) is tolerated.
            if number == len(lines):
                break
            raise JournalError(f"{path}:{number}: not a JSON line") from None
    return documents


_NAME_FIELDS = ("org", "repo", "tag")


def _entry(state: JournalState, document: Any) -> None:
    """Add one journal line to ``state``; a hand-edited line of the wrong shape raises."""
    if not isinstance(document, dict):
        raise TypeError("not a JSON object")
    kind = document.get("type")
    if kind not in ("planned", *DONE, "failed"):
        return
    for name in _NAME_FIELDS:
        if not isinstance(document.get(name), str) or not document[name]:
            raise ValueError(f"{name!r} must be a non-empty string")
    if kind == "planned":
        state.planned.append(PlannedDeletion.from_dict(document))
    else:
        state.outcomes[(document["org"], document["repo"], document["tag"])] = document


def read_journal(path: Path) -> JournalState:
    """The state a journal records; a journal that is not one (or was edited into something
    else) is a :class:`JournalError` naming the line, never a crash."""
    documents = _lines(path)
    head = documents[0][1] if documents else None
    if not isinstance(head, dict) or head.get("type") != "run":
        raise JournalError(f"{path} is not a cleanup journal")
    run_id, source = head.get("run_id"), head.get("source") or {}
    if not isinstance(run_id, str) or not isinstance(source, dict):
        raise JournalError(f"{path}:{documents[0][0]}: the run line is damaged")
    state = JournalState(run_id, path, source, [])
    for number, document in documents[1:]:
        try:
            _entry(state, document)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise JournalError(f"{path}:{number}: not a journal entry ({exc})") from None
    return state


# Run ids are ``new_run_id()``'s; anything longer or with other characters is a typo (and
# could make a path the file system refuses).
_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def find_journal(directory: Path, run: str) -> Path:
    """A journal by run id or path (``latest`` is the newest run in ``directory``)."""
    if run.endswith(".jsonl"):
        candidate = Path(run).expanduser()
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte
            reason = exc.strerror if isinstance(exc, OSError) else exc
            raise JournalError(f"not a usable journal path: {_shown(run)} ({reason})") from None
    if run == "latest":
        runs = list_journals(directory)
        if not runs:
            raise JournalError(f"no cleanup journal in {directory}")
        return runs[-1]
    if not _RUN_ID.fullmatch(run):
        raise JournalError(f"not a run id: {_shown(run)} (use a run id, latest, or a .jsonl path)")
    path = journal_path(directory, run)
    if not path.exists():
        raise JournalError(f"no cleanup journal for run {run!r} in {directory}")
    return path


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 60 else f"{text[:57]!r}… ({len(text)} characters)"


def list_journals(directory: Path) -> list[Path]:
    """Journals in ``directory``, oldest run first (run ids start with a UTC timestamp)."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"{PREFIX}*.jsonl"))
