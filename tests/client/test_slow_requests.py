"""Long waits say so: the client reports a call slower than ``slow_after`` to its
``on_slow_request`` hook, and each front end renders that (stderr line, TUI status)."""

from __future__ import annotations

import io

import pytest

from swrtui.cli.console import WaitingLine, show_waits
from swrtui.client import SlowRequest, SwrClient, slow
from swrtui.emulator.app import EmulatorApp
from swrtui.tui.waiting import WaitStatus

NAMESPACES = "/v2/manage/namespaces"


def _slow_path(app: EmulatorApp, latency_ms: int = 400) -> None:
    # Latency on one path only: the other calls stay fast, and must say nothing.
    app.faults.add({"action": "latency", "path": f"{NAMESPACES}$", "latency_ms": latency_ms})


@pytest.fixture(autouse=True)
def _quick_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slow, "REPORT_EVERY", 0.05)


async def test_a_slow_call_is_reported_while_it_runs_then_done(
    app: EmulatorApp, swr: SwrClient
) -> None:
    _slow_path(app)
    events: list[SlowRequest] = []
    swr.on_slow_request, swr.slow_after = events.append, 0.05
    await swr.repositories.list(limit=1)  # fast: not a word
    assert events == []
    orgs = await swr.organizations.list()
    assert orgs  # the answer still arrives
    assert len(events) >= 3 and events[0].first and not any(e.first for e in events[1:])
    assert [e.done for e in events] == [False] * (len(events) - 1) + [True]
    assert {(e.method, e.path) for e in events} == {("GET", NAMESPACES)}
    assert events[0].line == f"waiting for GET {NAMESPACES} (0s)…"
    assert events[-1].elapsed >= 0.4


async def test_stderr_line_once_in_a_log_and_in_place_on_a_terminal(
    app: EmulatorApp, swr: SwrClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_path(app)
    monkeypatch.setenv("SWRTUI_SLOW_AFTER", "0.05")
    log = io.StringIO()
    show_waits(swr, log)
    assert swr.slow_after == 0.05 and isinstance(swr.on_slow_request, WaitingLine)
    await swr.organizations.list()
    assert log.getvalue() == f"waiting for GET {NAMESPACES} (0s)…\n"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    swr.on_slow_request = WaitingLine(screen)
    await swr.organizations.list()
    text = screen.getvalue()
    assert text.startswith(f"\r\x1b[Kwaiting for GET {NAMESPACES} (0s)…\r\x1b[K")
    assert text.endswith("\r\x1b[K") and "\n" not in text  # rewritten, then cleared


def test_tui_status_keeps_the_newest_wait_until_every_one_ends() -> None:
    changes: list[str] = []
    status = WaitStatus(lambda: changes.append(status.text))
    status(SlowRequest("GET", "/a", 3.2, first=True))
    status(SlowRequest("DELETE", "/b", 3.0, first=True))
    status(SlowRequest("GET", "/a", 4.2))
    # The newest call to become slow leads; a still-running older one only updates.
    assert status.text == "waiting for DELETE /b (3s)… (+1 more)"
    status(SlowRequest("GET", "/a", 4.5, done=True))
    assert status.text == "waiting for DELETE /b (3s)…"
    status(SlowRequest("DELETE", "/b", 5.0, done=True))
    assert status.text == "" and changes[-1] == ""
