"""Start-up time of the command line: ``swrtui --help`` and ``swrtui repl -c exit``.

Fresh interpreters, median over several runs after one warm-up (disk cache), printed in
milliseconds. Targets from the issues: ``--help`` ≤ 150 ms, ``repl`` ≤ 400 ms. The REPL run
uses the in-process demo (``swrtui demo --repl -c exit``) and a profile from environment
variables (``swrtui repl -c exit`` with HUAWEICLOUD_SDK_AK/SK pointed at an unused
endpoint: ``exit`` makes no request), so both front-end paths are measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _swrtui() -> list[str]:
    script = Path(sys.executable).with_name("swrtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "swrtui"]


def _time(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(command, capture_output=True, env=env, check=True, timeout=60)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True, timeout=60)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure(runs: int = 10) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_STATE_HOME": f"{home}/state",
            "HUAWEICLOUD_SDK_AK": "BENCHSTARTUPAK000001",
            "HUAWEICLOUD_SDK_SK": "bench-startup-secret-key-not-used-for-anything",
        }
        base = _swrtui()
        endpoint = ["--endpoint", "http://127.0.0.1:9", "--project-id", "0" * 32]
        return {
            "swrtui --help": _time([*base, "--help"], env, runs),
            "swrtui repl -c exit": _time([*base, *endpoint, "repl", "-c", "exit"], env, runs),
            "swrtui demo --repl -c exit": _time([*base, "demo", "--repl", "-c", "exit"], env, runs),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"{'command':32} {'median':>8} {'min':>8} {'max':>8}  (ms, {args.runs} runs)")
    for name, timings in measure(args.runs).items():
        print(
            f"{name:32} {statistics.median(timings):8.0f} {min(timings):8.0f} {max(timings):8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
