"""``swrtui --help`` loads no front end, checked in a fresh interpreter.

Start-up time is measured in benchmarks/bench_startup.py, not asserted here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("textual", "prompt_toolkit", "httpx", "keyring", "swrtui.emulator", "swrtui.client")
_CHECK = f"""
import sys
from swrtui.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
loaded = [m for m in {HEAVY!r} if m in sys.modules]
print("LOADED=" + ",".join(loaded))
"""


def _command() -> list[str]:
    script = Path(sys.executable).with_name("swrtui")
    return (
        [str(script), "--help"] if script.exists() else [sys.executable, "-m", "swrtui", "--help"]
    )


def test_help_imports_no_front_end_or_client() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, check=True, timeout=30
    )
    assert "configure" in result.stdout and "profiles" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED="
