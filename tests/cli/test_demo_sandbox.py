"""A demo run writes nothing outside its own demo directory, which goes away on exit.

The finding: `w` on the demo's login screen replaced a real entry in the user's
``~/.docker/config.json``, and the TUI demo wrote cleanup journals into the real state folder.
Each test points HOME, the XDG dirs and TMPDIR at empty directories, does what wrote there,
and asserts that nothing is left in any of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from swrtui.cli import sandbox
from swrtui.cli.tui import demo_context
from swrtui.services.login import docker_config_path
from swrtui.tui.screens.login import LoginScreen
from tests.tui.conftest import SIZE, settle

WRITERS = (
    "login long-term --write-docker-config",
    "cleanup execute demo/nginx --keep-last 3 --yes",
)


def _user_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in sandbox.REDIRECTED}
    env.update(
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "home" / ".config"),
        XDG_STATE_HOME=str(root / "home" / ".local" / "state"),
        XDG_CACHE_HOME=str(root / "home" / ".cache"),
        TMPDIR=str(root / "tmp"),
    )
    for directory in ("home", "tmp"):
        (root / directory).mkdir()
    return env


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


def _demo_repl(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    commands = [arg for line in WRITERS for arg in ("-c", line)]
    return subprocess.run(
        [sys.executable, "-m", "swrtui", "demo", "--repl", *extra, *commands],
        env=_user_env(root),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_repl_demo_writes_nothing_outside_its_directory_and_removes_it(
    tmp_path: Path,
) -> None:
    done = _demo_repl(tmp_path)
    assert done.returncode == 0, done.stderr
    # It did write: a docker config and a journal, both inside the demo directory...
    assert "docker_config" in done.stdout and "journal" in done.stdout
    # ...and nothing is left anywhere: not in HOME, not in the XDG dirs, not in TMPDIR.
    assert _files(tmp_path) == []
    assert list((tmp_path / "tmp").iterdir()) == []


def test_keep_demo_dir_keeps_it_and_says_where(tmp_path: Path) -> None:
    done = _demo_repl(tmp_path, "--keep-demo-dir")
    assert done.returncode == 0, done.stderr
    (kept,) = (tmp_path / "tmp").iterdir()
    assert f"the demo directory is kept at {kept}" in done.stderr
    assert _files(tmp_path / "home") == []
    written = _files(kept)
    assert "home/.docker/config.json" in written
    assert any(p.startswith("state/swrtui/cleanup/") for p in written)


async def test_the_tui_demo_login_screen_writes_into_the_demo_dir_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in _user_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    real_docker = tmp_path / "home" / ".docker" / "config.json"
    real_docker.parent.mkdir()
    real_docker.write_text(json.dumps({"auths": {"swr.cn-north-4.myhuaweicloud.com": {}}}))
    before = real_docker.read_text()

    from swrtui.tui.app import SwrApp

    with demo_context() as context:
        demo_root = Path(os.environ["HOME"]).parent
        assert docker_config_path().is_relative_to(demo_root)
        assert context.journal_dir.is_relative_to(demo_root)
        app = SwrApp(context)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("L")
            await settle(pilot)
            assert isinstance(app.screen, LoginScreen) and app.screen.credentials is not None
            await pilot.press("w")
            assert (demo_root / "home" / ".docker" / "config.json").exists()
    assert real_docker.read_text() == before
    assert _files(tmp_path) == ["home/.docker/config.json"]
    assert os.environ["HOME"] == str(tmp_path / "home")
