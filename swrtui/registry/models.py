"""What the registry serves, parsed: descriptors, image manifests, indexes, image configs.

Parsing is strict about the fields it uses (a descriptor without a digest is an error, not a
blank) and lenient about the rest, as the OCI image spec asks of readers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from swrtui.registry import media
from swrtui.registry.errors import RegistryProtocolError


@dataclass(frozen=True)
class Platform:
    os: str
    architecture: str
    variant: str = ""

    def __str__(self) -> str:
        text = f"{self.os}/{self.architecture}"
        return f"{text}/{self.variant}" if self.variant else text


@dataclass(frozen=True)
class Descriptor:
    media_type: str
    digest: str
    size: int
    platform: Platform | None = None
    artifact_type: str = ""
    annotations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Manifest:
    """One manifest as served: its bytes (digest-checked), media type and parsed parts.

    An index has ``manifests``; an image has ``config`` and ``layers``.
    """

    digest: str
    media_type: str
    raw: bytes
    manifests: tuple[Descriptor, ...] = ()
    config: Descriptor | None = None
    layers: tuple[Descriptor, ...] = ()

    @property
    def is_index(self) -> bool:
        return self.media_type in media.INDEXES


@dataclass(frozen=True)
class HistoryEntry:
    created: datetime | None
    created_by: str
    empty_layer: bool


@dataclass(frozen=True)
class ImageConfig:
    """The parts of an image config people ask about (OCI image spec, "config")."""

    digest: str
    platform: Platform
    created: datetime | None
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    # Names in the image's order; values are secrets until someone asks (see services).
    env: tuple[tuple[str, str], ...]
    labels: dict[str, str]
    history: tuple[HistoryEntry, ...]


def _object(data: bytes, what: str) -> dict[str, Any]:
    try:
        document = json.loads(data)
    except ValueError:
        raise RegistryProtocolError(f"the {what} is not JSON") from None
    if not isinstance(document, dict):
        raise RegistryProtocolError(f"the {what} is not a JSON object")
    return document


def _descriptor(entry: Any, what: str) -> Descriptor:
    if not isinstance(entry, dict):
        raise RegistryProtocolError(f"a {what} descriptor is not an object")
    digest, size = entry.get("digest"), entry.get("size")
    if not isinstance(digest, str) or not isinstance(size, int) or isinstance(size, bool):
        raise RegistryProtocolError(f"a {what} descriptor lacks its digest or size")
    platform = entry.get("platform")
    return Descriptor(
        media_type=str(entry.get("mediaType", "")),
        digest=digest,
        size=size,
        platform=_platform(platform) if isinstance(platform, dict) else None,
        artifact_type=str(entry.get("artifactType", "")),
        annotations={str(k): str(v) for k, v in (entry.get("annotations") or {}).items()},
    )


def _platform(entry: dict[str, Any]) -> Platform:
    return Platform(
        str(entry.get("os", "")), str(entry.get("architecture", "")), str(entry.get("variant", ""))
    )


def parse_manifest(raw: bytes, digest: str, content_type: str) -> Manifest:
    """A manifest's bytes → :class:`Manifest`; the body's ``mediaType`` wins over the header."""
    document = _object(raw, "manifest")
    media_type = str(document.get("mediaType") or content_type.split(";")[0].strip())
    if "manifests" in document and media_type not in media.IMAGE_MANIFESTS:
        entries = document["manifests"]
        if not isinstance(entries, list):
            raise RegistryProtocolError("an index's manifests are not a list")
        found = tuple(_descriptor(e, "manifest") for e in entries)
        return Manifest(digest, media_type or media.OCI_INDEX, raw, manifests=found)
    if media_type not in media.IMAGE_MANIFESTS and "config" not in document:
        raise RegistryProtocolError(f"unsupported manifest type {media_type or '(none)'}")
    layers = document.get("layers") or []
    if not isinstance(layers, list):
        raise RegistryProtocolError("a manifest's layers are not a list")
    return Manifest(
        digest,
        media_type or media.OCI_MANIFEST,
        raw,
        config=_descriptor(document.get("config"), "config"),
        layers=tuple(_descriptor(e, "layer") for e in layers),
    )


def parse_index_descriptors(raw: bytes) -> tuple[Descriptor, ...]:
    """The ``manifests`` of an index document (the referrers API answers one)."""
    entries = _object(raw, "referrers index").get("manifests") or []
    if not isinstance(entries, list):
        raise RegistryProtocolError("the referrers' manifests are not a list")
    return tuple(_descriptor(e, "referrer") for e in entries)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        # Go writes nanoseconds; Python reads at most microseconds.
        head, dot, rest = value.partition(".")
        if dot:
            digits = "".join(c for c in rest if c.isdigit())
            value = f"{head}.{digits[:6]}{rest[len(digits) :]}"
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _words(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_config(raw: bytes, digest: str) -> ImageConfig:
    document = _object(raw, "image config")
    runtime = document.get("config") or {}
    if not isinstance(runtime, dict):
        runtime = {}
    env = tuple(
        (name, value)
        for name, _, value in (str(e).partition("=") for e in runtime.get("Env") or [])
    )
    history = tuple(
        HistoryEntry(
            _time(h.get("created")), str(h.get("created_by", "")), bool(h.get("empty_layer"))
        )
        for h in document.get("history") or []
        if isinstance(h, dict)
    )
    return ImageConfig(
        digest=digest,
        platform=_platform(document),
        created=_time(document.get("created")),
        entrypoint=_words(runtime.get("Entrypoint")),
        cmd=_words(runtime.get("Cmd")),
        env=env,
        labels={str(k): str(v) for k, v in (runtime.get("Labels") or {}).items()},
        history=history,
    )
