"""The registry, measured: ``inspect`` with a cached token, and a big layer pushed and pulled.

``python benchmarks/bench_registry.py [--runs 20] [--latency-ms 30] [--layer-mb 50]``

Starts ``swrtui emulator --seed demo`` in a child process and, over a real socket:

1. ``inspect`` of a multi-arch tag (``demo/nginx:latest``: an index of three platforms) and a
   single image (``demo/hello-world:latest``), through :func:`swrtui.services.images.images_for`
   as the REPL and the TUI call it, after one warm-up inspect that fetched the temporary login
   and the registry token. Each request waits ``--latency-ms`` in the client's transport
   before it is sent: it stands for the network round trip. (The emulator's own
   ``--latency-ms`` delays only its API answers, not its registry's, so the delay is put
   where it covers both doors.) Counted per inspect: registry round trips, API requests
   (the tag listing that finds the other tags on the digest) and token fetches (0: the
   token is cached). The bound is what the protocol forces to be sequential: an index, then
   a platform's manifest, then its config (3 trips; 2 for a single image); the tag listing
   does not depend on them, so it could overlap.
2. A layer of ``--layer-mb`` MiB pushed monolithically (``POST ?digest=`` with the body),
   pushed again in chunks (``POST``, ``PATCH`` per chunk, ``PUT ?digest=``) into another
   repository, and pulled (``GET``, hashed on arrival and compared): MiB/s each, and the
   emulator process's peak RSS during each (Linux ``/proc``: ``VmHWM`` reset before each
   step through ``clear_refs``). Streamed, never held whole, the peak stays near the RSS
   before the step whatever the layer's size.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import bench_client
import httpx

from swrtui.client import AkSkAuth, SwrClient
from swrtui.registry.auth import parse_challenge
from swrtui.registry.media import OCI_MANIFEST
from swrtui.services.images import ImageRef, images_for, registry_url
from swrtui.services.login.credentials import temporary_login

MIB = 1024 * 1024
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
# (tag, round trips the protocol forces one after another)
INSPECTED = (("nginx", 3), ("hello-world", 2))


class DelayedTransport(httpx.AsyncBaseTransport):
    """A real socket transport that waits ``rtt`` seconds before each request, and counts."""

    def __init__(self, rtt: float) -> None:
        self.rtt = rtt
        self.requests = 0
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        await asyncio.sleep(self.rtt)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def api_client(emulator: bench_client.Emulator, transport: httpx.AsyncBaseTransport) -> SwrClient:
    auth = AkSkAuth(emulator.ak, emulator.sk.reveal(), project_id=emulator.project_id)
    return SwrClient(emulator.endpoint, auth=auth, transport=transport)


# --- 1. inspect with a cached token ---------------------------------------------------------


@dataclass(frozen=True)
class Inspected:
    reference: str
    platforms: int
    seconds: list[float]  # one per timed inspect
    registry_trips: int  # per inspect
    api_requests: int  # per inspect
    token_fetches: int  # over all the timed inspects
    sequential: int  # round trips the protocol forces one after another
    rtt: float

    @property
    def bound(self) -> float:
        return self.sequential * self.rtt


async def inspect_runs(
    emulator: bench_client.Emulator, repo: str, sequential: int, runs: int, rtt: float
) -> Inspected:
    transport = DelayedTransport(rtt)
    async with api_client(emulator, transport) as client:
        images = images_for(client)
        ref = ImageRef("demo", repo, tag="latest")
        found = await images.inspect(ref)  # warm-up: temporary login, token, connections
        registry = await images.registry()
        fetched, trips, requests = registry.tokens.fetched, registry.round_trips, transport.requests
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            await images.inspect(ref)
            seconds.append(time.perf_counter() - started)
        registry_trips = (registry.round_trips - trips) // runs
        all_requests = (transport.requests - requests) // runs
        await registry.aclose()
    return Inspected(
        str(ref),
        len(found.platforms),
        seconds,
        registry_trips,
        all_requests - registry_trips,
        registry.tokens.fetched - fetched,
        sequential,
        rtt,
    )


# --- 2. a big layer pushed and pulled -------------------------------------------------------


def peak_rss_reset(pid: int) -> None:
    """Start a new peak: ``VmHWM`` restarts from the current RSS (Linux ≥ 4.0)."""
    with suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of ``pid`` in MiB; NaN where ``/proc`` lacks it."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def write_layer(path: Path, size: int) -> str:
    """``size`` seeded pseudo-random bytes (incompressible, the same every run); the digest."""
    stream, hasher, left = random.Random(size), hashlib.sha256(), size
    with path.open("wb") as handle:
        while left:
            chunk = stream.randbytes(min(MIB, left))
            hasher.update(chunk)
            handle.write(chunk)
            left -= len(chunk)
    return "sha256:" + hasher.hexdigest()


async def read_chunks(path: Path, size: int) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk


@dataclass(frozen=True)
class Transfer:
    step: str
    seconds: float
    mib: float
    rss_before_mib: float
    rss_peak_mib: float

    @property
    def mib_per_s(self) -> float:
        return self.mib / self.seconds

    @property
    def growth_mib(self) -> float:
        return self.rss_peak_mib - self.rss_before_mib


class Pusher:
    """The distribution protocol's blob calls, with a push+pull token for each repository."""

    def __init__(self, http: httpx.AsyncClient, base: str, login: tuple[str, str]) -> None:
        self.http, self.base, self.login = http, base, login
        self._tokens: dict[str, str] = {}

    async def headers(self, repo: str) -> dict[str, str]:
        if repo not in self._tokens:
            probe = await self.http.post(f"{self.base}/v2/{repo}/blobs/uploads/")
            challenge = parse_challenge(probe.headers.get("www-authenticate", ""))
            assert probe.status_code == 401 and challenge is not None, probe.text
            params = {"service": challenge.service, "scope": f"repository:{repo}:push,pull"}
            answer = await self.http.get(challenge.realm, params=params, auth=self.login)
            answer.raise_for_status()
            self._tokens[repo] = answer.json()["token"]
        return {"Authorization": f"Bearer {self._tokens[repo]}"}

    async def monolithic(self, repo: str, layer: Path, digest: str) -> None:
        url = f"{self.base}/v2/{repo}/blobs/uploads/"
        headers = {**await self.headers(repo), "Content-Type": "application/octet-stream"}
        headers["Content-Length"] = str(layer.stat().st_size)
        answer = await self.http.post(
            url, params={"digest": digest}, headers=headers, content=read_chunks(layer, MIB)
        )
        assert answer.status_code == 201, answer.text

    async def chunked(self, repo: str, layer: Path, digest: str, chunk: int) -> None:
        headers = await self.headers(repo)
        started = await self.http.post(f"{self.base}/v2/{repo}/blobs/uploads/", headers=headers)
        assert started.status_code == 202, started.text
        location, offset = started.headers["location"], 0
        with layer.open("rb") as handle:
            while data := handle.read(chunk):
                ranged = {**headers, "Content-Range": f"{offset}-{offset + len(data) - 1}"}
                answer = await self.http.patch(self._url(location), headers=ranged, content=data)
                assert answer.status_code == 202, answer.text
                location, offset = answer.headers["location"], offset + len(data)
        done = await self.http.put(self._url(location), params={"digest": digest}, headers=headers)
        assert done.status_code == 201, done.text

    async def tag(self, repo: str, layer: str, size: int) -> None:
        """A small config and an OCI manifest naming the layer, as ``latest``: the push
        creates the repository, so the layer can be pulled from it."""
        config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {
            "type": "layers", "diff_ids": [layer]}}).encode()  # fmt: skip
        config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
        url = f"{self.base}/v2/{repo}/blobs/uploads/"
        headers = await self.headers(repo)
        answer = await self.http.post(
            url, params={"digest": config_digest}, headers=headers, content=config
        )
        assert answer.status_code == 201, answer.text
        manifest = {
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "digest": config_digest, "size": len(config)},
            "layers": [{"mediaType": OCI_LAYER, "digest": layer, "size": size}],
        }
        answer = await self.http.put(
            f"{self.base}/v2/{repo}/manifests/latest",
            headers={**headers, "Content-Type": OCI_MANIFEST},
            content=json.dumps(manifest).encode(),
        )
        assert answer.status_code == 201, answer.text

    async def pull(self, repo: str, digest: str) -> int:
        hasher, size = hashlib.sha256(), 0
        url = f"{self.base}/v2/{repo}/blobs/{digest}"
        async with self.http.stream("GET", url, headers=await self.headers(repo)) as answer:
            assert answer.status_code == 200, answer.status_code
            async for data in answer.aiter_bytes(MIB):
                hasher.update(data)
                size += len(data)
        assert "sha256:" + hasher.hexdigest() == digest, "the pulled layer differs"
        return size

    def _url(self, location: str) -> str:
        return location if location.startswith("http") else f"{self.base}{location}"


@contextmanager
def step(pid: int, name: str, mib: float, found: list[Transfer]) -> Iterator[None]:
    peak_rss_reset(pid)
    before = rss_mib(pid)
    started = time.perf_counter()
    yield
    seconds = time.perf_counter() - started
    found.append(Transfer(name, seconds, mib, before, rss_mib(pid, "VmHWM")))


async def transfers(emulator: bench_client.Emulator, layer_mib: int, chunk: int) -> list[Transfer]:
    found: list[Transfer] = []
    with tempfile.TemporaryDirectory(prefix="swrtui-bench-layer-") as tmp:
        layer = Path(tmp) / "layer"
        digest = write_layer(layer, layer_mib * MIB)
        async with api_client(emulator, httpx.AsyncHTTPTransport()) as client:
            login = await temporary_login(client)
        pair = (login.username, login.password.reveal())
        async with httpx.AsyncClient(timeout=300) as http:
            pusher = Pusher(http, registry_url(client, login.host), pair)
            for repo in ("demo/bench-mono", "demo/bench-chunked"):
                await pusher.headers(repo)  # tokens before the clock starts
            pid, mib = emulator.pid, float(layer_mib)
            with step(pid, "push, monolithic", mib, found):
                await pusher.monolithic("demo/bench-mono", layer, digest)
            with step(pid, f"push, chunked ({chunk // 1024} KiB chunks)", mib, found):
                await pusher.chunked("demo/bench-chunked", layer, digest, chunk)
            await pusher.tag("demo/bench-mono", digest, layer_mib * MIB)
            with step(pid, "pull", mib, found):
                assert await pusher.pull("demo/bench-mono", digest) == layer_mib * MIB
    return found


# --- both -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    inspected: list[Inspected]
    transfers: list[Transfer]
    layer_mib: int


def measure(runs: int, latency_ms: int, layer_mib: int, chunk: int = 5 * MIB) -> Results:
    rtt = latency_ms / 1000
    with bench_client.running_emulator("demo", latency_ms=0) as emulator:
        inspected = [
            asyncio.run(inspect_runs(emulator, repo, sequential, runs, rtt))
            for repo, sequential in INSPECTED
        ]
        moved = asyncio.run(transfers(emulator, layer_mib, chunk))
    return Results(inspected, moved, layer_mib)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed inspects per image")
    parser.add_argument("--latency-ms", type=int, default=30)
    parser.add_argument("--layer-mb", type=int, default=50, help="layer size in MiB")
    args = parser.parse_args()
    results = measure(args.runs, args.latency_ms, args.layer_mb)
    for found in results.inspected:
        middle = statistics.median(found.seconds)
        print(
            f"inspect {found.reference} ({found.platforms} platforms): median {middle * 1000:.0f} "
            f"ms over {len(found.seconds)} runs; {found.registry_trips} registry round trips "
            f"+ {found.api_requests} API, {found.token_fetches} token fetches; bound "
            f"{found.bound * 1000:.0f} ms ({found.sequential} sequential x {args.latency_ms} ms)"
            f", {middle / found.bound:.2f}x bound"
        )
    for moved in results.transfers:
        print(
            f"{moved.step}: {moved.mib:.0f} MiB in {moved.seconds:.2f} s, "
            f"{moved.mib_per_s:.0f} MiB/s; emulator RSS {moved.rss_before_mib:.0f} MiB before, "
            f"peak {moved.rss_peak_mib:.0f} MiB (+{moved.growth_mib:.1f} MiB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
