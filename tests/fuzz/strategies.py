"""Hypothesis strategies shared by the fuzz suite: hostile JSON, wire times, header values.

"Hostile" means what a broken or malicious server (or client) can really put on the wire:
every JSON type where another is expected, nulls, numbers that overflow a float
(``1e999`` decodes to ``inf``), integers far beyond 64 bits, strings of hundreds of
kilobytes, deep nesting and control characters. Documents go through ``json.dumps`` /
``json.loads`` before use, so only what JSON can carry reaches the code under test.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

# Integers up to 400 digits: beyond int64 and beyond what a float can hold, yet within
# Python's int<->str conversion limit, so json.dumps/json.loads still carry them.
big_integers = st.integers(min_value=-(10**400), max_value=10**400)
huge_strings = st.integers(min_value=1_000, max_value=300_000).map(lambda n: "x" * n)
odd_floats = st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, -0.0, 5e-324])

# Strings that parsers of times, regexes and numbers choke on.
TRICKY_STRINGS = [
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59Z",
    "2030-02-30T00:00:00Z",
    "forever",
    "a{4294967296}",
    "(?P<x>a)(?P<x>b)",
    "(a+)+",
    "\\",
    "1e999",
    "-1",
    "NaN",
    "٣",
    "\x00",
    ".*",
    "(" * 1000 + ")" * 1000,
]
tricky_strings = st.sampled_from(TRICKY_STRINGS)
scalars = st.one_of(
    tricky_strings,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    big_integers,
    st.floats(allow_nan=True, allow_infinity=True),
    odd_floats,
    st.text(max_size=40),
    huge_strings,
)

json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=5),
    ),
    max_leaves=25,
)


def nested(depth: int) -> Any:
    """A list nested ``depth`` deep (``[[[...]]]``)."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


deep_values = st.integers(min_value=50, max_value=400).map(nested)


def documents(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects holding any of the keys a parser reads (each maybe), with hostile values."""
    value = st.one_of(scalars, json_values, deep_values)
    known = st.fixed_dictionaries({}, optional={key: value for key in keys})
    extra = st.dictionaries(st.text(max_size=10), value, max_size=3)
    return st.builds(lambda a, b: {**b, **a}, known, extra)


def over_the_wire(value: Any) -> Any:
    """``value`` as a JSON decoder gives it back (tuples become lists, inf stays inf)."""
    return json.loads(json.dumps(value))


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(min_value=low, max_value=high).map(lambda n: f"{n:02d}")


# Wire times as a server might spell them, including impossible dates and the edges of
# datetime's range (year 1 or 9999 with an offset that moves it out of range).
zones = st.one_of(
    st.sampled_from(["", "Z", " Z", "+00:00", "-0000"]),
    st.builds(
        lambda sign, hours, minutes, colon: f"{sign}{hours}{colon}{minutes}",
        st.sampled_from("+-"),
        _two(0, 99),
        _two(0, 99),
        st.sampled_from(["", ":"]),
    ),
)
wire_times = st.builds(
    lambda year, month, day, sep, hour, minute, second, fraction, zone: (
        f"{year:04d}-{month}-{day}{sep}{hour}:{minute}:{second}{fraction}{zone}"
    ),
    st.one_of(st.integers(min_value=0, max_value=9999), st.sampled_from([1, 9999])),
    _two(0, 13),
    _two(0, 32),
    st.sampled_from(["T", " "]),
    _two(0, 25),
    _two(0, 61),
    _two(0, 61),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=12).map(lambda d: "." + d)),
    zones,
)
# Valid times at the very ends of datetime's range: an offset moves them out of it in UTC.
edge_times = st.builds(
    lambda day, zone: f"{day}{zone}",
    st.sampled_from(["9999-12-31T23:59:59", "0001-01-01T00:00:00", "9999-12-31 22:00:00.5"]),
    st.sampled_from(["-01:00", "+01:00", "-2359", "+23:59", "Z"]),
)
time_like = st.one_of(wire_times, edge_times, st.text(max_size=40), scalars)

# Header values: httpx refuses non-latin-1 and CR/LF, so stay within what a server can send.
header_text = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
    max_size=200,
)
