"""`swrtui repl` and `swrtui demo --repl` as processes: -c, --script and stdin scripts,
exit codes, no Textual, and a real profile from the environment against a socket emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from swrtui.emulator.state import seeds

ROOT = Path(__file__).resolve().parents[2]


def swrtui(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "swrtui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_dash_c_prints_json_for_scripts() -> None:
    done = swrtui("demo", "--repl", "-c", "tags demo/nginx --sort name --limit 2 --json")
    assert done.returncode == 0, done.stderr
    assert [row["tag"] for row in json.loads(done.stdout)] == ["2.0", "2.0.1"]
    assert done.stderr == ""


def test_stdin_script_stops_at_the_first_error_with_its_code() -> None:
    script = "cd demo\ntags nginx --limit 1 --csv\nfrobnicate\norgs\n"
    done = swrtui("demo", "--repl", stdin=script)
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == "/demo" and lines[1] == "tag,digest,size,created,updated,platforms"
    assert "data-team" not in done.stdout  # stopped before `orgs`
    assert (
        done.stderr.strip()
        == "error: USAGE: unknown command 'frobnicate' (type `help` for the list)"
    )


def test_errors_continue_and_api_errors_exit_1(tmp_path: Path) -> None:
    script = tmp_path / "cleanup.swr"
    script.write_text("set errors continue\norgs show nosuch\n# a comment\norgs --csv\n")
    done = swrtui("demo", "--repl", "--script", str(script))
    assert done.returncode == 1
    assert "errors = continue" in done.stdout and "demo,1000,swr-admin,manage" in done.stdout
    assert done.stderr.startswith("error: SVCSTG.SWR.")
    assert "Traceback" not in done.stderr


def test_destructive_without_yes_is_refused_in_scripts() -> None:
    done = swrtui("demo", "--repl", "-c", "tags delete demo/nginx:latest")
    assert done.returncode == 1
    assert "add --yes to confirm" in done.stderr


def test_repl_never_loads_textual() -> None:
    code = (
        "import json, sys\n"
        "from swrtui.cli import main\n"
        "rc = main(['demo', '--repl', '-c', 'orgs'])\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "prompt_toolkit" in loaded and "swrtui" in loaded
    assert "textual" not in loaded


def _profile_env(url: str, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HUAWEICLOUD_SDK_AK=seeds.DEMO_ADMIN_AK,
        HUAWEICLOUD_SDK_SK=seeds.DEMO_ADMIN_SK,
        SWRTUI_CONFIG=str(tmp_path / "config.toml"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    return env


@pytest.mark.socket
def test_repl_on_a_real_profile_over_a_socket(live_emulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = _profile_env(live_emulator.url, tmp_path)
    flags = ["--endpoint", live_emulator.url, "--project-id", seeds.DEMO_PROJECT_ID]
    done = swrtui(*flags, "repl", "-c", "orgs --json", "-c", "pwd --json", env=env)
    assert done.returncode == 0, done.stderr
    first_end = done.stdout.index("]") + 1
    assert [o["name"] for o in json.loads(done.stdout[:first_end])][:2] == ["data-team", "demo"]
    assert json.loads(done.stdout[first_end:])["profile"] == "environment"
    ro = swrtui(*flags, "--read-only", "repl", "-c", "orgs create x-y", env=env)
    assert ro.returncode == 1 and "read-only" in ro.stderr
