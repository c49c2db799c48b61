"""Every benchmark in one run and one table: ``python benchmarks/run_all.py``.

Runs, through the other scripts' ``measure`` functions:

- ``bench_client``: list every tag (20,000 tags in 200 repositories) and delete 1,000 tags
  against ``swrtui emulator`` with 30 ms injected per round trip: swrtui vs the official
  SDK's plain loop vs the bound (requests ÷ concurrency × round trip); every side runs
  ``--runs`` times and the median run counts;
- ``bench_startup``: ``swrtui --help``, ``swrtui repl -c exit`` (a profile from environment
  variables) and ``swrtui demo --repl -c exit``, fresh interpreters;
- ``bench_tui``: first paint on the demo, then a repository of 100,000 tags loading from an
  emulator in another process: event-loop lag p95 while loading and the TUI process's RSS
  once the table's model holds every tag. Each TUI run is a fresh interpreter importing only
  ``bench_tui``, so the RSS is what a user's TUI process holds, not this script's;
- ``bench_completion``: ``suggest()`` per keystroke with 10,000 cached names.

Prints one table with medians, spreads, ratios and the issues' targets, headed by the
machine (CPU, cores, Python, load average at the start), and writes it as markdown to
``benchmarks/results/latest.md``. About four minutes on two cores, most of it the SDK's
1,000 sequential deletes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import bench_client
import bench_completion
import bench_startup

RESULTS = Path(__file__).parent / "results" / "latest.md"
HEADER = ("measure", "swrtui", "spread", "SDK loop", "bound", "ratio", "target")


@dataclass(frozen=True)
class Line:
    """One row: swrtui's median, its spread over the runs, and where it compares."""

    measure: str
    swrtui: str
    spread: str = ""
    sdk: str = ""
    bound: str = ""
    ratio: str = ""
    target: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.measure, self.swrtui, self.spread, self.sdk, self.bound, self.ratio,
                self.target)  # fmt: skip


def spread(values: list[float], unit: str, digits: int) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f} {unit} ({len(values)} runs)"


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        model = platform.processor() or model
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return [
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or 'unknown'}",
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.system()} {platform.release()}), load average at start {load}",
    ]


# --- the measurements ----------------------------------------------------------------------


def client_lines(runs: int, latency_ms: int, delete: int) -> list[Line]:
    plan = bench_client.Plan(sdk_runs=runs, swrtui_runs=runs, pick=bench_client.median)
    results = bench_client.measure("large:200x100", latency_ms, delete, plan)
    return [
        _client_line(f"{results.listing.task}, {latency_ms} ms RTT", results.listing),
        _client_line(f"{results.deleting.task}, {latency_ms} ms RTT", results.deleting),
    ]


def _client_line(task: str, row: bench_client.Row) -> Line:
    ratio = f"SDK/swrtui {row.vs_sdk:.1f}x, swrtui/bound {row.vs_bound:.2f}x"
    if row.bound_first_trip is not None:
        first = row.ours.seconds / row.bound_first_trip
        ratio += f" ({first:.2f}x of {row.bound_first_trip:.2f} s counting the repo listing)"
    sdk = row.sdk_seconds
    return Line(
        task,
        f"{row.ours.seconds:.2f} s",
        spread(list(row.our_seconds), "s", 2),
        f"{row.sdk.seconds:.2f} s ({min(sdk):.1f}–{max(sdk):.1f} s, {len(sdk)} runs)",
        f"{row.bound:.2f} s",
        ratio,
        "≥ 10x SDK, ≤ 1.3x bound",
    )


STARTUP_TARGETS = {"swrtui --help": 150, "swrtui repl -c exit": 400}


def startup_lines(runs: int) -> list[Line]:
    lines = []
    for name, timings in bench_startup.measure(runs).items():
        middle = statistics.median(timings)
        target = STARTUP_TARGETS.get(name)
        lines.append(
            Line(
                f"`{name}` start",
                f"{middle:.0f} ms",
                spread(timings, "ms", 0),
                ratio=f"{middle / target:.2f}x target" if target else "",
                target=f"≤ {target} ms" if target else "",
            )
        )
    return lines


# Run in a fresh interpreter that imports only bench_tui, so the RSS is what a user's TUI
# process holds, not this script's.
TUI_CHILD = """
import json, sys
import bench_tui
paints, numbers = bench_tui.measure(int(sys.argv[1]), int(sys.argv[2]))
print(json.dumps({"paints": paints, "numbers": numbers}))
"""


def tui_run(tags: int, paints: int) -> tuple[list[float], dict[str, float]]:
    child = subprocess.run(
        [sys.executable, "-c", TUI_CHILD, str(tags), str(paints)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found = json.loads(child.stdout.strip().splitlines()[-1])
    return found["paints"], found["numbers"]


def tui_lines(runs: int, tags: int) -> list[Line]:
    outcomes = [tui_run(tags, 5 if run == 0 else 0) for run in range(runs)]
    paints = [seconds * 1000 for seconds in outcomes[0][0]]
    loads = [numbers for _, numbers in outcomes]

    def of(key: str) -> list[float]:
        return [numbers[key] for numbers in loads]

    def median(key: str) -> float:
        return statistics.median(numbers[key] for numbers in loads)

    paint = statistics.median(paints)
    growth = median("rss_loaded_mb") - median("rss_before_mb")
    return [
        Line("TUI first paint (demo, orgs in the tree)", f"{paint:.0f} ms",
             spread(paints, "ms", 0), ratio=f"{paint / 500:.2f}x target", target="≤ 500 ms"),
        Line(f"TUI {tags:,} tags: first rows / all loaded",
             f"{median('first_rows_s'):.2f} s / {median('all_loaded_s'):.2f} s",
             spread(of("all_loaded_s"), "s", 2)),
        Line(f"event-loop lag p95 while loading {tags:,} tags", f"{median('lag_p95_ms'):.1f} ms",
             spread(of("lag_p95_ms"), "ms", 1), ratio=f"max {max(of('lag_max_ms')):.0f} ms"),
        Line(f"RSS of the TUI process holding {tags:,} tags", f"{median('rss_loaded_mb'):.0f} MiB",
             spread(of("rss_loaded_mb"), "MiB", 0), ratio=f"+{growth:.0f} MiB for the tags"),
    ]  # fmt: skip


def completion_lines(runs: int) -> list[Line]:
    cache = bench_completion.build_cache()
    bench_completion.measure(cache)  # warm-up: compiled patterns, caches
    rounds = [bench_completion.measure(cache) for _ in range(runs)]
    p95s = [statistics.quantiles(timings, n=20)[-1] for timings in rounds]
    medians = [statistics.median(timings) for timings in rounds]
    p95 = statistics.median(p95s)
    keystrokes = len(rounds[0])
    return [
        Line(
            f"REPL completion per keystroke (10k names), p95 / median, {keystrokes} keystrokes",
            f"{p95:.2f} / {statistics.median(medians):.2f} ms",
            spread(p95s, "ms p95", 2),
            ratio=f"{p95 / bench_completion.TARGET_MS:.2f}x target",
            target=f"≤ {bench_completion.TARGET_MS:.0f} ms",
        )
    ]


# --- the table -----------------------------------------------------------------------------


def text_table(lines: list[Line]) -> str:
    rows = [HEADER, *(line.cells() for line in lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
           for row in rows]  # fmt: skip
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown_table(lines: list[Line]) -> str:
    rows = [HEADER, tuple("---" for _ in HEADER), *(line.cells() for line in lines)]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                     for row in rows)  # fmt: skip


def timed_section(name: str, step: Callable[[], list[Line]]) -> list[Line]:
    started = time.perf_counter()
    print(f"{name}...", file=sys.stderr, flush=True)
    lines = step()
    print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median counts)")
    parser.add_argument("--latency-ms", type=int, default=30)
    parser.add_argument("--delete", type=int, default=1000)
    parser.add_argument("--tags", type=int, default=100_000, help="tags in the TUI's repository")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown copy of the table")
    args = parser.parse_args(argv)
    heading = machine()
    started = time.perf_counter()
    sections: list[tuple[str, Callable[[], list[Any]]]] = [
        ("client", lambda: client_lines(args.runs, args.latency_ms, args.delete)),
        ("start-up", lambda: startup_lines(max(args.runs, 5))),
        ("TUI", lambda: tui_lines(args.runs, args.tags)),
        ("completion", lambda: completion_lines(args.runs)),
    ]
    lines = [line for name, step in sections for line in timed_section(name, step)]
    footer = (
        f"medians over the runs; whole run {time.perf_counter() - started:.0f} s, "
        f"load average at the end {os.getloadavg()[0]:.2f}"
    )
    print("\n".join(heading))
    print(text_table(lines))
    print(footer)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    reproduce = "Reproduce with `python benchmarks/run_all.py` (see benchmarks/README.md)."
    args.out.write_text(
        "\n\n".join([" \n".join(heading), markdown_table(lines), footer + ". " + reproduce]) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
