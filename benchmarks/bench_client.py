"""swrtui's async client against the official SDK's plain loop, over a real socket.

Starts ``swrtui emulator`` in a child process (a ``large`` seed and an injected latency that
stands for the network round trip), then times, side by side:

1. listing every tag of every repository: the SDK as its users write it (page through
   ``list_repos_details``, then ``list_repository_tags`` per repository, one call at a time)
   vs swrtui (``tags.list_many`` over ``repositories.iter_all``, each repository's tags
   fetched as soon as its listing page arrives, pages of the service's maximum size) vs the
   bound;
2. deleting 1,000 tags: ``delete_repo_tag`` in a loop vs swrtui's deletion engine under its
   concurrency limit vs the bound. The emulator is reseeded before each delete run. swrtui
   deletes as cleanup does, each tag checked against the digest listed (one GET before each
   DELETE, since SWR's DELETE has no conditional form); the same deletes unchecked are timed
   too, and a line says what the check costs in round trips and seconds.

The bound is what the round trips cost at best: (requests swrtui sent, counted by the
emulator) ÷ concurrency × round-trip time, with the injected latency as the round-trip time.
It counts the round trips actually made, so larger pages lower it too; it ignores that the
first repository page must come back before any tag listing can start, which a second
bound (printed, not used for the ratio) adds. The last line is ``list-all vs SDK: <x>x,
delete vs SDK: <y>x, list-all vs bound: <z>x`` and the targets.

Run: ``python benchmarks/bench_client.py`` (options: ``--help``; ``--no-sdk`` times swrtui
alone while iterating).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx

from swrtui import clock
from swrtui.client import AkSkAuth, SwrClient
from swrtui.client.pagination import MAX_PAGE_SIZE
from swrtui.redaction import Secret
from swrtui.services.deletion import TagDeletion, delete_tags

RepoKey = tuple[str, str]
TagKey = tuple[str, str, str]
SDK_PAGE = 100  # what an SDK user typically asks per repository page
STARTUP_TIMEOUT = 120.0
SWRTUI_RUNS = 3


@dataclass(frozen=True)
class Emulator:
    endpoint: str
    ak: str
    sk: Secret
    project_id: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """The emulator process's CPU time so far (Linux ``/proc``; ``None`` elsewhere)."""
        try:
            with open(f"/proc/{self.pid}/stat") as stat:
                fields = stat.read().rpartition(")")[2].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = httpx.request(
            method, f"{self.endpoint}/_emulator/{path}", json=body, timeout=120
        )
        response.raise_for_status()
        return response.json() if response.content else None

    def requests_served(self) -> int:
        return int(self.control("GET", "stats")["requests"])


def _read_banner(process: subprocess.Popen[str]) -> dict[str, str]:
    """The ``Key: value`` lines the emulator prints before serving."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    wanted = {"Endpoint", "AK", "SK", "Project ID"}
    found: dict[str, str] = {}
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not wanted <= found.keys():
        line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
        if line is None:
            raise RuntimeError(f"the emulator exited early (status {process.wait()})")
        key, sep, value = line.partition(":")
        if sep and key.strip() in wanted:
            found[key.strip()] = value.strip()
    return found


@contextmanager
def running_emulator(
    seed: str, latency_ms: int, profile_to: str | None = None
) -> Iterator[Emulator]:
    """The emulator in a child process; with ``profile_to``, under ``cProfile`` writing its
    stats there when it stops (for ``profile_list_all.py``)."""
    profiler = ["-m", "cProfile", "-o", profile_to] if profile_to else []
    command = [sys.executable, *profiler, "-m", "swrtui", "emulator", "--port", "0"]
    command += ["--seed", seed, "--latency-ms", str(latency_ms)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        banner = _read_banner(process)
        yield Emulator(
            banner["Endpoint"],
            banner["AK"],
            Secret(banner["SK"]),
            banner["Project ID"],
            process.pid,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# --- the official SDK, used the way its users write loops -----------------------------------


def sdk_client(emulator: Emulator) -> Any:
    # Importing the SDK writes $HOME/.huaweicloud; keep that out of the real home.
    os.environ["HOME"] = tempfile.mkdtemp(prefix="swrtui-bench-home-")
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkcore.signer import signer
    from huaweicloudsdkswr.v2 import SwrClient as OfficialClient

    signer.datetime = clock.ClockDatetime  # type: ignore[misc]

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(emulator.ak, emulator.sk.reveal(), emulator.project_id)
    return (
        OfficialClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([emulator.endpoint])
        .build()
    )


def sdk_list_all(sdk: Any) -> dict[RepoKey, list[str]]:
    from huaweicloudsdkswr.v2 import ListReposDetailsRequest, ListRepositoryTagsRequest

    repos: list[RepoKey] = []
    offset = 0
    while True:
        page = sdk.list_repos_details(
            ListReposDetailsRequest(limit=str(SDK_PAGE), offset=str(offset))
        ).body
        if not page:
            break
        repos += [(repo.namespace, repo.name) for repo in page]
        offset += len(page)
    tags: dict[RepoKey, list[str]] = {}
    for org, repo in repos:
        request = ListRepositoryTagsRequest(namespace=org, repository=repo.replace("/", "$"))
        tags[(org, repo)] = [tag.tag for tag in sdk.list_repository_tags(request).body]
    return tags


def sdk_delete(sdk: Any, targets: list[TagKey]) -> None:
    from huaweicloudsdkswr.v2 import DeleteRepoTagRequest

    for org, repo, tag in targets:
        sdk.delete_repo_tag(
            DeleteRepoTagRequest(namespace=org, repository=repo.replace("/", "$"), tag=tag)
        )


# --- swrtui --------------------------------------------------------------------------------


def swrtui_client(emulator: Emulator) -> SwrClient:
    auth = AkSkAuth(emulator.ak, emulator.sk.reveal(), project_id=emulator.project_id)
    return SwrClient(emulator.endpoint, auth=auth)


async def swrtui_list_all(client: SwrClient) -> dict[RepoKey, list[str]]:
    async with client:
        repos = client.repositories.iter_all(page_size=MAX_PAGE_SIZE)
        listed = await client.tags.list_many((r.namespace, r.name) async for r in repos)
    return {key: [tag.name for tag in tags] for key, tags in listed.items()}


async def swrtui_delete(client: SwrClient, items: list[TagDeletion], concurrency: int) -> None:
    async with client:
        report = await delete_tags(client, items, concurrency=concurrency)
    if len(report.deleted) != len(items):
        raise SystemExit(f"delete: {report.summary()}")


async def _as_listed(emulator: Emulator, targets: list[TagKey]) -> list[TagDeletion]:
    """The targets with the digest and update time a listing shows (what cleanup checks)."""
    repos = sorted({(org, repo) for org, repo, _ in targets})
    async with swrtui_client(emulator) as client:
        listed = await client.tags.list_many(repos)
    tags = {(org, repo, t.name): t for (org, repo), found in listed.items() for t in found}
    return [TagDeletion(*key, tags[key].digest, tags[key].updated) for key in targets]


async def _remaining(emulator: Emulator, repos: list[RepoKey]) -> int:
    async with swrtui_client(emulator) as client:
        return sum(len(tags) for tags in (await client.tags.list_many(repos)).values())


# --- measuring and reporting ---------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    seconds: float
    requests: int  # as counted by the emulator
    cpu: float  # this process's CPU time
    emulator_cpu: float | None  # the emulator's, where the platform tells


def timed(emulator: Emulator, run: Callable[[], Any]) -> tuple[Any, Timing]:
    before, emulator_cpu = emulator.requests_served(), emulator.cpu_seconds()
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    # The stats call itself is not counted (control calls stay out of the traffic stats).
    requests, emulator_after = emulator.requests_served() - before, emulator.cpu_seconds()
    if emulator_cpu is not None and emulator_after is not None:
        emulator_cpu = emulator_after - emulator_cpu
    return result, Timing(seconds, requests, cpu, emulator_cpu)


Outcome = tuple[Any, Timing]


def _nothing() -> None:
    pass


def fastest(outcomes: list[Outcome]) -> Outcome:
    return min(outcomes, key=lambda outcome: outcome[1].seconds)


def median(outcomes: list[Outcome]) -> Outcome:
    """The run with the median time (the upper one of an even count): a real run."""
    return sorted(outcomes, key=lambda outcome: outcome[1].seconds)[len(outcomes) // 2]


@dataclass(frozen=True)
class Plan:
    """How often each side runs and which run stands for it. The default is this script's:
    a sub-second swrtui run is easily skewed by other load on the machine, so the fastest of
    three counts, while the SDK loops take seconds and run once."""

    sdk_runs: int = 1
    swrtui_runs: int = SWRTUI_RUNS
    pick: Callable[[list[Outcome]], Outcome] = fastest


def sdk_runs(
    emulator: Emulator,
    run: Callable[[], Any],
    plan: Plan,
    prepare: Callable[[], None] = _nothing,
    verify: Callable[[], None] = _nothing,
) -> tuple[Outcome, list[float]]:
    """``plan.sdk_runs`` runs of the SDK loop (``prepare`` and ``verify`` off the clock)."""
    outcomes = []
    for _ in range(plan.sdk_runs):
        prepare()
        outcomes.append(timed(emulator, run))
        verify()
    return plan.pick(outcomes), [timing.seconds for _, timing in outcomes]


def swrtui_runs(
    emulator: Emulator,
    run: Callable[[SwrClient], Coroutine[Any, Any, Any]],
    plan: Plan,
    prepare: Callable[[], None] = _nothing,
    verify: Callable[[], None] = _nothing,
) -> tuple[Outcome, list[float]]:
    """``plan.swrtui_runs`` runs and the one the plan picks (``prepare``, ``verify`` and
    building the client off the clock).

    Each run gets a new client built before the clock starts, as the SDK's client is: its
    construction (mostly loading the CA bundle, about 20 ms) is not part of the task.
    """
    outcomes = []
    for _ in range(plan.swrtui_runs):
        prepare()
        client = swrtui_client(emulator)
        outcomes.append(timed(emulator, partial(asyncio.run, run(client))))
        verify()
    return plan.pick(outcomes), [timing.seconds for _, timing in outcomes]


@dataclass(frozen=True)
class Row:
    task: str
    sdk: Timing
    ours: Timing
    bound: float  # the issue's: requests / concurrency x round trip
    # The bound counting the round trip that must come first (list-all's first repository page).
    bound_first_trip: float | None = None
    # Every run's seconds, SDK and swrtui (the timings above are the plan's picks).
    sdk_seconds: tuple[float, ...] = ()
    our_seconds: tuple[float, ...] = ()

    @property
    def vs_sdk(self) -> float:
        return self.sdk.seconds / self.ours.seconds

    @property
    def vs_bound(self) -> float:
        return self.ours.seconds / self.bound

    def line(self) -> str:
        trips = f"{self.sdk.requests}/{self.ours.requests}"
        return (
            f"{self.task:<26}{trips:>12}{self.sdk.seconds:>10.2f}s{self.ours.seconds:>9.2f}s"
            f"{self.bound:>8.2f}s{self.vs_sdk:>11.1f}x{self.vs_bound:>12.2f}x"
        )


def bound(requests: int, concurrency: int, rtt: float) -> float:
    return requests / concurrency * rtt


def bound_with_first_trip(requests: int, concurrency: int, rtt: float) -> float:
    """The bound when one request must finish before the rest can start (the first
    repository page, before any tag listing): that round trip cannot overlap."""
    return rtt + bound(requests - 1, concurrency, rtt)


def bench_list_all(
    emulator: Emulator, sdk: Any, concurrency: int, rtt: float, plan: Plan = Plan()
) -> tuple[Row, dict]:
    (sdk_tags, sdk_time), sdk_all = sdk_runs(emulator, lambda: sdk_list_all(sdk), plan)
    (our_tags, our_time), our_all = swrtui_runs(emulator, swrtui_list_all, plan)
    if {k: sorted(v) for k, v in sdk_tags.items()} != {k: sorted(v) for k, v in our_tags.items()}:
        raise SystemExit("list-all: the SDK and swrtui listed different tags")
    total = sum(len(tags) for tags in our_tags.values())
    task = f"list {total} tags/{len(our_tags)} repos"
    row = Row(
        task,
        sdk_time,
        our_time,
        bound(our_time.requests, concurrency, rtt),
        bound_with_first_trip(our_time.requests, concurrency, rtt),
        tuple(sdk_all),
        tuple(our_all),
    )
    return row, our_tags


def bench_delete(
    emulator: Emulator,
    sdk: Any,
    seed: str,
    targets: list[TagKey],
    concurrency: int,
    rtt: float,
    plan: Plan = Plan(),
) -> tuple[Row, Row]:
    """The digest-checked deletes (as cleanup runs them), then the same deletes unchecked."""
    repos = sorted({(org, repo) for org, repo, _ in targets})
    before = asyncio.run(_remaining(emulator, repos))
    checked = asyncio.run(_as_listed(emulator, targets))
    unchecked = [TagDeletion(*key) for key in targets]

    def reseed() -> None:
        emulator.control("POST", "reset", {"seed": seed})

    def check() -> None:
        if asyncio.run(_remaining(emulator, repos)) != before - len(targets):
            raise SystemExit("delete: the tags were not all deleted")

    def sdk_run() -> None:
        sdk_delete(sdk, targets)

    def ours(items: list[TagDeletion]) -> Callable[[SwrClient], Coroutine[Any, Any, None]]:
        return lambda client: swrtui_delete(client, items, concurrency)

    (_, sdk_time), sdk_all = sdk_runs(emulator, sdk_run, plan, reseed, check)
    rows = []
    for label, items in (("", checked), (" unchecked", unchecked)):
        (_, our_time), our_all = swrtui_runs(emulator, ours(items), plan, reseed, check)
        limit = bound(our_time.requests, concurrency, rtt)
        task = f"delete {len(targets)} tags{label}"
        rows.append(Row(task, sdk_time, our_time, limit, None, tuple(sdk_all), tuple(our_all)))
    return rows[0], rows[1]


def digest_check_cost(checked: Row, unchecked: Row, count: int) -> str:
    """What reading each tag again before its DELETE costs: round trips and seconds."""
    extra = checked.ours.requests - unchecked.ours.requests
    seconds = checked.ours.seconds - unchecked.ours.seconds
    return (
        f"digest check before each delete: +{extra} requests ({extra / count:.2f} per tag), "
        f"+{seconds:.2f} s ({checked.ours.seconds:.2f} s checked vs "
        f"{unchecked.ours.seconds:.2f} s unchecked)"
    )


def delete_targets(listed: dict[RepoKey, list[str]], count: int) -> list[TagKey]:
    targets = [(org, repo, tag) for (org, repo), tags in sorted(listed.items()) for tag in tags]
    if len(targets) < count:
        raise SystemExit(f"the seed has only {len(targets)} tags; {count} are to be deleted")
    return targets[:count]


@dataclass(frozen=True)
class Results:
    listing: Row
    deleting: Row  # digest-checked, as cleanup deletes
    deleting_unchecked: Row
    concurrency: int
    seconds: float  # the whole measurement, emulator start-up included


def measure(seed: str, latency_ms: int, delete: int, plan: Plan = Plan()) -> Results:
    """Both tasks, SDK and swrtui, against one emulator (``seed``, ``latency_ms`` per trip)."""
    concurrency = inspect.signature(SwrClient).parameters["max_concurrency"].default
    rtt = latency_ms / 1000
    started = time.perf_counter()
    with running_emulator(seed, latency_ms) as emulator:
        sdk = sdk_client(emulator)
        listing, listed = bench_list_all(emulator, sdk, concurrency, rtt, plan)
        targets = delete_targets(listed, delete)
        deleting, unchecked = bench_delete(emulator, sdk, seed, targets, concurrency, rtt, plan)
    return Results(listing, deleting, unchecked, concurrency, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="large:200x100", help="emulator seed (large:REPOSxTAGS)")
    parser.add_argument("--latency-ms", type=int, default=30, help="injected round-trip time")
    parser.add_argument("--delete", type=int, default=1000, help="how many tags to delete")
    parser.add_argument(
        "--no-sdk", action="store_true", help="time swrtui's list-all alone (while iterating)"
    )
    args = parser.parse_args(argv)
    if args.no_sdk:
        list_all_alone(args.seed, args.latency_ms)
        return
    results = measure(args.seed, args.latency_ms, args.delete)
    report(args, results)


def list_all_alone(seed: str, latency_ms: int) -> None:
    """swrtui's list-all against the bound, without the SDK loop or the deletes."""
    concurrency = inspect.signature(SwrClient).parameters["max_concurrency"].default
    rtt = latency_ms / 1000
    with running_emulator(seed, latency_ms) as emulator:
        (tags, timing), seconds = swrtui_runs(emulator, swrtui_list_all, Plan())
    limit = bound(timing.requests, concurrency, rtt)
    first = bound_with_first_trip(timing.requests, concurrency, rtt)
    print(
        f"list {sum(map(len, tags.values()))} tags/{len(tags)} repos: best {timing.seconds:.2f} s "
        f"of {', '.join(f'{run:.2f}' for run in seconds)}; {timing.requests} requests, "
        f"bound {limit:.2f} s (requests / {concurrency} x {latency_ms} ms), "
        f"{first:.2f} s with the first repository page's trip; {cpu_summary(timing)}"
    )
    print(
        f"list-all vs bound: {timing.seconds / limit:.2f}x, counting the first trip: "
        f"{timing.seconds / first:.2f}x (--no-sdk: SDK not run; target ≤ 1.3x bound)"
    )


def cpu_summary(timing: Timing) -> str:
    emulator = "" if timing.emulator_cpu is None else f" + emulator {timing.emulator_cpu:.2f} s"
    return f"client {timing.cpu:.2f} s{emulator}"


def report(args: argparse.Namespace, results: Results) -> None:
    concurrency, listing, deleting = results.concurrency, results.listing, results.deleting
    total = results.seconds
    print(
        f"emulator {args.seed}, {args.latency_ms} ms per round trip, swrtui concurrency "
        f"{concurrency}, bound = requests / {concurrency} x {args.latency_ms} ms "
        f"(total run {total:.0f} s, load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"
    )
    print(
        f"{'task':<26}{'requests':>12}{'SDK loop':>11}{'swrtui':>10}{'bound':>9}"
        f"{'SDK/swrtui':>12}{'swrtui/bound':>13}"
    )
    print(listing.line())
    print(deleting.line())
    print(results.deleting_unchecked.line())
    print(digest_check_cost(deleting, results.deleting_unchecked, args.delete))
    print(
        f"swrtui CPU (best of {SWRTUI_RUNS} runs; the SDK loops run once): list-all "
        f"{cpu_summary(listing.ours)}, delete {cpu_summary(deleting.ours)}"
    )
    if listing.bound_first_trip is not None:
        ratio = listing.ours.seconds / listing.bound_first_trip
        print(
            f"list-all vs bound counting the first repository page's round trip, which must "
            f"end before tag listing starts: {ratio:.2f}x "
            f"(bound {listing.bound_first_trip:.2f} s; the last line uses the bound above)"
        )
    print(
        f"list-all vs SDK: {listing.vs_sdk:.1f}x, delete vs SDK: {deleting.vs_sdk:.1f}x, "
        f"list-all vs bound: {listing.vs_bound:.2f}x (targets: list-all ≥ 10x SDK, ≤ 1.3x bound)"
    )


if __name__ == "__main__":
    main()
