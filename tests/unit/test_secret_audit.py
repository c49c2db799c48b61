"""The session's secret audit can fail: planted secrets in a file, a log record and an issued
temporary login are found, reported by place and kind, never by value."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from swrtui.cli.bootstrap import DEMO_ENDPOINT
from swrtui.client import AkSkAuth, SwrClient
from swrtui.emulator import issued
from swrtui.emulator.app import create_app
from swrtui.emulator.state import seeds
from tests import secret_audit

PLANTED = "PLANTED-SECRET-0f9e8d7c"


@pytest.fixture
def planted(tmp_path: Path) -> Iterator[Path]:
    """A directory for planted secrets, emptied afterwards: the session's audit scans too."""
    yield tmp_path
    shutil.rmtree(tmp_path)


@pytest.fixture
def tap() -> Iterator[secret_audit.LogTap]:
    """A second tap over the session's, on its own secret set (the planted one)."""
    found = secret_audit.LogTap(secret_audit.Secrets({PLANTED: "planted secret"}))
    found.install()
    yield found
    found.uninstall()


def test_file_hit_names_place_and_kind_not_value(planted: Path, tap) -> None:
    history = planted / "state" / "swrtui" / "repl-history"
    history.parent.mkdir(parents=True)
    history.write_text(f"+tags list\n+configure --sk {PLANTED}\n")
    (planted / "clean.toml").write_text("[profiles.prod]\nak = 'X'\n")

    report = secret_audit.audit([planted], tap)

    assert report.files == 2 and report.secrets == 1
    assert report.hits == [secret_audit.Hit(f"{history}:2", "planted secret")]
    assert PLANTED not in report.summary() + report.details()
    assert "1 hits" in report.summary()


def test_log_record_below_every_level_is_seen(tap, caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("swrtui.audit-probe")
    assert logger.getEffectiveLevel() == logging.WARNING
    logger.debug("signed with %s", PLANTED)  # below the level: created for the tap only
    # Below the level and masked by swrtui's redaction patterns: what its entry points emit.
    logger.debug("headers [(b'X-Subject-Token', b'%s')]", PLANTED)
    logger.warning("a warning")
    try:
        raise ValueError(PLANTED)
    except ValueError:
        logger.error("failed", exc_info=True)  # the secret is only in the traceback

    report = secret_audit.audit([], tap)

    assert [r.levelname for r in caplog.records] == ["WARNING", "ERROR"]
    assert report.records == 4
    test = "tests/unit/test_secret_audit.py::" + test_log_record_below_every_level_is_seen.__name__
    assert [hit.where for hit in report.hits] == [
        f"log record 1 (swrtui.audit-probe, {test} (call))",
        f"log record 4 (swrtui.audit-probe, {test} (call))",
    ]


async def test_issued_temporary_login_is_audited(planted: Path, tap) -> None:
    issued.listeners.append(tap.secrets.add)
    try:
        async with _client() as client:
            login = await client.temporary_login.create()
    finally:
        issued.listeners.remove(tap.secrets.add)
    auths = {host: {"auth": auth.reveal()} for host, auth in login.auths.items()}
    # Docker's config.json may hold this (see the next test); any other file may not.
    (planted / "auths.json").write_text(json.dumps({"auths": auths}))
    (planted / "notes.txt").write_text(f"the password was {login.password.reveal()}\n")

    kinds = sorted(hit.kind for hit in secret_audit.audit([planted], tap).hits)

    assert kinds == ["temporary-login auth", "temporary-login password"]


def _client() -> SwrClient:
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    transport = httpx.ASGITransport(create_app(seed="demo"))
    return SwrClient(
        DEMO_ENDPOINT, auth=auth, project_id=seeds.DEMO_PROJECT_ID, transport=transport
    )


def test_emulator_database_is_not_a_leak(planted: Path, tap) -> None:
    document = {"format": "swrtui-emulator-state", "version": 1, "secrets": True, "x": PLANTED}
    (planted / "state.json").write_text(json.dumps(document))
    assert secret_audit.audit([planted], tap).hits == []
    document["secrets"] = False  # a dump that claims to be masked must really be
    (planted / "state.json").write_text(json.dumps(document))
    assert len(secret_audit.audit([planted], tap).hits) == 1


def test_docker_config_may_hold_only_a_temporary_login(planted: Path, tap) -> None:
    tap.secrets.add("temporary-login auth", "dGVtcG9yYXJ5OmxvZ2lu")
    auths = {"auths": {"swr.example": {"auth": "dGVtcG9yYXJ5OmxvZ2lu", "x": PLANTED}}}
    (planted / "config.json").write_text(json.dumps(auths, indent=1))
    assert secret_audit.audit([planted], tap).hits == [
        secret_audit.Hit(f"{planted / 'config.json'}:5", "planted secret")
    ]
