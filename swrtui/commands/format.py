"""How every front end writes sizes, times and digests for people (tables, panes, notices).

One module so the REPL, the TUI and the command line never disagree: ``1.5 KiB``,
``2024-01-02 03:04`` (UTC, to the minute), ``0123456789ab`` (a digest as docker prints it).
Machine formats (JSON, CSV) keep the raw values: see :mod:`swrtui.commands.render`.
"""

from __future__ import annotations

from datetime import datetime, timezone

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")
# Shown for a time that is not known (a pane field; table cells stay empty instead).
UNKNOWN = "-"


def human_bytes(size: int) -> str:
    """``1536`` → ``1.5 KiB``: binary units, named as such; bytes stay whole."""
    value = float(size)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def when(moment: datetime | None) -> str:
    """A time in UTC to the minute, :data:`UNKNOWN` when there is none."""
    if moment is None:
        return UNKNOWN
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


def plural(count: int, singular: str, many: str = "") -> str:
    """``1 tag``, ``3 tags``, ``2 repositories`` (give ``many`` when it is not just +s)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def short_digest(digest: str) -> str:
    """``sha256:0123456789abcdef…`` → ``0123456789ab``: 12 hex digits tell images apart,
    as in ``docker images``."""
    return digest.partition(":")[2][:12] if ":" in digest else digest[:12]
