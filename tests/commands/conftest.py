"""A command session on the in-process demo emulator, and a helper that runs one line."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from swrtui.cli.bootstrap import demo_client
from swrtui.commands import Connection, Result, Session, run_line
from swrtui.emulator.state import seeds


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Session]:
    from swrtui.redaction import Secret

    client = demo_client()
    connection = Connection(
        client,
        "demo",
        client.region,
        access_key=seeds.DEMO_ADMIN_AK,
        secret_key=Secret(seeds.DEMO_ADMIN_SK),
    )
    found = Session(connection, journal_dir=tmp_path / "journals")
    yield found
    await found.close()


async def run(session: Session, line: str) -> Result:
    result = await run_line(session, line)
    assert result is not None, line
    return result


def column(result: Result, key: str) -> list[object]:
    index = [c.key for c in result.columns].index(key)
    return [row[index] for row in result.rows]


def field(result: Result, key: str) -> object:
    return dict(result.record)[key]
