"""Completion latency per keystroke with 10,000 cached repository names.

Fills a :class:`~swrtui.commands.NameCache` with 50 organizations × 200 repositories
(10,000 ``org/repo`` names) and 2,000 tags of one repository, then calls
:func:`~swrtui.commands.suggest` after every keystroke of a few typed lines, the way the
REPL's completer does while typing. Prints the median and 95th percentile in milliseconds;
the target is 20 ms per keystroke. Run: ``python benchmarks/bench_completion.py``.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta, timezone

from swrtui.client.models.tags import Tag
from swrtui.commands import NameCache, Where, suggest

TARGET_MS = 20.0
WORDS = ("api", "web", "db", "cache", "auth", "billing", "search", "ml", "etl", "gateway")
TYPED = (
    "tags show plat07/billing-gateway-0042:v1.2",
    "tags list team31/serv",
    "repos show dat12/etl",
    "cleanup plan team03/web-api --keep-last 5 --older-than 30d",
    "tags show web-0007:rc",  # fuzzy across every organization
)


def build_cache(orgs: int = 50, repos_per_org: int = 200, tags: int = 2000) -> NameCache:
    rng = random.Random(7)
    cache = NameCache()
    org_names = [f"{prefix}{i:02d}" for i, prefix in enumerate(["plat", "team", "dat"] * 17)][:orgs]
    cache.set_orgs(org_names)
    for org in org_names:
        names = {f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{n:04d}" for n in range(repos_per_org)}
        cache.set_repos(org, names)
    cache.set_repos("plat07", [*cache.repos("plat07"), "billing-gateway-0042"])
    # The cache keeps tag names newest first, so it takes tags with their push times.
    pushed = datetime(2026, 1, 1, tzinfo=timezone.utc)
    listed = [
        Tag.of(f"v1.{i // 50}.{i % 50}", "", 0, pushed, pushed + timedelta(hours=i), "", "")
        for i in range(tags)
    ]
    cache.set_tags("plat07", "billing-gateway-0042", listed)
    return cache


def measure(cache: NameCache) -> list[float]:
    timings = []
    where = Where("team03")
    for line in TYPED:
        for cursor in range(1, len(line) + 1):
            start = time.perf_counter()
            suggest(line[:cursor], cursor, cache, where=where)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    cache = build_cache()
    print(f"cached: {len(cache.all_repos())} repositories, {len(cache.orgs())} organizations")
    measure(cache)  # warm-up: compiled patterns, caches
    timings = measure(cache)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    worst = max(timings)
    print(f"keystrokes: {len(timings)}")
    print(f"suggest() per keystroke: median {median:.2f} ms, p95 {p95:.2f} ms, max {worst:.2f} ms")
    print(f"target {TARGET_MS:.0f} ms: {'met' if p95 <= TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
