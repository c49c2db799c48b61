"""What a command returns: a :class:`Result` that each front end renders its own way.

A result is one of four kinds: a table (columns + rows of raw values), a record (ordered
field → value pairs), a message, or an error (``error_code`` + ``error_msg`` and the exit
code a script sees). ``changed`` names what the command modified so a front end can
refresh just that (the TUI's tree, the REPL's name cache).

A listing that fanned out and did not get everything carries its gaps in ``missing`` (see
:mod:`swrtui.services.listing`), exits with :data:`EXIT_INCOMPLETE`, and ``retry`` fetches
only the missing parts again, giving the merged result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

# Re-exported: a result's exit code uses the program's one numbering.
from swrtui.errors import EXIT_ERROR as EXIT_ERROR
from swrtui.errors import EXIT_INCOMPLETE as EXIT_INCOMPLETE
from swrtui.errors import EXIT_OK as EXIT_OK
from swrtui.errors import EXIT_USAGE as EXIT_USAGE
from swrtui.services.listing import Gap

Kind = Literal["table", "record", "message", "error"]
# "platforms": a platform list, which a listing knows only for multi-arch images; an empty
# one is shown as "-" (not known here), not as a blank that reads like a missing value.
ColumnKind = Literal["text", "int", "bytes", "time", "bool", "digest", "platforms"]


@dataclass(frozen=True)
class Column:
    """A table column: ``key`` in JSON/CSV, ``title`` in tables, ``kind`` for formatting."""

    key: str
    title: str = ""
    kind: ColumnKind = "text"

    @property
    def heading(self) -> str:
        return self.title or self.key.replace("_", " ").upper()


@dataclass(frozen=True)
class Changed:
    """A hint that something changed: ``scope`` is orgs, repos, tags, profile or context.

    ``org``/``repo`` narrow it (``Changed("tags", "demo", "web")``: refresh web's tags).
    """

    scope: str
    org: str | None = None
    repo: str | None = None


@dataclass(frozen=True)
class Result:
    kind: Kind
    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    record: tuple[tuple[str, Any], ...] = ()
    # How a record's fields are formatted for people (by key; text when not named).
    record_kinds: tuple[tuple[str, ColumnKind], ...] = ()
    message: str = ""
    error_code: str = ""
    error_msg: str = ""
    exit_code: int = EXIT_OK
    changed: frozenset[Changed] = field(default_factory=frozenset)
    # A title for the output pane (TUI) or nothing (REPL); never affects JSON/CSV.
    title: str = ""
    # Lines shown after the table or record (warnings, totals); in JSON only via ``document``.
    notes: tuple[str, ...] = ()
    # What --json prints instead of the rows, when the command has a richer document.
    document: Any = None
    # The format the line asked for (--json/--csv/--table); None: the session's choice.
    output: str | None = None
    # The parts of a listing that could not be fetched; never empty on an incomplete one.
    missing: tuple[Gap, ...] = ()
    # Fetches just ``missing`` again and gives the merged result.
    retry: Callable[[], Awaitable[Result]] | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.kind != "error"

    @property
    def complete(self) -> bool:
        return not self.missing

    def incomplete(
        self, gaps: Sequence[Gap], retry: Callable[[], Awaitable[Result]] | None
    ) -> Result:
        """This result marked as missing ``gaps`` (unchanged when there are none)."""
        if not gaps:
            return self
        exit_code = self.exit_code or EXIT_INCOMPLETE
        return replace(self, missing=tuple(gaps), retry=retry, exit_code=exit_code)

    def with_changes(self, *changes: Changed) -> Result:
        return replace(self, changed=self.changed | frozenset(changes))

    def as_dicts(self) -> list[dict[str, Any]]:
        """Table rows as dicts keyed by column key (the JSON form)."""
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


def table(
    columns: Sequence[Column | str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "",
    notes: Sequence[str] = (),
    document: Any = None,
) -> Result:
    cols = tuple(c if isinstance(c, Column) else Column(c) for c in columns)
    return Result(
        "table",
        columns=cols,
        rows=tuple(tuple(r) for r in rows),
        title=title,
        notes=tuple(notes),
        document=document,
    )


def record(
    fields: Mapping[str, Any] | Iterable[tuple[str, Any]],
    *,
    title: str = "",
    kinds: Mapping[str, ColumnKind] | None = None,
) -> Result:
    items = fields.items() if isinstance(fields, Mapping) else fields
    return Result(
        "record",
        record=tuple((str(k), v) for k, v in items),
        title=title,
        record_kinds=tuple((kinds or {}).items()),
    )


def row_record(columns: Sequence[Column], row: Sequence[Any], *, title: str = "") -> Result:
    """One table row shown as a record: each field formatted as its column is."""
    fields = zip((c.key for c in columns), row, strict=True)
    return record(fields, title=title, kinds={c.key: c.kind for c in columns})


def message(text: str, *changes: Changed) -> Result:
    return Result("message", message=text, changed=frozenset(changes))


def error(error_msg: str, error_code: str = "", exit_code: int = EXIT_ERROR) -> Result:
    return Result("error", error_code=error_code, error_msg=error_msg, exit_code=exit_code)
