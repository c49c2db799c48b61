"""`login --json` is one document in the CLI and the REPL, never masked; tables mask."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.cli.test_login_cleanup import Run, run  # noqa: F401
from tests.repl.test_scripts import swrtui
from tests.services.conftest import isolated  # noqa: F401

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


def test_login_json_is_the_same_unmasked_document_in_the_repl() -> None:
    done = swrtui("demo", "--repl", "-c", "login long-term --json; login long-term")
    assert done.returncode == 0, done.stderr
    decoder = json.JSONDecoder()
    document, end = decoder.raw_decode(done.stdout)
    assert set(document) == {"username", "password", "host", "expires_at"}
    assert HEX64.fullmatch(document["password"])
    table = done.stdout[end:]
    assert "password" in table and not HEX64.search(table)  # the table masks


def test_cli_and_repl_login_json_have_the_same_keys(run: Any) -> None:  # noqa: F811
    cli = json.loads(run("login", "--json").out)
    repl = json.loads(run("repl", "-c", "login --json").out)
    assert set(cli) == set(repl) == {"username", "password", "host", "expires_at"}
    assert HEX64.fullmatch(repl["password"]) and HEX64.fullmatch(cli["password"])
