"""Image tags (reference 4.3; ``ShowReposTagResp`` and the SDK's single-tag ``show_repo_tag``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui.client.models import _parse

ORDER_COLUMNS = ("updated_at", "tag")

TAG_TYPES = {0: "manifest", 1: "manifest list"}


@dataclass(frozen=True)
class Tag:
    name: str
    digest: str
    size: int
    created: datetime | None
    updated: datetime | None
    path: str
    internal_path: str
    image_id: str = ""
    manifest: str = ""
    schema: int = 2
    id: int | None = None
    repo_id: int | None = None
    is_trusted: bool = False
    scanned: bool = False
    tag_type: int = 0
    domain_id: str = ""
    deleted: datetime | None = None

    @property
    def is_manifest_list(self) -> bool:
        return self.tag_type == 1

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Tag:
        document = _parse.mapping(document)
        # Listings build these by the ten thousand: see _parse.build.
        return _parse.build(
            cls,
            {
                # The list call spells it "Tag", the single-tag and v3 calls "tag".
                "name": _parse.text(document, "Tag", "tag", "name"),
                "digest": _parse.text(document, "digest"),
                "size": _parse.integer(document, "size"),
                "created": _parse.time(document, "created", "created_at"),
                "updated": _parse.time(document, "updated", "updated_at"),
                "path": _parse.text(document, "path"),
                "internal_path": _parse.text(document, "internal_path"),
                "image_id": _parse.text(document, "image_id"),
                "manifest": _parse.text(document, "manifest"),
                "schema": _parse.integer(document, "schema", default=2),
                "id": _parse.optional_int(document, "id"),
                "repo_id": _parse.optional_int(document, "repo_id"),
                "is_trusted": _parse.boolean(document, "is_trusted"),
                "scanned": _parse.boolean(document, "scanned"),
                "tag_type": _parse.integer(document, "tag_type"),
                "domain_id": _parse.text(document, "domain_id"),
                "deleted": _parse.time(document, "deleted"),
            },
        )
