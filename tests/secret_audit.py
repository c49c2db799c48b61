"""The test session's secret audit: every known secret, searched for wherever it must not be.

What is searched (``tests/conftest.py`` wires it into the session):

- every file under the session's temporary root: the config, state and cache dirs the
  session points ``XDG_*_HOME`` and ``SWRTUI_CONFIG`` at, ``HOME``, and, because
  ``tempfile`` is pointed there too, every test's ``tmp_path`` (its own config dirs, REPL
  history files, journals, docker configs) and every ``mkdtemp`` the code or tests make;
- the TUI snapshot SVGs (every ``__snapshots__`` dir under ``tests/``);
- every log record created in this process, at every level: :class:`LogTap` makes loggers
  create records even below their level, keeps each formatted message (with exception and
  stack text), and passes on to handlers only what they would have had anyway, so caplog and
  pytest's report capture behave as before.

The secrets: every emulated user's secret key, password and security token
(:func:`seed_secrets`), the fixed :data:`SENTINELS`, and every IAM token and temporary login
(password, and its base64 ``user:password``) the emulator issues during the session,
announced through :mod:`swrtui.emulator.issued`.

The rules (a hit is a known secret's exact value found):

- a file: any hit, except in a file that holds secrets by design (:data:`EXPECTED`): the
  emulator's own database of its fake users (a ``--state`` SQLite file or a state document
  saved with its secrets) and, for the temporary login's base64 ``auth`` only, docker's
  ``config.json`` that ``swrtui login --write-docker-config`` writes on request;
- a log record that reached handlers (at or above its logger's level, caplog included):
  any hit, as it was;
- a log record below every level: it shows only with debug logging on, and swrtui's entry
  points (``swrtui``, ``docker-credential-swr``) install the redaction hook before anything
  else, so it is judged as that hook would have left it when it was created.

Output printed on purpose (``swrtui emulator`` shows the demo admin's keys, the credential
helper answers docker with a password) goes to stdout, which is not scanned; the tests that
print check their own output.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from swrtui.emulator import issued
from swrtui.emulator.state import seeds
from swrtui.redaction import redact

# Fixed sentinels: the sentinel-secret test gives them to an emulated user and configures
# profiles with them; nothing may ever write them anywhere.
SENTINELS = {
    "sentinel SK": "SENTINEL-SECRET-9f1c",
    "sentinel password": "SENTINEL-PASSWORD-4e2d",
    "sentinel wrong SK": "SENTINEL-WRONG-SK-7a3b",
}
# The level check itself, kept before any tap replaces it (taps can be stacked in tests).
_LEVEL_ALLOWS = logging.Logger.isEnabledFor
# Messages are scanned in batches so the session's log never has to be kept whole.
BATCH = 20_000


@dataclass(frozen=True)
class Hit:
    where: str  # "path:line" or "log record N (logger)"
    kind: str  # which secret, never its value


def seed_secrets() -> dict[str, str]:
    """Every emulated user's secret key, password and security token, by value → kind."""
    found: dict[str, str] = {}
    for domain in seeds.tenants().domains.values():
        for user in domain.users.values():
            for name in ("secret_key", "password", "security_token"):
                value = getattr(user, name)
                if value:
                    found[value] = f"{name} of emulated user {user.name}"
    return found


class Secrets:
    """The set of secrets to look for, growing as the emulator issues more (thread-safe)."""

    def __init__(self, known: dict[str, str]) -> None:
        self._kinds = dict(known)
        self._lock = threading.Lock()
        self._pattern: re.Pattern[bytes] | None = None

    def add(self, kind: str, value: str) -> None:
        with self._lock:
            self._kinds.setdefault(value, kind)
            self._pattern = None

    def __len__(self) -> int:
        return len(self._kinds)

    def kind(self, value: bytes) -> str:
        return self._kinds[value.decode()]

    def pattern(self) -> re.Pattern[bytes]:
        with self._lock:
            if self._pattern is None:
                # Longest first, so a secret that contains another is reported as itself.
                values = sorted(self._kinds, key=len, reverse=True)
                self._pattern = re.compile(b"|".join(re.escape(v.encode()) for v in values))
            return self._pattern

    def find(self, data: bytes) -> Iterator[tuple[int, str]]:
        """(offset, kind) of every secret in ``data``."""
        for match in self.pattern().finditer(data):
            yield match.start(), self.kind(match.group())


_STATE_DOCUMENT = re.compile(rb'"format":\s*"swrtui-emulator-state".{0,100}"secrets":\s*true', re.S)


def is_emulator_database(path: Path, data: bytes) -> bool:
    """The emulator's own store of its fake users' credentials: a ``--state`` SQLite file or
    a state document saved with its secrets (restorable only with them)."""
    if data.startswith(b"SQLite format 3\x00"):
        return b"CREATE TABLE emulator_state" in data
    return _STATE_DOCUMENT.search(data[:300]) is not None


def is_docker_config(path: Path, data: bytes) -> bool:
    """Docker's ``config.json``, which ``swrtui login --write-docker-config`` fills on request
    with the base64 ``user:password`` of a temporary login, as ``docker login`` does."""
    return path.name == "config.json" and b'"auths"' in data


# File kinds that hold some secrets by design: the predicate, and the kinds allowed there.
EXPECTED: list[tuple[Callable[[Path, bytes], bool], Callable[[str], bool]]] = [
    (is_emulator_database, lambda kind: True),
    (is_docker_config, lambda kind: kind == "temporary-login auth"),
]


def scan_file(path: Path, secrets: Secrets) -> list[Hit]:
    data = path.read_bytes()
    allowed = [kind_ok for matches, kind_ok in EXPECTED if matches(path, data)]
    newline = b"\n"  # no backslash inside an f-string before Python 3.12
    return [
        Hit(f"{path}:{data.count(newline, 0, offset) + 1}", kind)
        for offset, kind in secrets.find(data)
        if not any(kind_ok(kind) for kind_ok in allowed)
    ]


def files_under(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            yield from (p for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink())


def formatted(record: logging.LogRecord) -> str:
    """The record's message with its exception and stack text, as a handler would show it."""
    try:
        text = record.getMessage()
    except Exception:  # a bad format string: the raw parts are what could leak
        text = f"{record.msg!r} {record.args!r}"
    if record.exc_info and not record.exc_text:
        text += "\n" + logging.Formatter().formatException(record.exc_info)
    for extra in (record.exc_text, record.stack_info):
        if extra:
            text += "\n" + extra
    return text


@dataclass
class LogTap:
    """Sees every log record of the process, whatever the loggers' levels.

    ``Logger.isEnabledFor`` answers yes, so every call creates its record; ``callHandlers``
    hands the record to the tap, then to the handlers only when the logger's real level
    allows it. Messages are scanned in batches of :data:`BATCH`: a secret is registered when
    it is issued, before any record can contain it, so a batch scanned later misses nothing.
    """

    secrets: Secrets
    records: int = 0
    hits: list[Hit] = field(default_factory=list)
    _batch: list[tuple[int, str, str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _saved: tuple = ()

    def install(self) -> None:
        enabled, call_handlers = logging.Logger.isEnabledFor, logging.Logger.callHandlers
        self._saved = (enabled, call_handlers)
        tap = self

        def is_enabled_for(logger: logging.Logger, level: int) -> bool:
            return True

        def call_handlers_tapped(logger: logging.Logger, record: logging.LogRecord) -> None:
            shown = _LEVEL_ALLOWS(logger, record.levelno)
            tap.capture(record, shown)
            if shown:
                call_handlers(logger, record)

        logging.Logger.isEnabledFor = is_enabled_for  # type: ignore[method-assign]
        logging.Logger.callHandlers = call_handlers_tapped  # type: ignore[method-assign]

    def uninstall(self) -> None:
        if self._saved:
            logging.Logger.isEnabledFor, logging.Logger.callHandlers = self._saved
            self._saved = ()

    def capture(self, record: logging.LogRecord, shown: bool = True) -> None:
        text = formatted(record)
        if not shown and not getattr(record, "_swrtui_redacted", False):
            # Below every level: it shows only with debug logging on, which takes swrtui's
            # entry points, and they redact every record first; judge it as they would
            # have emitted it at this moment (the header, signature and login patterns and
            # the secrets registered so far).
            text = redact(text)
        with self._lock:
            self.records += 1
            test = os.environ.get("PYTEST_CURRENT_TEST", "outside tests")
            self._batch.append((self.records, record.name, test, text))
            full = len(self._batch) >= BATCH
        if full:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            batch, self._batch = self._batch, []
        pattern = self.secrets.pattern()
        for number, name, test, text in batch:
            for match in pattern.finditer(text.encode("utf-8", "replace")):
                kind = self.secrets.kind(match.group())
                self.hits.append(Hit(f"log record {number} ({name}, {test})", kind))


@dataclass(frozen=True)
class Report:
    files: int
    records: int
    secrets: int
    hits: list[Hit]

    def summary(self) -> str:
        return (
            f"secret audit: {self.files} files scanned, {self.records} log records scanned, "
            f"{self.secrets} secrets checked, {len(self.hits)} hits"
        )

    def details(self) -> str:
        return "\n".join(f"  {hit.where}: {hit.kind}" for hit in self.hits)


def audit(roots: Iterable[Path], tap: LogTap) -> Report:
    """Scan every file under ``roots`` and the tap's remaining log records."""
    tap.flush()
    hits = list(tap.hits)
    files = 0
    for path in files_under(roots):
        files += 1
        try:
            hits += scan_file(path, tap.secrets)
        except OSError:  # removed while scanning (a lingering thread's temp file)
            continue
    return Report(files, tap.records, len(tap.secrets), hits)


@dataclass
class SessionAudit:
    """The audit of one pytest session: its temporary root and its log tap."""

    root: Path
    tap: LogTap
    report: Report | None = None
    keep: bool = False  # leave the root for inspection (a hit, or a failed test)

    def finish(self, extra_roots: Iterable[Path]) -> Report:
        self.tap.uninstall()
        self.report = audit([self.root, *extra_roots], self.tap)
        return self.report


def start_session() -> SessionAudit:
    """Point temp, config, state, cache and data dirs under a fresh root; start the tap.

    Must run before anything computes ``tempfile.gettempdir()`` or a swrtui location, so
    that every file the session writes lands where the audit looks.
    """
    root = Path(tempfile.mkdtemp(prefix="swrtui-tests-")).resolve()
    tempfile.tempdir = str(root)
    os.environ["TMPDIR"] = str(root)  # child processes too
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        os.environ[f"XDG_{name}_HOME"] = str(root / "xdg" / name.lower())
    os.environ["SWRTUI_CONFIG"] = str(root / "xdg" / "config" / "swrtui" / "config.toml")
    secrets = Secrets({**seed_secrets(), **{v: k for k, v in SENTINELS.items()}})
    issued.listeners.append(secrets.add)
    tap = LogTap(secrets)
    tap.install()
    return SessionAudit(root, tap)
