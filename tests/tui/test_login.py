"""The login screen against the emulator: temporary login, reveal, copy, docker config."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from swrtui.redaction import MASK, Secret
from swrtui.tui.screens.login import LoginScreen, countdown
from swrtui.tui.widgets.info import KeyValues
from tests.tui.conftest import SIZE, make_app, settle


def test_countdown() -> None:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert countdown(now + timedelta(hours=5, minutes=59, seconds=7), now) == "5h 59m 07s left"
    assert countdown(now - timedelta(seconds=1), now) == "expired"
    assert countdown(None, now) == "does not expire"


async def test_temporary_login_masked_reveal_copy_and_docker_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen) and screen.credentials is not None
        creds = screen.credentials
        details = screen.query_one("#login-details", KeyValues)
        assert details.value("password") == MASK
        assert details.value("username") == creds.username
        assert details.value("registry") == "swr.cn-north-4.myhuaweicloud.com"
        await pilot.press("v")
        assert details.value("password") == creds.password.reveal()
        await pilot.press("s")
        assert "--password-stdin" in app.clipboard
        assert creds.password.reveal() in app.clipboard
        await pilot.press("w")
        written = json.loads((tmp_path / "docker" / "config.json").read_text())
        assert written["auths"][creds.host]["auth"] == creds.auth()


async def test_long_term_login_uses_the_profile_keys() -> None:
    app = make_app()
    app.ctx.ak, app.ctx.sk = "AKEXAMPLE", Secret("sk-example")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        screen.query_one("#login-tabs").active = "login-long-term"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.click("#lt-compute")
        await pilot.pause()
        details = screen.query_one("#login-details", KeyValues)
        assert details.value("username") == "cn-north-4@AKEXAMPLE"
        assert details.value("expires") == "does not expire"


def test_login_line_keeps_the_host_when_narrow() -> None:
    """Too narrow for the whole command, the line drops the user part, never the host."""
    from swrtui.services.login import TEMPORARY, DockerCredentials
    from swrtui.tui.screens.login import login_line

    creds = DockerCredentials(
        "cn-north-4@TEMPORARYAKEXAMPLE",
        Secret("not-a-real-password"),
        "swr.cn-north-4.myhuaweicloud.com",
        None,
        TEMPORARY,
    )
    full = "docker login -u cn-north-4@TEMPORARYAKEXAMPLE swr.cn-north-4.myhuaweicloud.com"
    assert login_line(creds) == login_line(creds, len(full)) == full
    narrow = login_line(creds, 47)
    assert narrow == "docker login swr.cn-north-4.myhuaweicloud.com" and len(narrow) <= 47
    assert "not-a-real-password" not in full + narrow
