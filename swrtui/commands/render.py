"""Pure text renderings of a :class:`Result`: aligned table, JSON and CSV.

JSON keeps the raw values with stable keys (a table is a list of objects keyed by column
key, a record one object; times as ``2024-01-02T03:04:05Z``, sizes in bytes). Tables are for
people: sizes, times and digests as :mod:`swrtui.commands.format` writes them for every
front end, booleans as yes/no. Front ends choose a
format; the REPL may draw the table with rich instead, from :func:`table_cells`.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from typing import Any

from swrtui.commands.format import UNKNOWN, ago, human_bytes, short_digest, size_full, when_full
from swrtui.commands.result import Column, Result


def wire_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return wire_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def cell(value: Any, kind: str = "text", detail: bool = False) -> str:
    """One value as a person reads it: in a table (times relative), or in a record's
    details (``detail``: times absolute with their zone and age)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return when_full(value) if detail else ago(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"
    if kind == "bytes" and isinstance(value, int):
        return size_full(value) if detail else human_bytes(value)
    if kind == "digest" and isinstance(value, str):
        return short_digest(value)
    if kind == "platforms" and isinstance(value, str):
        return value or UNKNOWN
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(item) for item in value)
    return str(value)


def table_cells(result: Result) -> tuple[list[str], list[list[str]]]:
    """Headings and formatted cells of a table result (shared by every table drawer)."""
    headings = [column.heading for column in result.columns]
    rows = [
        [cell(value, column.kind) for value, column in zip(row, result.columns, strict=True)]
        for row in result.rows
    ]
    return headings, rows


def aligned(rows: list[list[str]], right: list[bool]) -> list[str]:
    """``rows`` as lines in columns two spaces apart (``right``: which columns are numbers,
    right-aligned); the first row may be headings. Also for the columns inside a record."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(right))] if rows else []

    def line(cells: list[str]) -> str:
        columns = zip(cells, widths, right, strict=True)
        parts = [c.rjust(w) if r else c.ljust(w) for c, w, r in columns]
        return "  ".join(parts).rstrip()

    return [line(row) for row in rows]


def _aligned(headings: list[str], rows: list[list[str]], right: list[bool]) -> str:
    return "\n".join(aligned([headings, *rows], right))


def _numeric(column: Column) -> bool:
    return column.kind in ("int", "bytes")


def render_table(result: Result) -> str:
    """Plain aligned text for every kind of result."""
    if result.kind == "table":
        headings, rows = table_cells(result)
        body = (
            _aligned(headings, rows, [_numeric(c) for c in result.columns]) if rows else "(no rows)"
        )
        return "\n".join([body, *result.notes, *missing_lines(result)])
    if result.kind == "record":
        width = max((len(key) for key, _ in result.record), default=0)
        kinds = dict(result.record_kinds)
        lines = [
            f"{key.ljust(width)}  {cell(value, kinds.get(key, 'text'), detail=True)}"
            for key, value in result.record
        ]
        return "\n".join([*lines, *result.notes, *missing_lines(result)])
    if result.kind == "error":
        return error_line(result)
    return result.message


def missing_lines(result: Result) -> list[str]:
    """The warning after an incomplete listing: what is missing, why, and how to retry."""
    if result.complete:
        return []
    count = len(result.missing)
    how = (
        "`retry` fetches only the missing parts"
        if result.retry is not None
        else "run the command again to retry"
    )
    return [
        f"warning: INCOMPLETE: {count} part{'s' if count != 1 else ''} of this listing "
        f"could not be fetched; {how}:",
        *(f"  missing {gap.line}" for gap in result.missing),
    ]


def json_document(result: Result) -> Any:
    document = _json_body(result)
    if result.complete:
        return document
    # A bare list would look complete: an incomplete one is wrapped and says what it lacks.
    return {
        "incomplete": True,
        "missing": [gap.to_dict() for gap in result.missing],
        "items" if result.kind == "table" else "result": document,
    }


def _json_body(result: Result) -> Any:
    if result.document is not None:
        return jsonable(result.document)
    if result.kind == "table":
        return [jsonable(row) for row in result.as_dicts()]
    if result.kind == "record":
        return {key: jsonable(value) for key, value in result.record}
    if result.kind == "error":
        return {"error_code": result.error_code, "error_msg": result.error_msg}
    return {"message": result.message}


def render_json(result: Result) -> str:
    return json.dumps(json_document(result), indent=2, ensure_ascii=False)


def render_csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if result.kind == "table":
        writer.writerow([column.key for column in result.columns])
        writer.writerows([_csv_value(v) for v in row] for row in result.rows)
    elif result.kind == "record":
        writer.writerow(["field", "value"])
        writer.writerows([key, _csv_value(value)] for key, value in result.record)
    elif result.kind == "error":
        return error_line(result)
    else:
        return result.message
    return out.getvalue().rstrip("\n")


def _csv_value(value: Any) -> Any:
    value = jsonable(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return "" if value is None else value


def error_line(result: Result) -> str:
    """``error: CODE: message`` on one line."""
    text = " ".join(result.error_msg.split())
    return f"error: {result.error_code}: {text}" if result.error_code else f"error: {text}"


RENDERERS = {"table": render_table, "json": render_json, "csv": render_csv}


def render(result: Result, output: str = "table") -> str:
    """``result`` as text in ``result.output`` if the line chose one, else ``output``."""
    return RENDERERS[result.output or output](result)
