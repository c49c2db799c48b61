"""A command session on the in-process demo emulator, and a driver for the interactive REPL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from swrtui.bootstrap import demo_client
from swrtui.commands import Connection, Session
from swrtui.emulator import seeds


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


async def drive(
    session: Session, lines: list[str], history_file: Path | None = None
) -> tuple[str, str, int]:
    """Type ``lines`` into the interactive REPL (pipe input, dummy output); (out, err, code)."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from swrtui.repl import Repl

    out, err = io.StringIO(), io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        repl = Repl(session, out=out, err=err, rich_tables=False, history_file=history_file)
        pipe.send_text("".join(line + "\r" for line in [*lines, "exit"]))
        code = await repl.run_interactive()
    return out.getvalue(), err.getvalue(), code
