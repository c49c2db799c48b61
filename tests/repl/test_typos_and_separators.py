"""Typos get a "did you mean"; `;` separates commands (outside quotes) in -c, scripts and at
the prompt; the global --json reaches the REPL."""

from __future__ import annotations

import json

import pytest

from swrtui.commands import Session, run_line
from swrtui.commands.tokens import split_commands
from tests.repl.conftest import drive
from tests.repl.test_scripts import swrtui


def test_split_commands_respects_quotes_escapes_and_comments() -> None:
    assert split_commands("pwd; orgs") == ["pwd", "orgs"]
    assert split_commands("tags 'a;b' ; pwd;;") == ["tags 'a;b'", "pwd"]
    assert split_commands(r"echo a\;b") == [r"echo a\;b"]
    assert split_commands("# a; comment") == ["# a; comment"]
    assert split_commands("  ") == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tgas demo/nginx", "unknown command 'tgas' (did you mean tags?)"),
        ("cleanpu", "unknown command 'cleanpu' (did you mean cleanup?)"),
        (
            "cleanup pln demo --keep-last 1",
            "cleanup: unknown subcommand 'pln' (did you mean plan?)",
        ),
        ("zzzzzz", "unknown command 'zzzzzz' (type `help` for the list)"),
    ],
)
async def test_typos_suggest_the_closest_command(session: Session, line: str, message: str) -> None:
    result = await run_line(session, line)
    assert result is not None and result.error_code == "USAGE"
    assert result.error_msg == message


def test_dash_c_runs_each_command_of_a_line_and_global_json_reaches_the_repl() -> None:
    done = swrtui("--json", "demo", "--repl", "-c", "cd demo; pwd; orgs")
    assert done.returncode == 0, done.stderr
    documents = [json.loads(part) for part in _json_documents(done.stdout)]
    assert documents[0] == {"message": "/demo"}  # cd
    assert documents[1]["context"] == "/demo" and documents[1]["output"] == "json"  # pwd
    assert "demo" in {org["name"] for org in documents[2]}
    typo = swrtui("demo", "--repl", "-c", "pwd; tgas demo/nginx; orgs")
    # pwd ran, the typo stopped the script before orgs.
    assert typo.returncode == 2 and "context    /" in typo.stdout and "data-team" not in typo.stdout
    assert typo.stderr.strip() == "error: USAGE: unknown command 'tgas' (did you mean tags?)"


def _json_documents(text: str) -> list[str]:
    """Consecutive pretty-printed JSON documents, split where one ends."""
    decoder, documents, i = json.JSONDecoder(), [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        _, end = decoder.raw_decode(text, i)
        documents.append(text[i:end])
        i = end
    return documents


async def test_the_prompt_runs_each_command_of_a_line(session: Session) -> None:
    out, err, code = await drive(session, ["cd demo; pwd"])
    assert code == 0 and err == ""
    assert "/demo" in out.splitlines()
