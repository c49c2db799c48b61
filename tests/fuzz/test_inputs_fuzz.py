"""What a user types or hand-edits, at the edges where it enters: command-line values,
journal lines, config values and files, emulator state files, credential-helper input.

The property everywhere: a one-line error with a stable code (an ``Error`` of the right
layer), or success; never an unexpected exception. The examples each reproduce an input
that once gave ``unexpected XxxError`` (the cleanup-safety issue's finding 8).
"""

from __future__ import annotations

import io
import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from swrtui.cli import docker_credential
from swrtui.commands import args
from swrtui.config import tomlfile
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import check_value
from swrtui.emulator.state import seeds
from swrtui.emulator.state.persistence import SqliteStore, StateFileError
from swrtui.errors import Error
from swrtui.services.cleanup.journal import JournalError, find_journal, read_journal
from swrtui.services.cleanup.patterns import Pattern, RuleError, parse_duration
from tests.fuzz.strategies import json_values

pytestmark = pytest.mark.fuzz

WHERE = args.Where()
NESTED_GROUPS = "(" * 5000 + "a" + ")" * 5000


def _one_line_error(exc: Error) -> None:
    assert exc.code and "\n" not in str(exc) and len(str(exc)) < 400, str(exc)


@given(st.text(max_size=40) | st.from_regex(r"[0-9]{1,30}[smhdw]", fullmatch=True))
@example("99999999999d")
@example("٣٠d")
@example("1d" * 60000)
def test_durations_parse_or_fail_with_a_code(text: str) -> None:
    try:
        value = parse_duration(text)
    except RuleError as exc:
        _one_line_error(exc)
        return
    assert value.total_seconds() > 0 and text.strip().isascii()


@given(st.text(max_size=40))
@example("٣")
@example("9" * 5000)
@example("-1")
def test_whole_numbers_take_ascii_digits_within_bounds(text: str) -> None:
    try:
        number = args.integer(text, WHERE)
    except args.ArgError as exc:
        assert "\n" not in str(exc)
        return
    assert 0 <= number < 10**args.MAX_INTEGER_DIGITS and text.strip().isascii()


@given(st.text(max_size=60), st.sampled_from(["regex", "glob", "exact"]))
@example("a{99999999999}", "regex")
@example(NESTED_GROUPS, "regex")
@example("a" * 100_000, "glob")
def test_patterns_compile_or_fail_with_a_code(text: str, kind: str) -> None:
    try:
        pattern = Pattern(kind, text)
    except RuleError as exc:
        _one_line_error(exc)
        return
    pattern.matches("latest")


@given(st.text(max_size=80))
@example("a" * 5000)
@example("x" * 5000 + ".jsonl")
@example("bad\x00id.jsonl")
def test_resume_values_find_a_journal_or_fail_with_a_code(run: str) -> None:
    directory = Path("/nonexistent-swrtui-journals")
    with pytest.raises(JournalError) as caught:
        find_journal(directory, run)
    _one_line_error(caught.value)


RUN_LINE = {"type": "run", "run_id": "20261101T000000Z-abcdef", "source": {}}


@given(st.lists(json_values, max_size=4))
@example([{"type": "planned"}])
@example([{"type": "planned", "org": "demo", "repo": "web", "tag": "1", "size": "x"}])
@example([{"type": "deleted", "org": ["demo"], "repo": "web", "tag": "1"}])
@example(["planned"])
@example([{"type": "planned", "org": "demo", "repo": "web", "tag": "1", "updated": 5}])
def test_hand_edited_journal_lines_read_or_fail_with_the_line(lines: list[object]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "cleanup-run.jsonl"
        path.write_text("\n".join(json.dumps(x) for x in [RUN_LINE, *lines, {}]) + "\n")
        try:
            state = read_journal(path)
        except JournalError as exc:
            _one_line_error(exc)
            assert f"{path}:" in str(exc)
            return
    for item in state.planned:
        assert all(isinstance(v, str) and v for v in (item.org, item.repo, item.tag))


@given(
    st.sampled_from(["api_endpoint", "iam_endpoint", "project_id", "ak", "registry_host"]),
    st.text(max_size=40),
)
@example("api_endpoint", "https://swr.example.com\n")
@example("api_endpoint", "https://" + "a" * 100_000)
@example("project_id", "abc\n")
@example("registry_host", "swr.example.com\n")
def test_config_values_are_checked_on_one_line(key: str, value: str) -> None:
    problem = check_value(key, value)
    if problem is None:
        assert value.isprintable() and not any(c.isspace() for c in value)
    else:
        assert "\n" not in problem[:200] or "\n" in value


@pytest.mark.parametrize("depth", [5000])
def test_a_deeply_nested_toml_file_is_a_config_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text("x = " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(ConfigError, match="nested too deeply") as caught:
        tomlfile.read(path)
    _one_line_error(caught.value)


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=300))
def test_a_bit_flipped_state_file_loads_or_is_refused_in_one_line(seed: int, flips: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "state.db"
        store = SqliteStore(path)
        store.save(seeds.build("empty"))
        store.close()
        data = bytearray(path.read_bytes())
        draw = random.Random(seed)
        for _ in range(flips):
            at = draw.randrange(100, len(data))
            data[at] ^= 1 << draw.randrange(8)
        path.write_bytes(bytes(data))
        try:
            store = SqliteStore(path)
            store.load()
            store.close()
        except StateFileError as exc:
            assert "\n" not in str(exc)


def test_the_credential_helper_refuses_huge_input_without_echoing_it() -> None:
    out, err = io.StringIO(), io.StringIO()
    garbage = "\x01garbage" * (1024 * 1024)
    code = docker_credential.main(["get"], io.StringIO(garbage), out, err)
    assert code == 1
    assert "larger than 64 KiB" in out.getvalue()
    assert len(out.getvalue()) + len(err.getvalue()) < 1000
