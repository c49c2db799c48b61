"""History lives in a file and never holds a secret-bearing line."""

from __future__ import annotations

from pathlib import Path

from swrtui.commands import Session, is_secret_bearing
from swrtui.repl.history import SafeFileHistory
from tests.repl.conftest import drive

SECRET = "sk0that0must0never0be0written"


def test_secret_bearing_lines_are_recognised() -> None:
    assert is_secret_bearing(f"login long-term --ak AK --sk {SECRET}")
    assert is_secret_bearing("login long --show")  # the command itself is secret-bearing
    assert is_secret_bearing(f"nonsense --password={SECRET}")
    assert not is_secret_bearing("tags demo/nginx --json")


def test_file_history_skips_them(tmp_path: Path) -> None:
    path = tmp_path / "state" / "history"
    history = SafeFileHistory(path)
    history.append_string("orgs")
    history.append_string(f"login long-term --ak AKID --sk {SECRET}")
    assert history.get_strings() == ["orgs"]
    assert SECRET not in path.read_text() and "orgs" in path.read_text()


async def test_typed_secret_lines_never_reach_the_history_file(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "history"
    out, _, _ = await drive(
        session,
        ["orgs", f"login long-term --ak AKIDEXAMPLE0001 --sk {SECRET}", "pwd"],
        history_file=path,
    )
    assert "cn-north-4@AKIDEXAMPLE0001" in out  # the command did run
    text = path.read_text()
    assert "orgs" in text and "pwd" in text
    assert SECRET not in text and "long-term" not in text
