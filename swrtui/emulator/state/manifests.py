"""Synthetic images: deterministic manifests, digests and sizes for tags.

The emulator has no blob store; a tag's manifest is a well-formed Docker v2 schema-2
manifest derived from a content key, so equal keys give equal digests (tags of the same
image share a digest, as after a retag). Seeds build their tags here; storing a pushed tag
is :func:`swrtui.emulator.backend.images.push`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from swrtui.emulator.state.store import EmulatorState, Repository, Tag

MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json"
LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_for(content_key: str, size: int, layers: int = 3) -> str:
    """A schema-2 manifest whose layer sizes add up to ``size`` (config blob aside)."""
    config_size = 1500 + len(content_key) % 500
    share = max(size - config_size, layers) // layers
    layer_sizes = [share] * (layers - 1) + [max(size - config_size, layers) - share * (layers - 1)]
    document = {
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": {
            "mediaType": CONFIG_MEDIA_TYPE,
            "size": config_size,
            "digest": "sha256:" + _sha(content_key + "/config"),
        },
        "layers": [
            {
                "mediaType": LAYER_MEDIA_TYPE,
                "size": layer_size,
                "digest": "sha256:" + _sha(f"{content_key}/layer{index}"),
            }
            for index, layer_size in enumerate(layer_sizes)
        ],
    }
    return json.dumps(document, separators=(",", ":"))


def make_tag(
    state: EmulatorState,
    repo: Repository,
    name: str,
    *,
    content_key: str,
    size: int,
    created: datetime,
    updated: datetime | None = None,
) -> Tag:
    """Build (not store) a tag for the image identified by ``content_key``."""
    manifest = manifest_for(content_key, size)
    config_digest = json.loads(manifest)["config"]["digest"]
    return Tag(
        id=state.next_id(),
        repo_id=repo.id,
        name=name,
        digest="sha256:" + _sha(manifest),
        image_id=config_digest.removeprefix("sha256:"),
        manifest=manifest,
        size=size,
        created=created,
        updated=updated or created,
    )
