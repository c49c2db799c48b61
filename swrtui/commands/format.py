"""How every front end writes sizes, times and digests for people (tables, panes, notices).

One module so the REPL, the TUI and the command line never disagree: ``1.5 KiB``,
``2024-01-02 03:04`` (UTC, to the minute), ``3 days ago`` in tables and
``2024-01-02 03:04 UTC (3 days ago)`` in details, ``0123456789ab`` (a digest as docker
prints it).
Machine formats (JSON, CSV) keep the raw values: see :mod:`swrtui.commands.render`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from swrtui import clock
from swrtui.client.models.tags import TAG_TYPES
from swrtui.registry import media
from swrtui.services.words import plural as plural  # counted nouns, written the same in every layer

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")
# Shown for a time that is not known (a pane field; table cells stay empty instead).
UNKNOWN = "-"
# Shown for an empty list (an image's entrypoint, a digest's other tags).
NONE = "(none)"


def human_bytes(size: int) -> str:
    """``1536`` → ``1.5 KiB``: binary units, named as such; bytes stay whole."""
    value = float(size)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def when(moment: datetime | None) -> str:
    """A time in UTC to the minute, :data:`UNKNOWN` when there is none."""
    if moment is None:
        return UNKNOWN
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


# (seconds in the unit, its name): the largest unit that fits names the age.
_AGES = ((365 * 86400, "year"), (30 * 86400, "month"), (7 * 86400, "week"), (86400, "day"),
         (3600, "hour"), (60, "minute"))  # fmt: skip


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """``3 days ago`` (or ``in 2 hours``), relative to :func:`swrtui.clock.now`."""
    if moment is None:
        return UNKNOWN
    seconds = int(((now or clock.now()) - moment).total_seconds())
    for size, unit in _AGES:
        if abs(seconds) >= size:
            span = plural(abs(seconds) // size, unit)
            return f"{span} ago" if seconds > 0 else f"in {span}"
    return "just now"


def when_full(moment: datetime | None, now: datetime | None = None) -> str:
    """``2026-11-20 18:12 UTC (3 days ago)``: the absolute time, its zone and its age."""
    if moment is None:
        return UNKNOWN
    return f"{when(moment)} UTC ({ago(moment, now)})"


def size_full(size: int) -> str:
    """``153.2 MiB (160636108 bytes)``: a details field's size, readable and exact."""
    return f"{human_bytes(size)} ({size} bytes)"


# What each manifest media type is called for people (the registry's own names).
_MEDIA_NAMES = {
    media.DOCKER_MANIFEST: "Docker image manifest (schema 2)",
    media.DOCKER_LIST: "Docker manifest list",
    media.OCI_MANIFEST: "OCI image manifest",
    media.OCI_INDEX: "OCI image index",
}


def tag_type(kind: int, schema: int, manifest: str = "") -> str:
    """What a tag points at, one wording for every front end: named from the ``manifest``'s
    ``mediaType`` when the tag carries it (single-tag reads do), else from SWR's ``tag_type``
    (``kind``, named by the client's ``TAG_TYPES``) and ``schema``."""
    named = _MEDIA_NAMES.get(_media_type(manifest))
    if named:
        return named
    name = TAG_TYPES.get(kind, f"type {kind}")
    return f"{name} (schema {schema})" if kind == 0 else name


def _media_type(manifest: str) -> str:
    """The manifest's ``mediaType`` ('' when it has none or is not JSON). OCI makes the field
    optional: an index is then told by its ``manifests``, an image by its config's type."""
    try:
        document = json.loads(manifest) if manifest else None
    except ValueError:
        return ""
    if not isinstance(document, dict):
        return ""
    declared = document.get("mediaType")
    if isinstance(declared, str) and declared:
        return declared
    if "manifests" in document:
        return media.OCI_INDEX
    config = document.get("config")
    if isinstance(config, dict) and config.get("mediaType") == media.OCI_CONFIG:
        return media.OCI_MANIFEST
    return ""


def short_digest(digest: str) -> str:
    """``sha256:0123456789abcdef…`` → ``0123456789ab``: 12 hex digits tell images apart,
    as in ``docker images``."""
    return digest.partition(":")[2][:12] if ":" in digest else digest[:12]


def short_platforms(platforms: str) -> str:
    """``linux/amd64,linux/arm64/v8`` → ``amd64,arm64/v8`` where every platform is Linux (a
    narrow column's form); other lists are shown as they are."""
    parts = platforms.split(",") if platforms else []
    if parts and all(part.startswith("linux/") for part in parts):
        return ",".join(part.removeprefix("linux/") for part in parts)
    return platforms
