"""The client's header parsers on anything a server could send.

Clean error, per parser: ``parse_content_range`` and ``parse_retry_after`` answer ``None``
for what they cannot read (they are hints); ``parse_time`` answers ``None`` or an aware UTC
datetime; ``parse_docker_login`` / ``decode_auth`` answer ``None`` unless they find a user,
a password and a host; ``LoginCredentials.from_api`` answers ``None`` or credentials. None
of them may raise.
"""

from __future__ import annotations

import base64
import math
import re
import shlex
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from swrtui.client import ContentRange, parse_content_range
from swrtui.client.errors import parse_retry_after
from swrtui.client.models._parse import parse_time
from swrtui.client.models.temporary_login import (
    LoginCredentials,
    decode_auth,
    parse_docker_login,
)
from tests.fuzz.strategies import header_text, json_values, over_the_wire, time_like

pytestmark = pytest.mark.fuzz

ASCII_DIGITS = "0123456789"


def reference_content_range(value: str) -> tuple[int, int, int] | None:
    """``[items ]offset-count/total`` with optional blanks, ASCII digits only."""
    text = value.strip()
    if text.startswith("items"):
        text = text[len("items") :]
        if text == text.lstrip():  # "items" must be followed by whitespace
            return None
    parts = re.split(r"\s*[-/]\s*", text.strip())
    separators = re.findall(r"[-/]", text)
    if separators != ["-", "/"] or len(parts) != 3:
        return None
    if not all(part and set(part) <= set(ASCII_DIGITS) for part in parts):
        return None
    offset, count, total = (int(part) for part in parts)
    return offset, count, total


_range_pieces = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.sampled_from(["", " ", "-1", "٣", "1.5", "0x10", "items", "*"]),
)
range_values = st.one_of(
    st.builds(
        lambda a, b, c, pad, prefix: f"{prefix}{pad}{a}{pad}-{pad}{b}{pad}/{pad}{c}{pad}",
        _range_pieces,
        _range_pieces,
        _range_pieces,
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(["", "items ", "bytes ", "items"]),
    ),
    header_text,
)


@given(range_values)
def test_content_range_parses_exactly_the_documented_form(value: str) -> None:
    parsed = parse_content_range(value)
    expected = reference_content_range(value)
    if expected is None:
        assert parsed is None
    else:
        assert isinstance(parsed, ContentRange)
        assert tuple(parsed) == expected


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**12),
)
def test_content_range_round_trips(offset: int, count: int, total: int) -> None:
    assert parse_content_range(f"{offset}-{count}/{total}") == ContentRange(offset, count, total)


@given(st.one_of(header_text, st.floats(allow_nan=True).map(str), st.integers().map(str)))
def test_retry_after_is_a_finite_or_infinite_non_negative_number_or_none(value: str) -> None:
    seconds = parse_retry_after(value)
    if seconds is None:
        return
    assert seconds >= 0 and not math.isnan(seconds)
    assert seconds == float(value.strip())


def test_retry_after_refuses_dates_and_negatives() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None
    assert parse_retry_after("-1") is None
    assert parse_retry_after("nan") is None
    assert parse_retry_after(" 2.5 ") == 2.5


@given(time_like)
def test_parse_time_answers_aware_utc_or_none(value: object) -> None:
    moment = parse_time(value)
    assert moment is None or (isinstance(moment, datetime) and moment.utcoffset() == timedelta(0))


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.just(timezone.utc),
    ),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_parse_time_reads_every_offset_the_same_instant(moment: datetime, minutes: int) -> None:
    local = moment.astimezone(timezone(timedelta(minutes=minutes)))
    wire = local.strftime("%Y-%m-%dT%H:%M:%S.%f") + local.strftime("%z")
    assert parse_time(wire) == moment


# --- docker login command and config.json auth ------------------------------------------------

words = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30
)


@given(header_text)
def test_docker_login_parser_never_raises(command: str) -> None:
    login = parse_docker_login(command)
    if login is not None:
        assert login.username and login.password.reveal() and login.registry


@given(words, words, words, st.sampled_from(["-u {u} -p {p} {h}", "--username={u} {h} -p {p}"]))
def test_docker_login_round_trips(user: str, password: str, host: str, form: str) -> None:
    # A value that itself looks like a flag is ambiguous for docker too; keep it out.
    if any(w.startswith("-") for w in (user, password, host)):
        return
    command = "docker login " + form.format(
        u=shlex.quote(user), p=shlex.quote(password), h=shlex.quote(host)
    )
    login = parse_docker_login(command)
    assert login is not None
    assert (login.username, login.password.reveal(), login.registry) == (user, password, host)


@given(
    st.one_of(
        header_text,
        st.text(max_size=30),
        st.binary(max_size=60).map(lambda b: base64.b64encode(b).decode()),
    )
)
def test_decode_auth_never_raises(value: str) -> None:
    # The value comes from the JSON body, so any unicode text can arrive.
    decoded = decode_auth(value)
    if decoded is not None:
        user, password = decoded
        assert user and password.reveal() and ":" not in user


@given(
    json_values,
    st.dictionaries(
        st.sampled_from(["X-Swr-Dockerlogin", "x-swr-expireat", "X-Swr-Expireat", "Other"]),
        header_text,
    ),
)
def test_login_credentials_from_any_body_and_headers(body: object, headers: dict) -> None:
    document = over_the_wire(body)
    # A server's header bytes reach httpx as latin-1, whatever they are.
    wire = httpx.Headers({name: value.encode("latin-1") for name, value in headers.items()})
    credentials = LoginCredentials.from_api(document if isinstance(document, dict) else {}, wire)
    if credentials is not None:
        assert credentials.username and credentials.password.reveal() and credentials.registry
        assert credentials.expires_at is None or credentials.expires_at.tzinfo is not None
        assert credentials.expired() in (True, False)
