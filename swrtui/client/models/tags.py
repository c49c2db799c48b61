"""Image tags (reference 4.3; ``ShowReposTagResp`` and the SDK's single-tag ``show_repo_tag``).

A repository can hold 100,000 tags, and a listing keeps every one, so a :class:`Tag` is
compact (at most 0.5 KB of heap each, measured by ``benchmarks/bench_decode.py``):

- a msgspec ``Struct`` without a GC header or instance dict;
- listed tags hold no manifest (the list call sends one per tag, ~1.3 KB of JSON): the tag
  pane and ``tags show`` fetch the tag itself (:meth:`Tags.get`), which keeps it;
- the pull addresses are stored as the repository's address, shared by all its tags, when
  they are that address plus ``:name`` (as the service sends them);
- ``sha256:`` digests and image ids are stored as their 32 bytes;
- what the manifest says about platforms is kept as one interned short string
  (``linux/amd64,linux/arm64/v8``, see :func:`platforms_of`), shared by every tag of an image,
  so the tags table shows platforms without keeping manifests or making extra calls.

:func:`decode_tags` decodes a listing page straight into wire structs (skipping the
manifests without building them) and falls back to the lenient dict readers for a page the
strict decoder refuses, so any answer still gives models or a client error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import msgspec
import orjson

from swrtui.client.models import _parse

ORDER_COLUMNS = ("updated_at", "tag")

TAG_TYPES = {0: "manifest", 1: "manifest list"}

_SHA256 = "sha256:"

# What a list or index entry names as its platform when it is no image at all: buildx puts
# its attestation manifests in the index as unknown/unknown.
_NOT_A_PLATFORM = "unknown"
# A manifest can only name platforms if it lists child manifests (a Docker manifest list or
# an OCI index): a single manifest's platform is in its config blob, which a listing does
# not carry. Searched in the raw JSON string (escaped quotes and all) before decoding it.
_LISTS_MANIFESTS = re.compile(rb'manifests\\?"')


def _platform(entry: object) -> str:
    """``os/arch[/variant]`` of one list entry; ``""`` when it names no (real) platform."""
    platform = entry.get("platform") if isinstance(entry, dict) else None
    if not isinstance(platform, dict):
        return ""
    os_name, arch = platform.get("os"), platform.get("architecture")
    variant = platform.get("variant") or ""
    if not (isinstance(os_name, str) and isinstance(arch, str) and isinstance(variant, str)):
        return ""
    if not os_name or not arch or _NOT_A_PLATFORM in (os_name, arch):
        return ""
    return f"{os_name}/{arch}/{variant}" if variant else f"{os_name}/{arch}"


def platforms_of(manifest: str) -> str:
    """The platforms a manifest list or OCI index names (``os/arch[/variant]``, comma-joined,
    in its order, each once), interned; ``""`` for a single manifest (its platform is in the
    config blob) and for anything that is not such a document. Never raises."""
    try:
        document = orjson.loads(manifest)
    except orjson.JSONDecodeError:
        return ""
    entries = document.get("manifests") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return ""
    found = dict.fromkeys(name for entry in entries if (name := _platform(entry)))
    return sys.intern(",".join(found))


def _pack_hex(value: str, prefix: str) -> str | bytes:
    """``prefix`` + 64 lower-case hex digits as 32 bytes; anything else as it came."""
    if len(value) != len(prefix) + 64 or not value.startswith(prefix):
        return value
    digits = value[len(prefix) :]
    try:
        packed = bytes.fromhex(digits)
    except ValueError:
        return value
    # 64 digits giving 32 bytes had no spaces; upper case would not come back as sent.
    return packed if len(packed) == 32 and digits.lower() == digits else value


def _pack_path(path: str, name: str) -> str | tuple[str]:
    """The repository's address (interned: one string for all its tags) when ``path`` is that
    address plus ``:name``; a path that cannot be told from such a head rides in a tuple."""
    cut = len(path) - len(name)
    if name and cut > 0 and path[cut - 1] == ":" and path.endswith(name):
        return sys.intern(path[:cut])
    return (path,) if path.endswith(":") else path


class Tag(msgspec.Struct, frozen=True, gc=False):
    """One tag. Build it with :meth:`of` (the fields below the public ones are compact)."""

    name: str
    size: int
    created: datetime | None
    updated: datetime | None
    manifest: str = ""
    platforms: str = ""
    schema: int = 2
    id: int | None = None
    repo_id: int | None = None
    is_trusted: bool = False
    scanned: bool = False
    tag_type: int = 0
    domain_id: str = ""
    deleted: datetime | None = None
    _digest: str | bytes = ""
    _image_id: str | bytes = ""
    _path: str | tuple[str] = ""
    _internal_path: str | tuple[str] = ""

    @classmethod
    def of(
        cls,
        name: str,
        digest: str,
        size: int,
        created: datetime | None,
        updated: datetime | None,
        path: str,
        internal_path: str,
        image_id: str = "",
        **rest: Any,
    ) -> Tag:
        """A tag from its public fields (``rest``: the plain ones, ``manifest`` to ``deleted``);
        ``platforms`` comes from the manifest unless given."""
        if "platforms" not in rest:
            rest["platforms"] = platforms_of(rest.get("manifest") or "")
        return cls(
            name,
            size,
            created,
            updated,
            _digest=_pack_hex(digest, _SHA256),
            _image_id=_pack_hex(image_id, ""),
            _path=_pack_path(path, name),
            _internal_path=_pack_path(internal_path, name),
            **rest,
        )

    @property
    def digest(self) -> str:
        value = self._digest
        return value if value.__class__ is str else _SHA256 + value.hex()  # type: ignore[union-attr,operator]

    @property
    def image_id(self) -> str:
        value = self._image_id
        return value if value.__class__ is str else value.hex()  # type: ignore[union-attr,return-value]

    @property
    def path(self) -> str:
        return _unpack_path(self._path, self.name)

    @property
    def internal_path(self) -> str:
        return _unpack_path(self._internal_path, self.name)

    @property
    def is_manifest_list(self) -> bool:
        return self.tag_type == 1

    def __repr__(self) -> str:
        return f"Tag(name={self.name!r}, digest={self.digest!r}, path={self.path!r})"

    @classmethod
    def from_api(cls, document: Mapping[str, Any], *, manifest: bool = True) -> Tag:
        """A tag from one decoded document, whatever its fields hold (lenient readers);
        without its manifest unless ``manifest`` (its platforms are kept either way)."""
        document = _parse.mapping(document)
        text = _parse.text(document, "manifest")
        return cls.of(
            # The list call spells it "Tag", the single-tag and v3 calls "tag".
            name=_parse.text(document, "Tag", "tag", "name"),
            digest=_parse.text(document, "digest"),
            size=_parse.integer(document, "size"),
            created=_parse.time(document, "created", "created_at"),
            updated=_parse.time(document, "updated", "updated_at"),
            path=_parse.text(document, "path"),
            internal_path=_parse.text(document, "internal_path"),
            image_id=_parse.text(document, "image_id"),
            manifest=text if manifest else "",
            platforms=platforms_of(text),
            schema=_parse.integer(document, "schema", default=2),
            id=_parse.optional_int(document, "id"),
            repo_id=_parse.optional_int(document, "repo_id"),
            is_trusted=_parse.boolean(document, "is_trusted"),
            scanned=_parse.boolean(document, "scanned"),
            tag_type=_parse.integer(document, "tag_type"),
            domain_id=sys.intern(_parse.text(document, "domain_id")),
            deleted=_parse.time(document, "deleted"),
        )


def _unpack_path(value: str | tuple[str], name: str) -> str:
    if value.__class__ is tuple:
        return value[0]
    return value + name if value.endswith(":") else value  # type: ignore[operator,union-attr]


class _Listed(msgspec.Struct, gc=False):
    """One tag of a list answer as sent; the manifest stays raw (a view of the page's bytes)
    and is decoded only when it can name platforms (:func:`_listed_platforms`)."""

    Tag: str | None = None
    tag: str | None = None
    name: str | None = None
    digest: str | None = None
    size: int | None = None
    created: str | None = None
    created_at: str | None = None
    updated: str | None = None
    updated_at: str | None = None
    path: str | None = None
    internal_path: str | None = None
    image_id: str | None = None
    schema: int | None = None
    id: int | None = None
    repo_id: int | None = None
    is_trusted: bool | None = None
    scanned: bool | None = None
    tag_type: int | None = None
    domain_id: str | None = None
    deleted: str | None = None
    # Raw: any JSON value (null too) without validation; empty when the field is absent.
    manifest: msgspec.Raw = msgspec.Raw()


_RAW_TEXT = msgspec.json.Decoder(str)


def _listed_platforms(raw: msgspec.Raw, digest: str | bytes, seen: dict[Any, str]) -> str:
    """The platforms of one listed tag's manifest, parsed once per digest of a page (tags of
    one image share its manifest); most manifests are single and are never decoded."""
    if not _LISTS_MANIFESTS.search(raw):
        return ""
    known = seen.get(digest) if digest else None
    if known is None:
        try:
            known = platforms_of(_RAW_TEXT.decode(raw))
        except (msgspec.ValidationError, msgspec.DecodeError):
            known = ""  # a manifest that is no JSON string names no platforms
        if digest:
            seen[digest] = known
    return known


# strict=False: numbers and booleans sent as strings ("7", "true") are read as such.
_LISTED = msgspec.json.Decoder(list[_Listed], strict=False)


def decode_tags(body: bytes) -> list[Tag] | None:
    """The tags of one list answer's body; ``None`` when the body is not a JSON array.

    msgspec refuses what its types do not take (a float size, "yes" for a boolean, a number
    for a name...): then the whole page goes through the lenient readers instead.
    """
    try:
        listed = _LISTED.decode(body)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return _decode_leniently(body)
    # Tags of one repository share these; one object each instead of one per tag.
    repo_ids: dict[int | None, int | None] = {}
    domains: dict[str | None, str] = {}
    platforms: dict[Any, str] = {}
    time = _parse.parse_time
    # Positional, in Tag's field order: this runs for every listed tag.
    return [
        Tag(
            name := item.Tag or item.tag or item.name or "",
            item.size or 0,
            time(item.created if item.created is not None else item.created_at),
            time(item.updated if item.updated is not None else item.updated_at),
            "",
            _listed_platforms(
                item.manifest, digest := _pack_hex(item.digest or "", _SHA256), platforms
            ),
            2 if item.schema is None else item.schema,
            item.id,
            repo_ids.setdefault(item.repo_id, item.repo_id),
            bool(item.is_trusted),
            bool(item.scanned),
            item.tag_type or 0,
            domains.setdefault(item.domain_id, item.domain_id or ""),
            time(item.deleted),
            digest,
            _pack_hex(item.image_id or "", ""),
            _pack_path(item.path or "", name),
            _pack_path(item.internal_path or "", name),
        )
        for item in listed
    ]


def _decode_leniently(body: bytes) -> list[Tag] | None:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None  # the caller's JSON decoding decides (it also takes what orjson refuses)
    if not isinstance(document, list):
        return None
    return [Tag.from_api(item, manifest=False) for item in document]
