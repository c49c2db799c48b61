"""How quick the TUI feels: first paint on the demo, and event-loop lag while a repository
with 100,000 tags loads.

1. First paint: from creating the app (in-process demo emulator, 160x48 headless terminal)
   to the organizations being in the tree. Target: at most 0.5 s.
2. Lag: ``swrtui emulator --seed large:1x1x100000`` runs in a child process (so its CPU is not
   on the TUI's event loop); the app opens the repository and a ticker measures how late a
   10 ms sleep wakes up while the tags page in. Reported: p50/p95/max lag, the time until the
   first rows are on screen and until all 100,000 tags are loaded.

Run: ``python benchmarks/bench_tui.py`` (``--tags N`` for another size, ``--runs N``).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from swrtui.cli.tui import demo_context
from swrtui.client import AkSkAuth, SwrClient
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext

SIZE = (160, 48)
TICK = 0.010


async def first_paint() -> float:
    start = time.perf_counter()
    app = SwrApp(demo_context())
    async with app.run_test(size=SIZE) as pilot:
        while not app.nav.tree.root.children:
            await pilot.pause(0.005)
        elapsed = time.perf_counter() - start
    return elapsed


@contextmanager
def served_emulator(seed: str) -> Iterator[dict[str, str]]:
    command = [sys.executable, "-m", "swrtui", "emulator", "--port", "0", "--seed", seed]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        banner: dict[str, str] = {}
        assert child.stdout is not None
        for line in child.stdout:
            key, sep, value = line.partition(": ")
            if sep:
                banner[key.strip()] = value.strip()
            if "AK" in banner and "SK" in banner:
                break
        yield banner
    finally:
        child.terminate()
        child.wait(timeout=30)


async def ticker(lags: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(time.perf_counter() - before - TICK)


async def load_many_tags(banner: dict[str, str], total: int) -> dict[str, float]:
    client = SwrClient(
        banner["Endpoint"],
        region=banner["Region"],
        auth=AkSkAuth(banner["AK"], banner["SK"], project_id=banner["Project ID"]),
        project_id=banner["Project ID"],
    )
    context = AppContext(client, "bench", client.region, client.endpoint)
    context.journal_dir = Path(tempfile.mkdtemp())
    app = SwrApp(context)
    lags: list[float] = []
    stop = asyncio.Event()
    async with app.run_test(size=SIZE) as pilot:
        while not app.nav.cache.repos.get("bench-000"):
            await pilot.pause(0.01)
        rss_before = rss_mb()
        tick = asyncio.create_task(ticker(lags, stop))
        start = time.perf_counter()
        app.show(nodes.repository("bench-000", "repo-0000"))
        model = app.repo_pane.tags_table.model
        first = None
        while len(model.tags) < total:
            if first is None and app.repo_pane.tags_table.grid.row_count:
                first = time.perf_counter() - start
            await asyncio.sleep(0.01)
        loaded = time.perf_counter() - start
        rss_loaded = rss_mb()
        # One full re-sort of everything, as pressing "3" (size) does.
        await pilot.press("tab")
        sort_start = time.perf_counter()
        app.repo_pane.tags_table.action_sort("size")
        sort = time.perf_counter() - sort_start
        stop.set()
        await tick
    ordered = sorted(lags)
    return {
        "first_rows_s": first or loaded,
        "all_loaded_s": loaded,
        "lag_p50_ms": 1000 * statistics.median(ordered),
        "lag_p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
        "lag_max_ms": 1000 * ordered[-1],
        "sort_100k_ms": 1000 * sort,
        # The whole TUI process (the emulator runs in another): before opening the
        # repository, and with every tag in the table's model.
        "rss_before_mb": rss_before,
        "rss_loaded_mb": rss_loaded,
    }


def rss_mb() -> float:
    """This process's resident set size now, in MiB (Linux ``/proc``; NaN elsewhere)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(tags: int, runs: int) -> tuple[list[float], dict[str, float]]:
    """First-paint seconds of ``runs`` runs, and the numbers of one load of ``tags`` tags."""
    paints = [asyncio.run(first_paint()) for _ in range(runs)]
    with served_emulator(f"large:1x1x{tags}") as banner:
        return paints, asyncio.run(load_many_tags(banner, tags))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="first-paint runs")
    args = parser.parse_args()
    paints, numbers = measure(args.tags, args.runs)
    print(
        f"first paint (demo, orgs in tree): median {statistics.median(paints):.3f} s, "
        f"max {max(paints):.3f} s over {args.runs} runs (target <= 0.5 s)"
    )
    print(
        f"{args.tags} tags: first rows {numbers['first_rows_s']:.2f} s, all loaded "
        f"{numbers['all_loaded_s']:.2f} s; event-loop lag p50 {numbers['lag_p50_ms']:.1f} ms, "
        f"p95 {numbers['lag_p95_ms']:.1f} ms, max {numbers['lag_max_ms']:.1f} ms; "
        f"re-sort of all tags {numbers['sort_100k_ms']:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
