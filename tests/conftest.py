"""Shared fixtures: an emulator in-process and on a real uvicorn socket, the official SDK.

Importing ``huaweicloudsdkcore`` writes ``$HOME/.huaweicloud/application_id``; HOME is
pointed at a temporary directory before anything imports it. The program clock is pinned for
the whole session (subprocesses inherit ``SWRTUI_NOW``), and the official SDK's signer reads the
same clock, so no test depends on the day it runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests import secret_audit

# First of all: temp, config, state and cache dirs under one root the secret audit scans
# at the end of the session (see tests/secret_audit.py), and every log record tapped.
_AUDIT = secret_audit.start_session()
_SDK_HOME = tempfile.mkdtemp(prefix="swrtui-test-home-")
os.environ["HOME"] = _SDK_HOME
# The moment the whole suite runs at: the program clock (swrtui.clock) reads SWRTUI_NOW, and
# subprocesses inherit it. The demo seed's history ends at midnight of the clock's day.
ANCHOR = datetime(2026, 11, 1, tzinfo=timezone.utc)
os.environ["SWRTUI_NOW"] = ANCHOR.isoformat()

import uvicorn  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from swrtui import clock  # noqa: E402
from swrtui.emulator.app import EmulatorApp, create_app  # noqa: E402
from swrtui.emulator.state import seeds  # noqa: E402

# Hypothesis profiles: "ci" (the default) keeps every property quick; "long"
# (HYPOTHESIS_PROFILE=long) runs 10,000 cases per property for the fuzz suites' long form.
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile(
    "long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass
class LiveEmulator:
    """An emulator served by uvicorn on 127.0.0.1; ``app`` is the live ASGI app object."""

    app: EmulatorApp
    url: str

    def reset(self, seed: str = "demo") -> None:
        self.app.state = seeds.build(seed)
        self.app.faults.clear()
        self.app.faults.latency_ms = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def _live_server() -> Iterator[LiveEmulator]:
    app = create_app(seed="demo")
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield LiveEmulator(app, f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def live_emulator(_live_server: LiveEmulator) -> LiveEmulator:
    """The socket emulator, reset to the demo seed for each test."""
    _live_server.reset("demo")
    return _live_server


@pytest.fixture
def emulator_app() -> EmulatorApp:
    """A fresh in-process emulator on the demo seed."""
    return create_app(seed="demo")


def make_sdk_client(
    url: str,
    ak: str = seeds.DEMO_ADMIN_AK,
    sk: str = seeds.DEMO_ADMIN_SK,
    project_id: str = seeds.DEMO_PROJECT_ID,
    security_token: str | None = None,
) -> Any:
    """The official SDK's SwrClient pointed at ``url`` with AK/SK credentials."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkcore.signer import signer
    from huaweicloudsdkswr.v2 import SwrClient

    # The signer stamps X-Sdk-Date from datetime.utcnow(); the emulator checks it against the
    # pinned program clock, so the peer reads that clock too.
    signer.datetime = clock.ClockDatetime  # type: ignore[misc]
    credentials = BasicCredentials(ak, sk, project_id)
    if security_token:
        credentials = credentials.with_security_token(security_token)
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    config.retry_times = 0
    return (
        SwrClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([url])
        .build()
    )


@pytest.fixture
def sdk(live_emulator: LiveEmulator) -> Any:
    """The official SDK client, authenticated as the demo tenant's admin."""
    return make_sdk_client(live_emulator.url)


@pytest.hookimpl(trylast=True)  # after plugins that still write files (snapshot reports)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """The secret audit: any known secret in a scanned file or log record fails the session."""
    given = session.config.getoption("basetemp")
    snapshots = Path(__file__).parent.rglob("__snapshots__")
    report = _AUDIT.finish([*snapshots, *([Path(given)] if given else [])])
    _AUDIT.keep = bool(report.hits) or session.exitstatus != 0
    if report.hits:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    # A clean session leaves nothing behind; otherwise the files stay for inspection.
    if _AUDIT.report is not None and not _AUDIT.keep:
        shutil.rmtree(_AUDIT.root, ignore_errors=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    report = _AUDIT.report
    if report is None:
        return
    terminalreporter.write_line(report.summary(), red=bool(report.hits))
    if report.hits:
        terminalreporter.write_line(
            "secret audit FAILED: known secrets found (values not shown):\n" + report.details(),
            red=True,
        )
        terminalreporter.write_line(f"files kept for inspection under {_AUDIT.root}")
