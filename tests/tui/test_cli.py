"""`swrtui` (no subcommand) and `swrtui demo` start the TUI; `--help` never loads Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from swrtui import cli
from swrtui.tui.app import SwrApp


def test_demo_runs_the_tui_on_the_demo_client(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[SwrApp] = []
    monkeypatch.setattr(SwrApp, "run", lambda self: started.append(self))
    assert cli.main(["--read-only", "demo"]) == 0
    (app,) = started
    assert (app.ctx.profile, app.ctx.read_only) == ("demo", True)
    assert app.ctx.endpoint == "http://swr-emulator.demo"


def test_no_subcommand_runs_the_tui_runner() -> None:
    assert cli._RUNNERS["tui"] == "swrtui.cli_tui:run_tui"
    assert callable(cli._runner("tui"))


def test_help_does_not_import_textual() -> None:
    code = "import sys; from swrtui import cli; cli.build_parser(); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
