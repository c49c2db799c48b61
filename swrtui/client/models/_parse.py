"""Lenient readers for API documents, shared by every model's ``from_api``.

The service (and the document vs the SDK) spell some fields two ways, send ``null`` for
missing values, add fields over time and use several time formats. These helpers take a
dict and one or more candidate keys and always return a value of the wanted type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")

# 2024-01-02T03:04:05Z, with up to nine fractional digits, 'Z' or a numeric offset, or a space
# instead of 'T'. Python's fromisoformat cannot take nanoseconds or (before 3.11) a 'Z'.
_TIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$"
)

# These readers run for every field of every listed item (a 20,000-tag listing calls them
# ~400,000 times): values that already have the wanted type return at once, and text(), the
# commonest, looks its keys up itself instead of through pick().


def pick(document: Mapping[str, Any], *keys: str) -> Any:
    """The value of the first key present with a non-null value, else ``None``."""
    for key in keys:
        value = document.get(key)
        if value is not None:
            return value
    return None


def text(document: Mapping[str, Any], *keys: str, default: str = "") -> str:
    for key in keys:
        value = document.get(key)
        if value is not None:
            return value if value.__class__ is str else str(value)
    return default


def integer(document: Mapping[str, Any], *keys: str, default: int = 0) -> int:
    value = document.get(keys[0]) if len(keys) == 1 else pick(document, *keys)
    if value.__class__ is int:
        return value  # type: ignore[no-any-return]
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999 decodes to inf
        return default


def optional_int(document: Mapping[str, Any], *keys: str) -> int | None:
    value = document.get(keys[0]) if len(keys) == 1 else pick(document, *keys)
    if value is None or value.__class__ is int:
        return value  # type: ignore[no-any-return]
    try:
        return None if isinstance(value, bool) else int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999 decodes to inf
        return None


def boolean(document: Mapping[str, Any], *keys: str, default: bool = False) -> bool:
    value = document.get(keys[0]) if len(keys) == 1 else pick(document, *keys)
    if value is True or value is False:
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    if isinstance(value, (int, float)):
        return value != 0
    return default


def parse_time(value: object) -> datetime | None:
    """A wire time as an aware UTC datetime; ``None`` for null, empty or unparseable text."""
    if not isinstance(value, str):
        return None
    return _parse_time_text(value)


# A tag's "created" and "updated" are usually the same instant, and tags pushed together
# share one; datetimes are immutable, so one parse can serve them all.
@lru_cache(maxsize=4096)
def _parse_time_text(value: str) -> datetime | None:
    match = _TIME_RE.match(value.strip())
    if not match:
        return None
    day, clock, fraction, zone = match.groups()
    micro = (fraction or "").ljust(6, "0")[:6]
    offset = "+00:00" if zone in (None, "Z") else zone
    if len(offset) == 5:  # +0800 -> +08:00
        offset = f"{offset[:3]}:{offset[3:]}"
    try:
        if fraction is None and zone == "Z":  # the service's own format: already UTC
            return datetime.fromisoformat(f"{day}T{clock}+00:00")
        moment = datetime.fromisoformat(f"{day}T{clock}.{micro}{offset}")
        # OverflowError: 9999-12-31T23:59:59-01:00 is past datetime's range in UTC.
        return moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def time(document: Mapping[str, Any], *keys: str) -> datetime | None:
    for key in keys:
        value = document.get(key)
        if value is not None:
            return _parse_time_text(value) if isinstance(value, str) else None
    return None


def items(value: object) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one (so a mistyped list never crashes)."""
    return value if isinstance(value, list) else []


def mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one (so ``from_api`` never crashes)."""
    return value if value.__class__ is dict or isinstance(value, Mapping) else {}


def number(document: Mapping[str, Any], *keys: str, default: float = 0.0) -> float:
    """A float (sizes in MB, report values); text holding a number counts too."""
    value = pick(document, *keys)
    if isinstance(value, bool):
        return default
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond 1e308
        return default


def build(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass ``cls`` holding ``fields`` (every field, by name).

    The generated ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__``: for a model built by the ten thousand (``Tag``) that was 2 of its
    7 us. Filling the instance dict directly gives an equal object (same fields, ``__eq__``,
    ``__hash__``, ``repr``); it skips defaults and ``__post_init__``, so ``fields`` must
    name every field and ``cls`` must have no ``__post_init__`` or slots.
    """
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance
