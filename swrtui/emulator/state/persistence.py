"""Keep the emulator's state in a SQLite file across restarts (``swrtui emulator --state FILE``).

One row holds the whole snapshot (:mod:`swrtui.emulator.state.snapshot`, secrets included: they are
the emulator's own fake credentials, and the file is created readable by its owner only).
:meth:`SqliteStore.save` rewrites it in one transaction; the app calls it after every
successful change, so a crash loses at most the request in flight.

Cost, measured on one laptop core: the demo seed (~650 tags, 0.8 MB) saves in about 10 ms;
``large:200x100`` (20,000 tags, 24 MB) takes a few hundred ms per change, so persisting large
benchmark seeds slows every mutating request by that much.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from swrtui import clock
from swrtui.emulator.state.snapshot import from_document, to_document
from swrtui.emulator.state.store import EmulatorState

_SCHEMA = """
CREATE TABLE IF NOT EXISTS emulator_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    saved_at TEXT NOT NULL,
    document TEXT NOT NULL
)
"""


class StateFileError(RuntimeError):
    """The state file exists but cannot be used (not SQLite, or not an emulator state)."""


class SqliteStore:
    """The state file: :meth:`load` what was saved, :meth:`save` the current state."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        fresh = not self.path.exists()
        try:
            # One connection for the app's lifetime; uvicorn runs handlers on one thread, tests
            # may drive the app from another.
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            if fresh:
                self.path.chmod(0o600)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise StateFileError(
                f"{self.path} is not a usable SQLite state file: {_one_line(exc)}"
            ) from exc

    def load(self) -> EmulatorState | None:
        """The saved state, or None when nothing was saved yet."""
        try:
            row = self._db.execute("SELECT document FROM emulator_state WHERE id = 1").fetchone()
        # A damaged file: "disk image is malformed", or a text column that is no longer UTF-8.
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise StateFileError(
                f"{self.path} is not a usable SQLite state file: {_one_line(exc)}"
            ) from exc
        if row is None:
            return None
        try:
            return from_document(json.loads(row[0]))
        # A hand-edited or damaged document: any shape error is "unreadable", not a crash.
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise StateFileError(
                f"{self.path} holds an unreadable emulator state: {_one_line(exc)}"
            ) from exc

    def save(self, state: EmulatorState) -> None:
        document = json.dumps(to_document(state, include_secrets=True), separators=(",", ":"))
        saved_at = clock.now().isoformat()
        with self._db:  # one transaction: the old row stays until the new one is complete
            self._db.execute(
                "INSERT INTO emulator_state (id, saved_at, document) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, "
                "document = excluded.document",
                (saved_at, document),
            )

    def close(self) -> None:
        self._db.close()


def _one_line(exc: BaseException) -> str:
    """SQLite quotes schema text (with its newlines) in errors; messages stay one line, short."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"
