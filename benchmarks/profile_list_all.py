"""Where swrtui's list-all spends the client's CPU: one profiled run against the emulator.

Starts the emulator as ``bench_client.py`` does, runs swrtui's list-all a few times
unprofiled (client and emulator CPU per run), then once under ``cProfile``, and prints
the profiled time per package (httpcore, anyio, json, swrtui's models, ...) and the
functions with the most time of their own. Profiling inflates many small calls (the
models' field readers) more than C code (JSON), so compare shares between runs of this
tool, not with the unprofiled CPU.

With ``--emulator``, the emulator process runs under ``cProfile`` too (all its requests,
the warm runs included) and its tables follow the client's.

Run: ``python benchmarks/profile_list_all.py [--seed large:200x100] [--latency-ms 30]
[--emulator]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import tempfile
import time
from collections import Counter
from functools import partial

import bench_client as bench

WARM_RUNS = 3


def package_of(filename: str, function: str) -> str:
    """A short name for where a profiled function lives."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if "/swrtui/" in filename:
        return "swrtui/" + filename.split("/swrtui/", 1)[1]
    if filename == "~":  # a builtin
        return f"builtin {function}"
    folder, _, module = filename.rpartition("/")
    parent = folder.rpartition("/")[2]
    # The standard library: its package (json, asyncio) or its top-level module (selectors).
    return module if parent.startswith("python3") else parent or filename


def by_package(stats: pstats.Stats) -> Counter[str]:
    totals: Counter[str] = Counter()
    for (filename, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        totals[package_of(filename, function)] += row[2]  # own time
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="large:200x100")
    parser.add_argument("--latency-ms", type=int, default=30)
    parser.add_argument("--top", type=int, default=15, help="how many rows per table")
    parser.add_argument("--emulator", action="store_true", help="profile the emulator too")
    args = parser.parse_args()
    emulator_stats = None
    if args.emulator:
        emulator_stats = os.path.join(tempfile.mkdtemp(prefix="swrtui-profile-"), "emulator")
    with bench.running_emulator(args.seed, args.latency_ms, emulator_stats) as emulator:
        for _ in range(WARM_RUNS):
            client = bench.swrtui_client(emulator)
            run = partial(asyncio.run, bench.swrtui_list_all(client))
            _, timing = bench.timed(emulator, run)
            print(
                f"{timing.seconds:.3f} s, {timing.requests} requests, {bench.cpu_summary(timing)}"
            )
        client = bench.swrtui_client(emulator)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(asyncio.run, bench.swrtui_list_all(client))
        print(f"profiled run: {time.perf_counter() - started:.3f} s")
    show("client", pstats.Stats(profiler), args.top)
    if emulator_stats is not None:
        show("emulator", pstats.Stats(emulator_stats), args.top)


def show(process: str, stats: pstats.Stats, top: int) -> None:
    totals = by_package(stats)
    print(f"\n{process}: own time per package (profiled total {sum(totals.values()):.3f} s)")
    for package, seconds in totals.most_common(top):
        print(f"{seconds:8.3f} s  {package}")
    print()
    stats.sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
