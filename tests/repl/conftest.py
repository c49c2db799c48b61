"""A command session on the in-process demo emulator, and a driver for the interactive REPL."""

from __future__ import annotations

from pathlib import Path

from swrtui.commands import Session
from tests.commands.conftest import session  # noqa: F401  (one demo session fixture for both)


async def drive(
    commands: Session, lines: list[str], history_file: Path | None = None
) -> tuple[str, str, int]:
    """Type ``lines`` into the interactive REPL (pipe input, dummy output); (out, err, code)."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from swrtui.repl import Repl

    out, err = io.StringIO(), io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        repl = Repl(commands, out=out, err=err, rich_tables=False, history_file=history_file)
        pipe.send_text("".join(line + "\r" for line in [*lines, "exit"]))
        code = await repl.run_interactive()
    return out.getvalue(), err.getvalue(), code
