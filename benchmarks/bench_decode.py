"""What a listed tag costs the client: decode time per page and Python heap per tag.

The pages are real emulator answers (``large:1xN``, fetched in-process through the client's
own request path, 1,000 tags a page, manifests included as the list call sends them). Then:

1. decode: the median time of turning one 1,000-tag page's bytes into ``Tag`` models with
   the client's own page decoder (what ``client.tags.list`` runs per page), and per tag;
2. heap: ``tracemalloc`` over decoding every page and keeping the models (the raw bytes are
   freed as they would be after each response), divided by the number of tags. Target: at
   most 0.5 KB per tag.

Run: ``python benchmarks/bench_decode.py [--tags 100000] [--rounds 20]``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import time
import tracemalloc
from dataclasses import dataclass

import httpx

from swrtui.client import AkSkAuth, SwrClient
from swrtui.client.endpoints.tags import TAGS
from swrtui.client.models.tags import decode_tags
from swrtui.emulator.app import create_app
from swrtui.emulator.state import seeds

PAGE = 1000
TARGET_BYTES_PER_TAG = 512


@dataclass(frozen=True)
class Numbers:
    tags: int
    page_ms: float  # median decode of one 1,000-tag page
    per_tag_us: float
    heap_bytes_per_tag: float


async def _pages(tags: int) -> list[bytes]:
    """The raw bodies of every 1,000-tag page of one repository holding ``tags`` tags."""
    app = create_app(seed=f"large:1x{tags}")
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    transport = httpx.ASGITransport(app)
    async with SwrClient("https://swr.example", auth=auth, transport=transport) as client:
        repo = (await client.repositories.list())[0]
        params = {"namespace": repo.namespace, "repository": repo.name}
        bodies = []
        for offset in range(0, tags, PAGE):
            query = {"limit": PAGE, "offset": offset}
            response = await client.request("GET", TAGS, params, query=query)
            bodies.append(response.content)
        return bodies


def heap_per_tag(bodies: list[bytes]) -> float:
    """Bytes of Python heap the decoded models of every page hold, per tag."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [tag for body in bodies for tag in decode_tags(body)]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / len(kept)


def measure(tags: int = 100_000, rounds: int = 20) -> Numbers:
    bodies = asyncio.run(_pages(tags))
    page = bodies[0]
    decode_tags(page)  # warm-up: type caches
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        decoded = decode_tags(page)
        timings.append(time.perf_counter() - started)
    middle = statistics.median(timings)
    return Numbers(tags, middle * 1000, middle / len(decoded) * 1e6, heap_per_tag(bodies))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    numbers = measure(args.tags, args.rounds)
    print(
        f"decode one {PAGE}-tag page: {numbers.page_ms:.2f} ms ({numbers.per_tag_us:.2f} us a "
        f"tag); heap over {numbers.tags:,} tags: {numbers.heap_bytes_per_tag:.0f} B a tag "
        f"(target ≤ {TARGET_BYTES_PER_TAG} B)"
    )


if __name__ == "__main__":
    main()
