"""oras-py against the emulator, and the differential check against Debian's docker-registry.

The reference registry (the CNCF distribution project) runs on 127.0.0.1 with filesystem
storage in a temp dir and no auth; the same client scenario runs against both, and what a
client can observe apart from auth (status codes, digests, tag lists, error codes) agrees.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from swrtui.emulator.backend.docker_logins import long_term_password
from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator
from tests.registry import images
from tests.registry.images import OCI, SKIP_SKOPEO, skopeo

pytestmark = pytest.mark.socket
LONG_USER = f"cn-north-4@{seeds.DEMO_ADMIN_AK}"
REFERENCE = shutil.which("docker-registry")


def test_oras_pushes_and_pulls_an_artifact_byte_identical(
    live_emulator: LiveEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    oras_client = pytest.importorskip("oras.client")
    host = live_emulator.url.removeprefix("http://")
    monkeypatch.chdir(tmp_path)
    artifact = tmp_path / "notes.txt"
    artifact.write_bytes(b"release notes\n" * 500)
    password = long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)
    # oras-py keeps one token for every request: the pull token its first HEAD buys would
    # then be reused for the upload (and refused, as the reference registry refuses it), so
    # the push starts with a pull,push token from the realm; the pull does the whole dance.
    pusher = oras_client.OrasClient(hostname=host, insecure=True)
    pusher.auth.set_basic_auth(LONG_USER, password)
    pusher.auth.set_token_auth(_bearer(live_emulator.url, "demo/notes")["Authorization"][7:])
    pushed = pusher.push(target=f"{host}/demo/notes:v1", files=["notes.txt"])
    assert pushed.status_code == 201
    puller = oras_client.OrasClient(hostname=host, insecure=True)
    puller.auth.set_basic_auth(LONG_USER, password)
    pulled = puller.pull(target=f"{host}/demo/notes:v1", outdir=str(tmp_path / "out"))
    assert [Path(p).read_bytes() for p in pulled] == [artifact.read_bytes()]
    assert live_emulator.app.state.namespaces["demo"].repos["notes"].tags["v1"].digest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def reference_registry(tmp_path: Path) -> Iterator[str]:
    if REFERENCE is None:
        pytest.skip("docker-registry is not installed (Debian: apt-get install docker-registry)")
    port = _free_port()
    config = tmp_path / "registry.yml"
    config.write_text(
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
        f"    rootdirectory: {tmp_path / 'storage'}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: 127.0.0.1:{port}\n"
    )
    process = subprocess.Popen(
        [REFERENCE, "serve", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{url}/v2/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)  # polling a child's port: there is no readiness signal
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _bearer(url: str, repo: str) -> dict[str, str]:
    """A token for the emulator; the reference registry runs without auth and needs none."""
    answer = httpx.get(
        f"{url}/swr/auth/v2/registry/auth/",
        params={"service": "dockyard", "scope": f"repository:{repo}:pull,push,delete"},
        auth=(LONG_USER, long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)),
    )
    return (
        {"Authorization": f"Bearer {answer.json()['token']}"} if answer.status_code == 200 else {}
    )


def _scenario(url: str, source: Path, flags: list[str]) -> list[object]:
    """Push one image under two tags, delete one by digest-free tag delete, observe."""
    host, repo = url.removeprefix("http://"), "demo/diff"
    for tag in ("a", "b"):
        done = skopeo(
            "copy", "--preserve-digests", *flags, f"dir:{source}", f"docker://{host}/{repo}:{tag}"
        )
        assert done.returncode == 0, done.stderr
    headers = {**_bearer(url, repo), "Accept": OCI[0]}
    manifest = (source / "manifest.json").read_bytes()
    layer = [p.name for p in source.iterdir() if p.name not in ("manifest.json", "version")]
    seen: list[object] = []
    get = httpx.get(f"{url}/v2/{repo}/manifests/a", headers=headers)
    seen += [get.status_code, get.headers.get("Docker-Content-Digest"), get.content == manifest]
    listed = httpx.get(f"{url}/v2/{repo}/tags/list", headers=headers).json()
    # The spec orders tags lexically only when paging (n=): distribution 2.8 lists them in
    # directory order without it, so the set is what both must agree on.
    seen.append((listed["name"], sorted(listed["tags"])))
    missing = httpx.get(f"{url}/v2/{repo}/manifests/nope", headers=headers)
    seen += [missing.status_code, missing.json()["errors"][0]["code"]]
    blob = httpx.head(f"{url}/v2/{repo}/blobs/sha256:{'0' * 64}", headers=headers)
    seen.append(blob.status_code)
    sizes = sorted(
        int(
            httpx.head(f"{url}/v2/{repo}/blobs/sha256:{name}", headers=headers).headers[
                "content-length"
            ]
        )
        for name in layer
    )
    seen.append(sizes)
    bad = httpx.get(f"{url}/v2/{repo}/blobs/sha256:{'0' * 64}", headers=headers)
    seen += [bad.status_code, bad.json()["errors"][0]["code"]]
    return seen


@pytest.mark.skipif(images.SKOPEO is None, reason=SKIP_SKOPEO)
def test_emulator_and_reference_registry_agree(
    live_emulator: LiveEmulator, reference_registry: str, tmp_path: Path
) -> None:
    source = images.single(tmp_path / "src", OCI, "differential")
    host = live_emulator.url.removeprefix("http://")
    auth = tmp_path / "auth.json"
    import base64
    import json

    pair = f"{LONG_USER}:{long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)}"
    auth.write_text(
        json.dumps({"auths": {host: {"auth": base64.b64encode(pair.encode()).decode()}}})
    )
    try:
        ours = _scenario(
            live_emulator.url, source, ["--dest-authfile", str(auth), "--dest-tls-verify=false"]
        )
    finally:
        auth.unlink()
    theirs = _scenario(reference_registry, source, ["--dest-tls-verify=false"])
    assert ours == theirs
    assert ours[1] == images.digest((source / "manifest.json").read_bytes())
