"""Fixtures for the config tests: isolated config/state/cache dirs and swappable keyrings.

The keyrings are :class:`tests.isolation.MemoryKeyring` (in memory, through the real
``keyring`` API) and keyring's own failing backend.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from swrtui import cli
from tests.isolation import MemoryKeyring, isolate_user_dirs, restoring_globals


@dataclass
class Dirs:
    root: Path
    config_file: Path


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dirs]:
    """Config, state, cache and data dirs under tmp_path; no credential env; no redaction hook."""
    root = tmp_path / "home"
    config_file = isolate_user_dirs(root, monkeypatch)
    with restoring_globals():
        yield Dirs(root, config_file)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring() -> fail.Keyring:
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    return backend


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliResult]:
    """``run_cli(*argv, stdin="...")`` runs ``swrtui.cli.main`` with a non-terminal stdin."""

    def run(*argv: str, stdin: str = "") -> CliResult:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = cli.main(list(argv))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
