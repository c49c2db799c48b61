"""Images built inside the tests, in skopeo's ``dir:`` layout, and the clients that move them.

A ``dir:`` image is ``manifest.json`` plus one file per blob named by its hex digest (and
``<hex>.manifest.json`` per platform of a list): skopeo copies it without rewriting, so what
comes back from a registry can be compared byte for byte with what went in.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

SKOPEO = shutil.which("skopeo")
SKIP_SKOPEO = "skopeo is not installed (Debian: apt-get install -y skopeo; .ci/run installs it)"
OCI = (
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.config.v1+json",
    "application/vnd.oci.image.layer.v1.tar+gzip",
)
DOCKER = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.container.image.v1+json",
    "application/vnd.docker.image.rootfs.diff.tar.gzip",
)
OCI_INDEX = "application/vnd.oci.image.index.v1+json"


def digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def layer(text: str) -> bytes:
    """A gzipped tar with one file; fixed times so the same text gives the same digest."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        body = text.encode()
        info = tarfile.TarInfo("hello.txt")
        info.size, info.mtime = len(body), 0
        tar.addfile(info, io.BytesIO(body))
    return gzip.compress(raw.getvalue(), mtime=0)


def image(where: Path, kinds: tuple[str, str, str], arch: str, text: str) -> bytes:
    """One single-platform image's blobs into ``where``; returns its manifest bytes."""
    data = layer(text)
    config = json.dumps(
        {
            "architecture": arch,
            "os": "linux",
            "created": "2026-10-01T00:00:00Z",
            "config": {"Env": ["GREETING=" + text], "Cmd": ["/hello"]},
            "rootfs": {"type": "layers", "diff_ids": [digest(gzip.decompress(data))]},
        }
    ).encode()
    for blob in (data, config):
        (where / digest(blob).split(":")[1]).write_bytes(blob)
    manifest = {
        "schemaVersion": 2,
        "mediaType": kinds[0],
        "config": {"mediaType": kinds[1], "digest": digest(config), "size": len(config)},
        "layers": [{"mediaType": kinds[2], "digest": digest(data), "size": len(data)}],
    }
    return json.dumps(manifest).encode()


def single(where: Path, kinds: tuple[str, str, str], text: str) -> Path:
    where.mkdir(parents=True)
    (where / "version").write_text("Directory Transport Version: 1.1\n")
    (where / "manifest.json").write_bytes(image(where, kinds, "amd64", text))
    return where


def two_platforms(where: Path, text: str) -> Path:
    where.mkdir(parents=True)
    (where / "version").write_text("Directory Transport Version: 1.1\n")
    entries = []
    for arch in ("amd64", "arm64"):
        manifest = image(where, OCI, arch, f"{text} on {arch}")
        (where / f"{digest(manifest).split(':')[1]}.manifest.json").write_bytes(manifest)
        entries.append(
            {
                "mediaType": OCI[0],
                "digest": digest(manifest),
                "size": len(manifest),
                "platform": {"architecture": arch, "os": "linux"},
            }
        )
    index = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries}
    (where / "manifest.json").write_bytes(json.dumps(index).encode())
    return where


def same_files(a: Path, b: Path) -> bool:
    names = {p.name for p in a.iterdir()} - {"version"}
    return all((b / n).is_file() and (a / n).read_bytes() == (b / n).read_bytes() for n in names)


def skopeo(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert SKOPEO is not None
    command = [SKOPEO, "--insecure-policy", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
