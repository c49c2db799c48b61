"""Fixtures for the command-line tests: the config tests' isolated dirs and keyrings, and
``run_cli``, which runs ``swrtui.cli.main`` in-process."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from swrtui import cli
from tests.config.conftest import (  # noqa: F401 (fixtures, and types the tests annotate with)
    Dirs,
    MemoryKeyring,
    isolated,
    memory_keyring,
    no_keyring,
)


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
