"""Sentinel secrets: run the main credential flows and look for the secrets everywhere.

An emulator user is given sentinel SK and password values; configure (AK/SK and password),
a wrong-secret attempt, authenticated client calls, ``profiles show/list`` and ``keyring
status`` run with DEBUG logging for swrtui, httpx and httpcore. No captured log, no output
and no file under the config/state/cache dirs may contain a sentinel or an issued token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import pytest

from swrtui import cli
from swrtui.cli import bootstrap
from swrtui.emulator.state import seeds
from swrtui.emulator.state.store import User
from tests.secret_audit import SENTINELS

from .conftest import CliResult, Dirs, MemoryKeyring

# The session's secret audit (tests/secret_audit.py) looks for these in every file and log.
SENTINEL_SK = SENTINELS["sentinel SK"]
SENTINEL_PASSWORD = SENTINELS["sentinel password"]
SENTINEL_WRONG_SK = SENTINELS["sentinel wrong SK"]
SENTINEL_AK = "SENTINELAK0000000001"
SENTINEL_USER = "sentinel-user"

pytestmark = pytest.mark.socket


def _add_sentinel_user(live_emulator) -> None:
    domain = live_emulator.app.state.domains[seeds.DEMO_DOMAIN_ID]
    user = User("u-sentinel-0009", SENTINEL_USER, domain.id, SENTINEL_AK, SENTINEL_SK,
                SENTINEL_PASSWORD, is_admin=True)  # fmt: skip
    domain.users[user.id] = user


def _call_api(profile: str) -> int:
    args = cli.build_parser().parse_args(["--profile", profile])
    client = bootstrap.connect(bootstrap.resolve_settings(args)).client

    async def count() -> int:
        async with client:
            return len(await client.organizations.list())

    return asyncio.run(count())


def _run_flows(run: Callable[..., CliResult], url: str) -> list[CliResult]:
    common = ("--endpoint", url, "--project-id", seeds.DEMO_PROJECT_ID)
    return [
        run("configure", "--profile", "keys", *common, "--ak", SENTINEL_AK, "--sk-stdin",
            stdin=SENTINEL_SK + "\n"),
        run("configure", "--profile", "bad", *common, "--ak", SENTINEL_AK, "--sk-stdin",
            stdin=SENTINEL_WRONG_SK + "\n"),
        run("configure", "--profile", "pw", *common, "--auth", "password", "--iam-endpoint", url,
            "--domain", seeds.DEMO_DOMAIN_NAME, "--user", SENTINEL_USER, "--password-stdin",
            stdin=SENTINEL_PASSWORD + "\n"),
        run("profiles", "list"),
        run("profiles", "show", "keys"),
        run("profiles", "show", "pw"),
        run("--json", "profiles", "show", "keys"),
        run("keyring", "status"),
    ]  # fmt: skip


def test_no_sentinel_secret_escapes(
    run_cli: Callable[..., CliResult],
    live_emulator,
    isolated: Dirs,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _add_sentinel_user(live_emulator)
    caplog.set_level(logging.DEBUG)
    for name in ("swrtui", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)

    results = _run_flows(run_cli, live_emulator.url)
    assert [r.code for r in results] == [0, 1, 0, 0, 0, 0, 0, 0], [r.err for r in results]
    assert _call_api("keys") == _call_api("pw") == 4

    # The flows really ran: secrets reached the keyring, tokens were issued, logs were taken.
    assert memory_keyring.entries[("swrtui", "keys:sk")] == SENTINEL_SK
    assert memory_keyring.entries[("swrtui", "pw:password")] == SENTINEL_PASSWORD
    tokens = list(live_emulator.app.state.tokens)
    assert tokens
    assert any(r.name.startswith("httpcore") for r in caplog.records)
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)

    secrets = [SENTINEL_SK, SENTINEL_PASSWORD, SENTINEL_WRONG_SK, *tokens]
    captured = {"log": caplog.text}
    captured |= {f"record {i}": r.getMessage() + (r.exc_text or "")
                 for i, r in enumerate(caplog.records)}  # fmt: skip
    captured |= {f"run {i} output": r.out + r.err for i, r in enumerate(results)}
    files = [p for p in isolated.root.rglob("*") if p.is_file()]
    assert isolated.config_file in files
    captured |= {str(p): p.read_bytes().decode("utf-8", "replace") for p in files}
    leaks = [(where, s[:12]) for where, text in captured.items() for s in secrets if s in text]
    assert leaks == []
