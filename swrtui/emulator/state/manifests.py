"""Seeded images: real manifests over real config blobs, deterministic per content key.

Every seeded tag's manifest is a Docker v2 schema-2 manifest whose config blob exists in
the state's blob store and hashes to the digest the manifest names (os/architecture,
created, labels, history). Layers are named but absent for ordinary images — their sizes
stay realistic and the registry answers BLOB_UNKNOWN for them — while *complete* images
(small ones) carry real gzipped tar layers and pull end to end. Multi-arch images are a
manifest list over one child manifest per platform, stored untagged in the repository.
Equal content keys give equal digests, so tags of one image share a digest as after a
retag. Storing a pushed tag is :func:`swrtui.emulator.backend.images.push`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from datetime import datetime, timezone

import orjson

from swrtui.emulator.state.store import EmulatorState, Repository, StoredManifest, Tag

MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
LIST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json"
CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json"
LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip"

Platform = tuple[str, str, str]  # os, architecture, variant ("" for none)
AMD64: Platform = ("linux", "amd64", "")
MULTI_ARCH: tuple[Platform, ...] = (AMD64, ("linux", "arm64", "v8"), ("linux", "arm", "v7"))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _compact(document: object) -> bytes:
    # orjson: the demo seed builds hundreds of these and tests build it constantly.
    return orjson.dumps(document)


def _absent_digests(key: str, kind: str, count: int) -> list[str]:
    """Digests of blobs that do not exist: one hash, varied in its last hex digit (cheap)."""
    base = "sha256:" + _sha(f"{key}/{kind}")[:-1]
    return [base + "0123456789abcdef"[index % 16] for index in range(count)]


def _config(
    content_key: str, platform: Platform, built: datetime | None, diff_ids: list[str]
) -> bytes:
    os_name, arch, variant = platform
    # Unknown build time (a control push of a content key): omitted, as the spec allows, so
    # the same key pushed at two moments is still one image.
    stamp = built.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if built else None
    history: dict[str, str] = {"created": stamp} if stamp else {}
    document: dict[str, object] = {
        "architecture": arch,
        "os": os_name,
        "config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/sh"],
            "Labels": {"org.opencontainers.image.source": content_key},
        },
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [
            {**history, "created_by": f"/bin/sh -c #(nop) layer {index}"}
            for index in range(len(diff_ids))
        ],
    }
    if stamp:
        document["created"] = stamp
    if variant:
        document["variant"] = variant
    return _compact(document)


def _real_layer(content_key: str) -> tuple[bytes, str]:
    """A small gzipped tar (and its diff_id), byte-identical on every build."""
    payload = f"hello from {content_key}\n".encode() * 64
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo("hello.txt")
        info.size, info.mtime, info.mode = len(payload), 0, 0o644
        tar.addfile(info, io.BytesIO(payload))
    tar_bytes = raw.getvalue()
    return gzip.compress(tar_bytes, mtime=0), "sha256:" + hashlib.sha256(tar_bytes).hexdigest()


def _descriptor(media_type: str, size: int, digest: str) -> dict[str, object]:
    return {"mediaType": media_type, "size": size, "digest": digest}


def image_manifest(
    state: EmulatorState,
    content_key: str,
    size: int,
    built: datetime | None,
    platform: Platform = AMD64,
    *,
    complete: bool = False,
    layers: int = 3,
) -> tuple[bytes, int, str]:
    """A schema-2 manifest, its image size (config + layers) and config digest; the config
    is stored in the state's blob store."""
    key = content_key if platform == AMD64 else f"{content_key}/{platform[1]}{platform[2]}"
    if complete:
        blob, diff_id = _real_layer(key)
        layer_list = [_descriptor(LAYER_MEDIA_TYPE, len(blob), state.blobs.put_small(blob))]
        diff_ids = [diff_id]
    else:
        diff_ids = _absent_digests(key, "diff", layers)
        layer_list = []
    config = _config(key, platform, built, diff_ids)
    config_digest = state.blobs.put_small(config)
    if not complete:
        layer_list = _absent_layers(key, max(size - len(config), layers), layers)
    document = {
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": _descriptor(CONFIG_MEDIA_TYPE, len(config), config_digest),
        "layers": layer_list,
    }
    # A synthetic image keeps the size asked for (config + layers add up to it whenever it
    # exceeds the config, as every seeded size does); a complete one is what it holds.
    image_size = len(config) + sum(int(str(layer["size"])) for layer in layer_list)
    if not complete:
        image_size = size
    return _compact(document), image_size, config_digest


def _absent_layers(key: str, total: int, layers: int) -> list[dict[str, object]]:
    """Descriptors of ``layers`` absent layers whose sizes add up to ``total``."""
    share = total // layers
    sizes = [share] * (layers - 1) + [total - share * (layers - 1)]
    digests = _absent_digests(key, "layer", layers)
    return [
        _descriptor(LAYER_MEDIA_TYPE, size, digest)
        for size, digest in zip(sizes, digests, strict=True)
    ]


def index_manifest(
    state: EmulatorState, repo: Repository, content_key: str, size: int, built: datetime | None
) -> tuple[bytes, int]:
    """A manifest list over one image per platform; the children are stored in ``repo``."""
    entries = []
    total = 0
    for platform in MULTI_ARCH:
        body, image_size, _ = image_manifest(
            state, content_key, size // len(MULTI_ARCH), built, platform
        )
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
        repo.manifests[digest] = StoredManifest(MANIFEST_MEDIA_TYPE, body.decode("utf-8"))
        entry = _descriptor(MANIFEST_MEDIA_TYPE, len(body), digest)
        os_name, arch, variant = platform
        entry["platform"] = {"os": os_name, "architecture": arch}
        if variant:
            entry["platform"]["variant"] = variant  # type: ignore[index]
        entries.append(entry)
        total += image_size
    document = {"schemaVersion": 2, "mediaType": LIST_MEDIA_TYPE, "manifests": entries}
    return _compact(document), total


def make_tag(
    state: EmulatorState,
    repo: Repository,
    name: str,
    *,
    content_key: str,
    size: int,
    created: datetime,
    updated: datetime | None = None,
    multi_arch: bool = False,
    complete: bool = False,
    built: datetime | None = None,
) -> Tag:
    """Build (not store) a tag for the image identified by ``content_key``.

    ``built`` goes into the config: seeds pass the image's time, so every tag of one content
    key (built once) has the same config and digest.
    """
    if multi_arch:
        body, image_size = index_manifest(state, repo, content_key, size, built)
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
        image_id = digest  # a list has no config; its own digest identifies it
    else:
        body, image_size, image_id = image_manifest(
            state, content_key, size, built, complete=complete
        )
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
    return Tag(
        id=state.next_id(),
        repo_id=repo.id,
        name=name,
        digest=digest,
        image_id=image_id.removeprefix("sha256:"),
        manifest=body.decode("utf-8"),
        size=image_size,
        created=created,
        updated=updated or created,
        tag_type=1 if multi_arch else 0,
    )
