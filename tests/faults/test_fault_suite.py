"""The client and the cleanup service on a bad day, over a real socket.

Faults come from the emulator's control API: 10% of GETs answer 503, 5% of GETs have their
connection reset mid-reply, and bursts of 429 with ``Retry-After`` hit every route while a
listing runs. Listing every tag of every repository must then give exactly the clean run's
result. A cleanup whose DELETEs fail (10% 500, 5% reset) with retries off must delete only
planned tags, report every failure with its error code (one per injected fault), journal the
rest as pending, and a resume from the journal must finish the plan exactly.

The client runs the product's retry policy unchanged, except that each wait it asks for is
recorded and then slept at most 1 ms, so the suite measures behaviour, not patience. Its time
budget still runs on the real clock: the bursts come every 50 ms of real time, and counting
each 1 s Retry-After as a second spent would let the last request of a listing, alone
against every burst, spend its budget in a few milliseconds, which no real client could.

Which requests the emulator faults is fixed by its fault seed (see
:mod:`swrtui.emulator.faults`); each test runs once per seed, the seed in its id and in every
failure message. Short by default (seeds 0 and 1; per seed 60 repositories of 20 tags
listed and 100 tags deleted, so that two seeds cost about what one bigger run used to);
``SWRTUI_LONG=1`` runs 50 seeds, lists 20,000 tags and deletes 1,000;
``SWRTUI_FAULT_SEED=17`` replays seed 17 alone. The 429 bursts are timed, not seeded, so a
replay repeats every 503 and reset decision while the bursts land where they may.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from swrtui.client import AkSkAuth, SwrClient, SwrError
from swrtui.emulator.state import seeds
from swrtui.services.cleanup import Pattern, RuleSet, execute_plan, make_plan, read_journal, resume
from tests.conftest import LiveEmulator

pytestmark = [pytest.mark.faults, pytest.mark.socket]

LONG = os.environ.get("SWRTUI_LONG") == "1"
LIST_SEED = "large:4x50x100" if LONG else "large:2x30x20"
CLEANUP_SEED = "large:1x10x105" if LONG else "large:1x10x15"
KEEP_LAST = 5
PLANNED = 1000 if LONG else 100
INJECTED_500 = "SVCSTG.SWR.5000001"
BURST_CODE = "SVCSTG.SWR.4290000"
SEED_ENV = "SWRTUI_FAULT_SEED"


def _seeds() -> list[int]:
    replay = os.environ.get(SEED_ENV, "").strip()
    if replay:
        if not replay.isdigit():
            raise pytest.UsageError(f"{SEED_ENV} must be a non-negative integer, got {replay!r}")
        return [int(replay)]
    return list(range(50)) if LONG else [0, 1]


FAULT_SEEDS = pytest.mark.parametrize("seed", _seeds(), ids=lambda seed: f"seed{seed}")


def _replay(seed: int) -> str:
    return f"fault seed {seed} (replay: {SEED_ENV}={seed} pytest {__file__})"


def _client(
    live: LiveEmulator, seed: int, retries: int | None = None
) -> tuple[SwrClient, list[float]]:
    """A socket client with the default retry policy (or ``retries``) and seeded jitter; the
    list collects every wait it asked for, each slept at most 1 ms."""
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    client = SwrClient(live.url, auth=auth, max_concurrency=8)
    client.retry.rng = random.Random(seed)
    if retries is not None:
        client.retry.retries = retries
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(min(seconds, 0.001))

    client._sleep = sleep
    return client, waits


async def _control(live: LiveEmulator, method: str, path: str, body: Any = None) -> Any:
    async with httpx.AsyncClient(base_url=live.url) as http:
        response = await http.request(method, "/_emulator/" + path, json=body)
        assert response.is_success, response.text
        return response.json() if response.content else None


async def _list_all(client: SwrClient) -> dict[tuple[str, str], list[Any]]:
    repos = [(repo.namespace, repo.name) async for repo in client.repositories.iter_all()]
    return await client.tags.list_many(repos)


async def _bursts(live: LiveEmulator, stop: asyncio.Event) -> int:
    """Add a burst of eight 429s (Retry-After: 1) every 50 ms until told to stop."""
    added = 0
    while not stop.is_set():
        spec = {"action": "status", "status": 429, "count": 8, "retry_after": 1}
        await _control(live, "POST", "faults", {**spec, "error_code": BURST_CODE})
        added += 1
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)
    return added


@pytest.fixture
def live(live_emulator: LiveEmulator) -> Iterator[LiveEmulator]:
    yield live_emulator
    live_emulator.reset("demo")  # leaves no faults behind for the next test
    live_emulator.app.faults.reseed(0)


_CLEAN: dict[str, dict[tuple[str, str], list[Any]]] = {}


async def _clean_listing(live: LiveEmulator) -> dict[tuple[str, str], list[Any]]:
    """The fault-free listing of ``LIST_SEED``, computed once for all fault seeds."""
    if LIST_SEED not in _CLEAN:
        clean_client, _ = _client(live, 0, retries=0)
        async with clean_client:
            _CLEAN[LIST_SEED] = await _list_all(clean_client)
    return _CLEAN[LIST_SEED]


@contextlib.asynccontextmanager
async def _seeded(live: LiveEmulator, seed: int) -> AsyncIterator[None]:
    """Faults drawn from ``seed``; any client error on the way out names the seed."""
    await _control(live, "PUT", "faults/seed", {"seed": seed})
    try:
        yield
    except SwrError as exc:
        pytest.fail(f"{_replay(seed)}: {exc}")


@FAULT_SEEDS
async def test_list_all_under_faults_equals_the_clean_run(live: LiveEmulator, seed: int) -> None:
    live.reset(LIST_SEED)
    clean = await _clean_listing(live)
    assert sum(map(len, clean.values())) == _tag_count(LIST_SEED)

    await _control(
        live,
        "POST",
        "faults",
        {
            "action": "status",
            "method": "GET",
            "status": 503,
            "error_code": "SVCSTG.SWR.5030001",
            "probability": 0.1,
        },
    )
    await _control(
        live, "POST", "faults", {"action": "reset", "method": "GET", "probability": 0.05}
    )
    stop = asyncio.Event()
    burster = asyncio.ensure_future(_bursts(live, stop))
    client, waits = _client(live, seed)
    async with client, _seeded(live, seed):
        try:
            faulty = await _list_all(client)
        finally:
            stop.set()
            bursts = await burster
    assert faulty == clean, _replay(seed)
    hits = {
        rule["action"] + str(rule["status"]): 0 for rule in await _control(live, "GET", "faults")
    }
    for rule in await _control(live, "GET", "faults"):
        hits[rule["action"] + str(rule["status"])] += rule["hits"]
    # Every kind of fault really happened, and the client honoured Retry-After.
    assert hits["status503"] > 0 and hits["reset500"] > 0 and hits["status429"] > 0, (
        hits,
        _replay(seed),
    )
    assert bursts >= 1 and waits.count(1.0) == hits["status429"], _replay(seed)


def _tag_count(seed: str) -> int:
    orgs, repos, tags = (int(n) for n in seed.removeprefix("large:").split("x"))
    return orgs * repos * tags


def _tags_now(live: LiveEmulator) -> set[tuple[str, str, str]]:
    return {
        (ns.name, repo.name, tag)
        for ns in live.app.state.namespaces.values()
        for repo in ns.repos.values()
        for tag in repo.tags
    }


@FAULT_SEEDS
async def test_cleanup_under_delete_faults_deletes_exactly_the_plan(
    live: LiveEmulator, tmp_path: Path, seed: int
) -> None:
    live.reset(CLEANUP_SEED)
    before = _tags_now(live)
    rules = RuleSet(orgs=(Pattern.parse("bench-000"),), keep_last=KEEP_LAST)
    client, _ = _client(live, seed, retries=0)
    async with client, _seeded(live, seed):
        plan = await make_plan(client, rules)
        planned = {item.key for item in plan.items}
        assert plan.count == PLANNED
        await _control(
            live,
            "POST",
            "faults",
            {"action": "status", "method": "DELETE", "status": 500, "probability": 0.1},
        )
        await _control(
            live, "POST", "faults", {"action": "reset", "method": "DELETE", "probability": 0.05}
        )
        report = await execute_plan(
            client, plan, confirmed=True, journal_dir=tmp_path, concurrency=8
        )
    failed = {f.item.key for f in report.failed}
    deleted = {item.key for item in report.deleted}
    # Nothing beyond the plan, nothing unaccounted for, and the state says the same.
    assert deleted | failed == planned and not deleted & failed
    assert not report.not_attempted and not report.already_gone
    assert _tags_now(live) == before - deleted
    # One reported failure per injected fault, each with its error code.
    rules_hit = {rule["action"]: rule["hits"] for rule in await _control(live, "GET", "faults")}
    codes = [f.error_code for f in report.failed]
    assert codes.count(INJECTED_500) == rules_hit["status"] > 0
    assert codes.count("CLIENT.TRANSPORT") == rules_hit["reset"] > 0
    assert len(codes) == rules_hit["status"] + rules_hit["reset"]
    assert all(f.status == 500 for f in report.failed if f.error_code == INJECTED_500)
    assert {item.key for item in read_journal(report.journal).pending()} == failed

    # Resume from the journal, faults still on, with ordinary retries: it finishes the plan.
    retrying, _ = _client(live, seed)
    async with retrying, _seeded(live, seed):
        finished = await resume(retrying, report.journal, confirmed=True, concurrency=8)
    assert finished.ok
    assert {item.key for item in finished.deleted} | {
        item.key for item in finished.already_gone
    } == failed
    assert _tags_now(live) == before - planned
    assert read_journal(report.journal).pending() == []
