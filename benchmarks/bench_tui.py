"""How quick the TUI feels: first paint on the demo, and event-loop lag while a repository
with 100,000 tags loads.

1. First paint: from creating the app (in-process demo emulator, 160x48 headless terminal)
   to the navigation tree announcing its organizations (:class:`NavTree.Loaded`). Target: at
   most 0.5 s.
2. Lag: ``swrtui emulator --seed large:1x1x100000`` runs in a child process (so its CPU is not
   on the TUI's event loop); the app opens the repository and a ticker measures how late a
   10 ms sleep wakes up while the tags page in. Reported: p50/p95/max lag, the time until the
   first rows are on screen and until all 100,000 tags are loaded; then the process's RSS,
   whether End shows the oldest tag, and the table model's sort and filter over every tag
   (timed in-process: the slowest sort key, and a filter matching about a tenth).
3. Cached start: a first start saves the name cache; a second one against the same emulator
   with :data:`CACHED_LATENCY_MS` on every request is timed from creating the app to the
   cached organizations in the tree. Target: at most 1 s.

The app is watched through Textual's public message hook (``run_test(message_hook=...)``) and
its public widgets (``SwrApp.nav``, ``SwrApp.repo_pane``, the tags table's ``model`` and
``grid``), so a rename in the TUI fails here with an ``AttributeError`` rather than silently.
Every wait has a deadline and stops at the first error notification the app shows, so a
broken load ends the benchmark with that error instead of spinning.

Run: ``python benchmarks/bench_tui.py`` (``--tags N`` for another size, e.g. 1000000 for the
million-tag moonshot; ``--runs N``).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_client
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from swrtui.cli.tui import demo_context
from swrtui.tui import nodes
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext
from swrtui.tui.widgets.nav_tree import NavTree
from swrtui.tui.widgets.tag_model import SORT_KEYS, TagListModel

SIZE = (160, 48)
# The second start's latency per request: longer than the start-up target, so only the cache
# can put the organizations on screen in time.
CACHED_LATENCY_MS = 2000
TICK = 0.010
# Generous: 100,000 tags load in about 5 s on an idle machine; a wait this long is a hang.
DEADLINE_S = 180.0


class Watch:
    """What the running app announces, seen through Textual's message hook: when the tree's
    organizations were in (the first paint) and every error notification."""

    def __init__(self) -> None:
        self.orgs_shown: float | None = None
        self.errors: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, NavTree.Loaded) and self.orgs_shown is None:
            self.orgs_shown = time.perf_counter()
        elif isinstance(message, Notify) and message.notification.severity == "error":
            note = message.notification
            self.errors.append(f"{note.title}: {note.message}")

    async def until(self, done: Callable[[], bool], what: str, step: float = 0.01) -> None:
        """Poll ``done`` every ``step`` seconds; fail on an error notification or the deadline."""
        deadline = time.monotonic() + DEADLINE_S
        while not done():
            if self.errors:
                raise RuntimeError(f"the TUI reported an error before {what}: {self.errors[0]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {what} after {DEADLINE_S:.0f} s")
            await asyncio.sleep(step)


async def first_paint() -> float:
    watch = Watch()
    start = time.perf_counter()
    with demo_context() as context:
        app = SwrApp(context)
        async with app.run_test(size=SIZE, message_hook=watch):
            await watch.until(lambda: watch.orgs_shown is not None, "organizations in the tree")
    assert watch.orgs_shown is not None
    return watch.orgs_shown - start


async def ticker(lags: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(time.perf_counter() - before - TICK)


def bench_app(emulator: bench_client.Emulator, names_file: Path | None = None) -> SwrApp:
    """The TUI on the served emulator, journals in a throwaway directory; with
    ``names_file``, the profile's name cache there."""
    client = bench_client.swrtui_client(emulator)
    context = AppContext(client, "bench", client.region, client.endpoint, names_file=names_file)
    context.journal_dir = Path(tempfile.mkdtemp(prefix="swrtui-bench-journal-"))
    return SwrApp(context)


async def cached_start(emulator: bench_client.Emulator, latency_ms: int) -> float:
    """Seconds from creating the app to its tree showing the organizations a first start
    saved in the name cache, on a second start with ``latency_ms`` on every request."""
    names = Path(tempfile.mkdtemp(prefix="swrtui-bench-names-")) / "bench.json"
    async with bench_app(emulator, names).run_test(size=SIZE, message_hook=Watch()):
        await watch_file(names)
    emulator.control("PUT", "latency", {"latency_ms": latency_ms})
    try:
        watch = Watch()
        start = time.perf_counter()
        app = bench_app(emulator, names)
        async with app.run_test(size=SIZE, message_hook=watch):
            await watch.until(lambda: watch.orgs_shown is not None, "cached organizations")
            if app.nav.cache.cached_at is None:
                raise RuntimeError("the organizations on screen were not the cached ones")
    finally:
        emulator.control("PUT", "latency", {"latency_ms": 0})
    assert watch.orgs_shown is not None
    return watch.orgs_shown - start


async def watch_file(path: Path) -> None:
    """Wait for the first start's listing to save the name cache."""
    await Watch().until(path.exists, f"the name cache in {path}")


async def load_many_tags(emulator: bench_client.Emulator, total: int) -> dict[str, float]:
    app = bench_app(emulator)
    watch = Watch()
    async with app.run_test(size=SIZE, message_hook=watch) as pilot:
        # The tree lists every repository in the background: let it finish first, so that
        # its requests are not counted in the tags' load.
        await watch.until(lambda: bool(app.nav.cache.repos("bench-000")), "repositories")
        rss_before = rss_mb()
        numbers = await _open_repository(app, pilot, watch, total)
    return {**numbers, "rss_before_mb": rss_before}


async def _open_repository(
    app: SwrApp, pilot: Pilot[None], watch: Watch, total: int
) -> dict[str, float]:
    """Open the repository with ``total`` tags and time its load under the lag ticker."""
    lags: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(lags, stop))
    table = app.repo_pane.tags_table
    start = time.perf_counter()
    app.show(nodes.repository("bench-000", "repo-0000"))
    first: float | None = None

    def all_loaded() -> bool:
        nonlocal first
        if first is None and table.grid.row_count:
            first = time.perf_counter() - start
        return len(table.model.tags) >= total

    await watch.until(all_loaded, f"{total:,} tags in the table")
    loaded = time.perf_counter() - start
    stop.set()
    await tick
    # The RSS once the pane's load is over (it gives freed buffers back when it ends).
    await app.workers.wait_for_complete()
    rss_loaded = rss_mb()
    # End shows the oldest tag (the default order is newest first).
    table.grid.action_jump(-1)
    last = table.current_tag()
    when = SORT_KEYS["updated"]
    oldest = min(table.model.tags, key=when)
    await pilot.press("tab")
    sort_start = time.perf_counter()
    table.action_sort("size")  # one full re-sort of everything, as pressing "3" does
    sort = time.perf_counter() - sort_start
    ordered = sorted(lags)
    return {
        **model_latency(table.model),
        "end_is_oldest": float(last is not None and when(last) == when(oldest)),
        "first_rows_s": first or loaded,
        "all_loaded_s": loaded,
        "lag_p50_ms": 1000 * statistics.median(ordered),
        "lag_p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
        "lag_max_ms": 1000 * ordered[-1],
        "sort_all_ms": 1000 * sort,
        # The whole TUI process (the emulator runs in another), with every tag in the
        # table's model.
        "rss_loaded_mb": rss_loaded,
    }


def model_latency(model: TagListModel) -> dict[str, float]:
    """Milliseconds the table's model takes to sort all its tags (the slowest of the sort
    keys) and to filter them (a filter matching about a tenth of the names, then sorted)."""
    sorts = []
    for key in SORT_KEYS:
        started = time.perf_counter()
        model.sort_by(key)
        model.view()
        sorts.append(time.perf_counter() - started)
    started = time.perf_counter()
    model.set_filter("7")
    shown = len(model.view())
    filtered = time.perf_counter() - started
    model.set_filter("")
    model.sort_by("updated")
    return {
        "model_sort_ms": 1000 * max(sorts),
        "model_filter_ms": 1000 * filtered,
        "filter_shown": float(shown),
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


def measure(
    tags: int, runs: int, cached_latency_ms: int | None = CACHED_LATENCY_MS
) -> tuple[list[float], dict[str, float]]:
    """First-paint seconds of ``runs`` runs, and the numbers of one load of ``tags`` tags
    (and, unless ``cached_latency_ms`` is None, of a second start at that latency)."""
    paints = [asyncio.run(first_paint()) for _ in range(runs)]
    with bench_client.running_emulator(f"large:1x1x{tags}", latency_ms=0) as emulator:
        numbers = asyncio.run(load_many_tags(emulator, tags))
        if cached_latency_ms is not None:
            numbers["cached_start_s"] = asyncio.run(cached_start(emulator, cached_latency_ms))
            numbers["cached_latency_ms"] = cached_latency_ms
    return paints, numbers


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
        f"re-sort of all tags {numbers['sort_all_ms']:.0f} ms"
    )
    print(
        f"RSS {numbers['rss_loaded_mb']:.0f} MiB (before opening {numbers['rss_before_mb']:.0f}"
        f" MiB); End shows the oldest tag: {bool(numbers['end_is_oldest'])}; model sort "
        f"{numbers['model_sort_ms']:.0f} ms, filter {numbers['model_filter_ms']:.0f} ms "
        f"({numbers['filter_shown']:.0f} shown); cached start "
        f"{numbers['cached_start_s']:.2f} s at {CACHED_LATENCY_MS} ms per request"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
