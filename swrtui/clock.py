"""The one source of "now" for the whole program.

Everything that asks what time it is (charts and report windows, relative times, ages in
cleanup rules and retention previews, login expiry and countdowns, the demo seed's anchor
day, journal timestamps, the emulator's own timestamps and signature checks) calls
:func:`now` or :func:`today`, never ``datetime.now``. Elapsed time (timeouts, retries,
token refresh margins) is not "now" and stays on ``time.monotonic``.

A process can be started with the clock pinned: ``SWRTUI_NOW=2026-11-01T00:00:00Z``
freezes it at that moment (a bare date means midnight UTC). The test suite pins it this way
so that every test, subprocesses included, sees the same day whatever the real date is;
it also makes demos and screenshots reproducible. In-process code can pin it with
:func:`pinned`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone, tzinfo
from functools import lru_cache

ENV = "SWRTUI_NOW"


class ClockError(ValueError):
    """``SWRTUI_NOW`` holds something that is not a moment."""

    code = "CONFIG.CLOCK"
    title = "Invalid SWRTUI_NOW"


@lru_cache(maxsize=4)
def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment or date, as an aware UTC datetime (naive input counts as UTC)."""
    value = text.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ClockError(
            f"{ENV} must be a moment like 2026-11-01T09:30:00Z or a date like 2026-11-01, "
            f"got {text[:40]!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _environment_or_system() -> datetime:
    # Read on every call rather than once at import, so that a bad value surfaces as a
    # ClockError where the command line reports errors, not as an import-time traceback.
    pinned = os.environ.get(ENV)
    return parse_moment(pinned) if pinned else datetime.now(timezone.utc)


_source: Callable[[], datetime] = _environment_or_system


def now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return _source()


def today() -> date:
    """The current UTC day."""
    return _source().date()


def is_pinned() -> bool:
    return _source is not _environment_or_system or bool(os.environ.get(ENV))


@contextmanager
def pinned(moment: datetime | Callable[[], datetime]) -> Iterator[None]:
    """Within the block, :func:`now` answers ``moment`` (or calls it, when it is a function)."""
    global _source
    previous = _source
    if callable(moment):
        _source = moment
    else:
        fixed = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
        _source = lambda: fixed  # noqa: E731 - a closure over the fixed moment
    try:
        yield
    finally:
        _source = previous


class ClockDatetime(datetime):
    """``datetime`` whose ``utcnow``/``now`` read this clock, for code that is not ours.

    Handed to a library that stamps times from ``datetime.utcnow()`` itself (the official SDK's
    signer, a conformance peer in the tests and benchmarks), so that its stamps agree with the
    emulator's checks when the clock is pinned, as freezegun would make them agree.
    """

    @classmethod
    def utcnow(cls) -> datetime:  # type: ignore[override]
        return now().replace(tzinfo=None)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        moment = now()
        return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)
