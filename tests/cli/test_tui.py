"""`swrtui` (no subcommand) and `swrtui demo` start the TUI; `--help` never loads Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from swrtui import cli
from swrtui.tui.app import SwrApp

from .conftest import Dirs


def test_demo_runs_the_tui_on_the_demo_client(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[SwrApp] = []
    monkeypatch.setattr(SwrApp, "run", lambda self: started.append(self))
    assert cli.main(["--read-only", "demo"]) == 0
    (app,) = started
    assert (app.ctx.profile, app.ctx.read_only) == ("demo", True)
    assert app.ctx.endpoint == "http://swr-emulator.demo"


def test_no_subcommand_runs_the_tui_runner() -> None:
    assert cli._RUNNERS["tui"] == "swrtui.cli.tui:run_tui"
    assert callable(cli._runner("tui"))


def test_help_does_not_import_textual() -> None:
    code = "import sys; from swrtui import cli; cli.build_parser(); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_profile_switcher_builds_each_profile(
    monkeypatch: pytest.MonkeyPatch, isolated: Dirs
) -> None:
    from swrtui.cli.tui import profile_switcher
    from swrtui.config.credentials import SessionStore
    from swrtui.config.profiles import Config, Profile, save_config

    isolated.config_file.parent.mkdir(parents=True, exist_ok=True)
    profiles = {
        "prod": Profile(name="prod", region="cn-north-4"),
        "staging": Profile(
            name="staging",
            region="ap-southeast-1",
            api_endpoint="http://127.0.0.1:9",
            read_only=True,
        ),
    }
    save_config(Config(isolated.config_file, "prod", profiles))
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "AKFORTESTS0000000001")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "sk-for-tests")
    connect = profile_switcher(SessionStore())
    context = connect("staging")
    assert (context.profile, context.region, context.read_only) == (
        "staging",
        "ap-southeast-1",
        True,
    )
    assert context.endpoint == "http://127.0.0.1:9"
    assert context.connect is connect and list(context.profiles()) == ["prod", "staging"]
