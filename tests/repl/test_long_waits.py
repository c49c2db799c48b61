"""A REPL script whose request is slow says so on stderr, once, and still prints the result."""

from __future__ import annotations

import io

import pytest

from swrtui.cli.console import show_waits
from swrtui.client import slow
from swrtui.commands import Session
from swrtui.repl import Repl


async def test_script_line_waiting_for_a_slow_request(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slow, "REPORT_EVERY", 0.05)
    monkeypatch.setenv("SWRTUI_SLOW_AFTER", "0.05")
    emulator = session.client._http._transport.app  # type: ignore[attr-defined]
    emulator.faults.add({"action": "latency", "path": "/v2/manage/namespaces$", "latency_ms": 300})
    err = io.StringIO()
    show_waits(session.client, err)
    out = io.StringIO()
    code = await Repl(session, out=out, err=err, rich_tables=False).run_script(["orgs", "pwd"])
    assert code == 0 and "demo" in out.getvalue()
    assert err.getvalue() == "waiting for GET /v2/manage/namespaces (0s)…\n"
