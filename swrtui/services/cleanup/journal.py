"""The cleanup journal: one JSONL file per run, so a run can be audited and resumed.

File ``cleanup-<run id>.jsonl`` in the caller's journal directory (front ends pass the
platformdirs state directory). Lines, each flushed as soon as it is written:

- ``{"type": "run", "run_id", "created", "source", "target"}`` once (``target``: the
  endpoint, region, project and profile the run deletes in; a resume anywhere else is
  refused), then one ``{"type": "planned", org, repo, tag, digest, size, updated, rule}``
  per planned tag;
- ``{"type": "deleted" | "already_gone", org, repo, tag, "at"}`` after the server confirmed;
- ``{"type": "changed", org, repo, tag, "at"}``: skipped, the tag moved since the plan;
- ``{"type": "failed", org, repo, tag, "at", "error_code", "status", "message"}``;
- ``{"type": "resumed" | "cancelled" | "finished", "at", ...}`` around executions.

A tag is written as deleted only after the DELETE call returned, so an interrupted run never
claims a deletion that did not happen.

One writer per run: the file is opened for appending only (``O_APPEND``), and an open
:class:`Journal` holds an advisory lock (``fcntl.flock``) on ``cleanup-<run id>.lock`` beside
it until :meth:`Journal.close`, which removes the lock file. A second executor of the same
run is refused (:class:`JournalBusy`); a crashed one leaves only an empty lock file, which
holds no lock (the kernel drops it) and the next run of it takes over.

The journal holds tag names and error texts only:
no credential ever passes through it.
"""

from __future__ import annotations

import contextlib
import fcntl
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

# Outcomes a resume does not try again ("changed": the tag is no longer what was planned).
DONE = ("deleted", "already_gone", "changed")
PREFIX = "cleanup-"
TARGET_FIELDS = ("endpoint", "region", "project", "profile")


class JournalError(ServiceError, ValueError):
    """A journal that cannot be found or read."""

    code = "CLEANUP.JOURNAL"
    title = "Cleanup journal"


class JournalBusy(JournalError):
    """Another process is executing the same run right now."""

    code = "CLEANUP.JOURNAL_BUSY"
    title = "Cleanup run in progress"


class WrongTarget(JournalError):
    """The journal was written against another registry, project or profile."""

    code = "CLEANUP.WRONG_TARGET"
    title = "Cleanup journal of another target"


def describe_target(target: Mapping[str, Any]) -> str:
    return ", ".join(f"{name} {target.get(name) or '-'}" for name in TARGET_FIELDS)


def check_target(state: JournalState, current: Mapping[str, Any]) -> None:
    """Refuse to resume ``state`` anywhere but where it was planned."""
    recorded = {name: state.target.get(name) or "" for name in TARGET_FIELDS}
    now = {name: current.get(name) or "" for name in TARGET_FIELDS}
    if recorded != now:
        raise WrongTarget(
            f"run {state.run_id} was planned against {describe_target(recorded)}; "
            f"this session is {describe_target(now)}: refusing to resume it here"
        )


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
    target: dict[str, Any] = field(default_factory=dict)

    def pending(self) -> list[PlannedDeletion]:
        """Planned tags not yet confirmed gone (failed ones are tried again)."""
        return [
            item for item in self.planned if self.outcomes.get(item.key, {}).get("type") not in DONE
        ]

    def count(self, kind: str) -> int:
        return sum(1 for outcome in self.outcomes.values() if outcome.get("type") == kind)


def lock_run(path: Path) -> int:
    """Hold the run's advisory lock (a descriptor; closing it releases the lock).

    The holder removes the lock file when it closes (:func:`unlock_run`), so a process that
    opened the file just before may lock a name no longer in the directory while a third
    creates a new one; such a lock is dropped and taken again on the file the name now holds.
    """
    lock = path.with_suffix(".lock")
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise JournalBusy(
                f"run {path.stem.removeprefix(PREFIX)} is being executed by another process "
                f"(lock {lock}); wait for it to finish"
            ) from None
        if _same_file(fd, lock):
            return fd
        os.close(fd)  # the holder removed it after we opened it: lock the current one


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def unlock_run(path: Path, fd: int) -> None:
    """Remove the run's lock file, then release the lock: removing it while still holding
    the lock is what lets :func:`lock_run` tell a stale name from the current one."""
    with contextlib.suppress(FileNotFoundError):
        path.with_suffix(".lock").unlink()
    os.close(fd)


class Journal:
    """An open journal file holding the run's lock; :meth:`record` appends one flushed line."""

    def __init__(self, path: Path, run_id: str, handle: IO[str], lock: int) -> None:
        self.path = path
        self.run_id = run_id
        self._handle = handle
        self._lock = lock

    @classmethod
    def create(
        cls,
        directory: Path,
        plan: Plan,
        run_id: str | None = None,
        target: Mapping[str, Any] | None = None,
    ) -> Journal:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        run_id = run_id or new_run_id()
        path = journal_path(directory, run_id)
        lock = lock_run(path)
        # O_EXCL: never append to (or clobber) another run's journal.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
        try:
            handle = _open(path, flags)
        except BaseException:
            unlock_run(path, lock)
            raise
        journal = cls(path, run_id, handle, lock)
        head = {"type": "run", "run_id": run_id, "created": _now_iso()}
        journal.write({**head, "source": dict(plan.source), "target": dict(target or {})})
        for item in plan.items:
            journal.write({"type": "planned", **item.to_dict()})
        return journal

    @classmethod
    def open_run(cls, path: Path) -> tuple[Journal, JournalState]:
        """Lock an existing run, then read it: what it says cannot change under the caller."""
        lock = lock_run(path)
        try:
            state = read_journal(path)
            handle = _open(path, os.O_WRONLY | os.O_APPEND)
        except BaseException:
            unlock_run(path, lock)
            raise
        return cls(path, state.run_id, handle, lock), state

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
            unlock_run(self.path, self._lock)


def _open(path: Path, flags: int) -> IO[str]:
    try:
        return os.fdopen(os.open(path, flags, 0o600), "w", encoding="utf-8")
    except OSError as exc:
        raise JournalError(f"cannot open journal {path}: {exc.strerror}") from None


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
    target = head.get("target") or {}
    if not isinstance(run_id, str) or not all(isinstance(d, dict) for d in (source, target)):
        raise JournalError(f"{path}:{documents[0][0]}: the run line is damaged")
    state = JournalState(run_id, path, source, [])
    state.target = {str(key): str(value) for key, value in target.items()}
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
