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
  once the table's model holds every tag, End on the oldest tag, the table model's sort and
  filter over every tag, and a second start at 2 s latency to the cached tree; then once, the
  moonshot: a repository of 1,000,000 tags (``--big-tags``; 0 skips it). Each TUI run is a
  fresh interpreter importing only ``bench_tui``, so the RSS is what a user's TUI process
  holds, not this script's;
- ``bench_completion``: ``suggest()`` per keystroke with 10,000 cached names;
- ``bench_decode``: one 1,000-tag list page decoded into models, and the Python heap each
  listed tag holds (tracemalloc over 100,000 decoded tags; target ≤ 0.5 KB);
- ``bench_registry``: ``inspect`` with a cached token at 30 ms per round trip (round trips,
  time, and the bound of the trips the protocol makes sequential), and a 50 MiB layer
  pushed (monolithic, chunked) and pulled through the emulator: MiB/s and the emulator's
  peak RSS during each.

Prints one table with medians, spreads, ratios and the issues' targets, headed by the
machine (CPU, cores, Python, load average at the start), and writes it as markdown to
``benchmarks/results/latest.md``. About five minutes on two cores, most of it the SDK's
1,000 sequential deletes and the million-tag load.

``--quick`` runs the same code paths at tiny sizes (:data:`QUICK`), once each, in a few
seconds: CI runs it so that a benchmark broken by a change in the app fails the build. Its
numbers mean nothing and assert nothing; its table goes to ``benchmarks/results/quick.md``
(git-ignored), never over the full run's.
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import bench_client
import bench_completion
import bench_decode
import bench_registry
import bench_startup

from swrtui import clock

RESULTS = Path(__file__).parent / "results"
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


@dataclass(frozen=True)
class Sizes:
    """How big and how often: the full run's sizes, or the quick run's."""

    runs: int  # runs per measure; the median counts
    latency_ms: int  # injected per round trip
    client_seed: str  # the emulator's data for list-all and delete
    delete: int  # tags deleted per run
    startup_runs: int  # fresh interpreters per command
    tui_tags: int  # tags in the TUI's repository
    tui_big_tags: int  # the moonshot's repository (0: skip it)
    paints: int  # first-paint runs (in the first TUI run)
    completion: tuple[int, int, int]  # cached organizations, repositories each, tags
    decode_tags: int  # tags decoded for the heap-per-tag measure
    inspects: int  # timed inspects per image
    layer_mib: int  # the layer pushed and pulled
    chunk_kib: int  # the chunked upload's chunk size
    out: Path  # the markdown copy of the table
    quick: bool = False


FULL = Sizes(
    runs=3,
    latency_ms=30,
    client_seed="large:200x100",
    delete=1000,
    startup_runs=5,
    tui_tags=100_000,
    tui_big_tags=1_000_000,
    paints=5,
    completion=(50, 200, 2000),
    decode_tags=100_000,
    inspects=20,
    layer_mib=50,
    chunk_kib=5 * 1024,
    out=RESULTS / "latest.md",
)
# Big enough that the paging loops turn more than once (the SDK's repository pages, the TUI's
# 1,000-tag pages), small enough for a few seconds on a busy machine; same latency, so the
# bound column keeps its meaning.
QUICK = Sizes(
    runs=1,
    latency_ms=30,
    client_seed="large:20x20",
    delete=20,
    startup_runs=1,
    tui_tags=1000,
    tui_big_tags=2000,
    paints=1,
    completion=(50, 10, 200),
    decode_tags=2000,
    inspects=2,
    layer_mib=2,
    chunk_kib=512,  # still several chunks
    out=RESULTS / "quick.md",
    quick=True,
)


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
        f"{clock.now():%Y-%m-%d %H:%M} UTC, commit {commit or 'unknown'}",
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.system()} {platform.release()}), load average at start {load}",
    ]


# --- the measurements ----------------------------------------------------------------------


def client_lines(sizes: Sizes) -> list[Line]:
    runs, latency_ms = sizes.runs, sizes.latency_ms
    plan = bench_client.Plan(sdk_runs=runs, swrtui_runs=runs, pick=bench_client.median)
    results = bench_client.measure(sizes.client_seed, latency_ms, sizes.delete, plan)
    return [
        _client_line(f"{results.listing.task}, {latency_ms} ms RTT", results.listing),
        _client_line(f"{results.deleting.task}, {latency_ms} ms RTT", results.deleting),
        _client_line(
            f"{results.deleting_unchecked.task}, {latency_ms} ms RTT", results.deleting_unchecked
        ),
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
cached = bench_tui.CACHED_LATENCY_MS if sys.argv[3] == "cached" else None
paints, numbers = bench_tui.measure(int(sys.argv[1]), int(sys.argv[2]), cached)
print(json.dumps({"paints": paints, "numbers": numbers}))
"""


def tui_run(tags: int, paints: int, cached: bool = True) -> tuple[list[float], dict[str, float]]:
    child = subprocess.run(
        [sys.executable, "-c", TUI_CHILD, str(tags), str(paints), "cached" if cached else "-"],
        cwd=Path(__file__).parent,
        # stderr is not captured, so that a failing run's traceback is on the console.
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=900,
    )
    found = json.loads(child.stdout.strip().splitlines()[-1])
    return found["paints"], found["numbers"]


def tui_lines(runs: int, tags: int, first_paints: int) -> list[Line]:
    outcomes = [tui_run(tags, first_paints if run == 0 else 0) for run in range(runs)]
    paints = [seconds * 1000 for seconds in outcomes[0][0]]
    loads = [numbers for _, numbers in outcomes]

    def of(key: str) -> list[float]:
        return [numbers[key] for numbers in loads]

    def median(key: str) -> float:
        return statistics.median(numbers[key] for numbers in loads)

    paint = statistics.median(paints)
    loaded, cached = median("all_loaded_s"), median("cached_start_s")
    return [
        Line("TUI first paint (demo, orgs in the tree)", f"{paint:.0f} ms",
             spread(paints, "ms", 0), ratio=f"{paint / 500:.2f}x target", target="≤ 500 ms"),
        Line(f"TUI {tags:,} tags: first rows / all loaded",
             f"{median('first_rows_s'):.2f} s / {loaded:.2f} s",
             spread(of("all_loaded_s"), "s", 2), ratio=f"{loaded / 3:.2f}x target",
             target="≤ 3 s (100,000)"),
        Line(f"event-loop lag p95 while loading {tags:,} tags", f"{median('lag_p95_ms'):.1f} ms",
             spread(of("lag_p95_ms"), "ms", 1), ratio=f"max {max(of('lag_max_ms')):.0f} ms",
             target="≤ 50 ms"),
        *big_tags_lines(loads, tags, "≤ 200 MiB (100,000)"),
        Line(f"tags table model over {tags:,} tags: sort (slowest key) / filter",
             f"{median('model_sort_ms'):.1f} / {median('model_filter_ms'):.1f} ms",
             spread(of("model_filter_ms"), "ms filter", 0), target="≤ 100 ms each"),
        Line(f"start-up to the cached tree ({median('cached_latency_ms'):.0f} ms per request)",
             f"{cached:.2f} s", spread(of("cached_start_s"), "s", 2),
             ratio=f"{cached:.2f}x target", target="≤ 1 s"),
    ]  # fmt: skip


def big_tags_lines(loads: list[dict[str, float]], tags: int, target: str) -> list[Line]:
    """The TUI process's RSS holding every tag, and whether End showed the oldest."""
    rss = [numbers["rss_loaded_mb"] for numbers in loads]
    growth = statistics.median(rss) - statistics.median(n["rss_before_mb"] for n in loads)
    oldest = all(numbers["end_is_oldest"] for numbers in loads)
    return [
        Line(f"RSS of the TUI process holding {tags:,} tags", f"{statistics.median(rss):.0f} MiB",
             spread(rss, "MiB", 0), ratio=f"+{growth:.0f} MiB for the tags; End shows the "
             f"oldest tag: {'yes' if oldest else 'NO'}", target=target),
    ]  # fmt: skip


def moonshot_lines(tags: int) -> list[Line]:
    """One load of the moonshot's repository: its time, RSS, sort and filter."""
    _, numbers = tui_run(tags, 0, cached=False)
    loaded = numbers["all_loaded_s"]
    return [
        Line(f"TUI {tags:,} tags: all loaded (1 run)", f"{loaded:.2f} s",
             ratio=f"lag p95 {numbers['lag_p95_ms']:.0f} ms"),
        *big_tags_lines([numbers], tags, "≤ 600 MiB (1,000,000)"),
        Line(f"tags table model over {tags:,} tags: sort (slowest key) / filter",
             f"{numbers['model_sort_ms']:.1f} / {numbers['model_filter_ms']:.1f} ms"),
    ]  # fmt: skip


def completion_lines(runs: int, sizes: tuple[int, int, int]) -> list[Line]:
    cache = bench_completion.build_cache(*sizes)
    bench_completion.measure(cache)  # warm-up: compiled patterns, caches
    rounds = [bench_completion.measure(cache) for _ in range(runs)]
    p95s = [statistics.quantiles(timings, n=20)[-1] for timings in rounds]
    medians = [statistics.median(timings) for timings in rounds]
    p95 = statistics.median(p95s)
    keystrokes = len(rounds[0])
    return [
        Line(
            f"REPL completion per keystroke ({len(cache.all_repos()):,} names), p95 / median, "
            f"{keystrokes} keystrokes",
            f"{p95:.2f} / {statistics.median(medians):.2f} ms",
            spread(p95s, "ms p95", 2),
            ratio=f"{p95 / bench_completion.TARGET_MS:.2f}x target",
            target=f"≤ {bench_completion.TARGET_MS:.0f} ms",
        )
    ]


def decode_lines(runs: int, tags: int) -> list[Line]:
    rounds = [bench_decode.measure(tags) for _ in range(runs)]
    pages = [numbers.page_ms for numbers in rounds]
    heaps = [numbers.heap_bytes_per_tag for numbers in rounds]
    heap, target = statistics.median(heaps), bench_decode.TARGET_BYTES_PER_TAG
    return [
        Line(f"decode one {bench_decode.PAGE:,}-tag page", f"{statistics.median(pages):.2f} ms",
             spread(pages, "ms", 2)),
        Line(f"heap per listed tag ({tags:,} tags decoded)", f"{heap:.0f} B",
             spread(heaps, "B", 0), ratio=f"{heap / target:.2f}x target", target=f"≤ {target} B"),
    ]  # fmt: skip


def registry_lines(sizes: Sizes) -> list[Line]:
    results = bench_registry.measure(
        sizes.inspects, sizes.latency_ms, sizes.layer_mib, sizes.chunk_kib * 1024
    )
    lines = []
    for found in results.inspected:
        middle = statistics.median(found.seconds)
        lines.append(
            Line(
                f"inspect {found.reference} ({found.platforms} platforms), cached token, "
                f"{sizes.latency_ms} ms RTT",
                f"{middle * 1000:.0f} ms",
                spread([s * 1000 for s in found.seconds], "ms", 0),
                bound=f"{found.bound * 1000:.0f} ms ({found.sequential} sequential trips)",
                ratio=f"{middle / found.bound:.2f}x bound; {found.registry_trips} registry "
                f"trips + {found.api_requests} API, {found.token_fetches} token fetches",
            )
        )
    for moved in results.transfers:
        lines.append(
            Line(
                f"{moved.step}, {moved.mib:.0f} MiB layer: MiB/s, emulator peak RSS",
                f"{moved.mib_per_s:.0f} MiB/s, {moved.rss_peak_mib:.0f} MiB",
                f"{moved.seconds:.2f} s",
                ratio=f"+{moved.growth_mib:.1f} MiB over {moved.rss_before_mib:.0f} MiB before",
                target="RSS growth ≪ layer (streamed)",
            )
        )
    return lines


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


def sizes_from(argv: list[str] | None) -> Sizes:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes, one run each: checks every benchmark runs"
    )
    parser.add_argument("--runs", type=int, help="runs per measure (median counts)")
    parser.add_argument("--latency-ms", type=int)
    parser.add_argument("--delete", type=int)
    parser.add_argument("--tags", type=int, dest="tui_tags", help="tags in the TUI's repository")
    parser.add_argument(
        "--big-tags", type=int, dest="tui_big_tags", help="the moonshot's tags (0: skip it)"
    )
    parser.add_argument("--out", type=Path, help="markdown copy of the table")
    args = parser.parse_args(argv)
    given = {key: value for key, value in vars(args).items() if value is not None}
    return replace(QUICK if given.pop("quick") else FULL, **given)


def main(argv: list[str] | None = None) -> int:
    sizes = sizes_from(argv)
    heading = machine()
    if sizes.quick:
        heading.append("quick run (--quick): tiny sizes, one run each; the numbers mean nothing")
    started = time.perf_counter()
    sections: list[tuple[str, Callable[[], list[Any]]]] = [
        ("client", lambda: client_lines(sizes)),
        ("start-up", lambda: startup_lines(max(sizes.runs, sizes.startup_runs))),
        ("TUI", lambda: tui_lines(sizes.runs, sizes.tui_tags, sizes.paints)),
        ("TUI moonshot", lambda: moonshot_lines(sizes.tui_big_tags) if sizes.tui_big_tags else []),
        ("completion", lambda: completion_lines(sizes.runs, sizes.completion)),
        ("decoding", lambda: decode_lines(sizes.runs, sizes.decode_tags)),
        ("registry", lambda: registry_lines(sizes)),
    ]
    lines = [line for name, step in sections for line in timed_section(name, step)]
    footer = (
        f"medians over the runs; whole run {time.perf_counter() - started:.0f} s, "
        f"load average at the end {os.getloadavg()[0]:.2f}"
    )
    print("\n".join(heading))
    print(text_table(lines))
    print(footer)
    sizes.out.parent.mkdir(parents=True, exist_ok=True)
    command = "python benchmarks/run_all.py" + (" --quick" if sizes.quick else "")
    reproduce = f"Reproduce with `{command}` (see benchmarks/README.md)."
    sizes.out.write_text(
        "\n\n".join([" \n".join(heading), markdown_table(lines), footer + ". " + reproduce]) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
