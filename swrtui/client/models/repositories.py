"""Repositories as the list (``ShowReposResp``) and detail (``show_repository``) calls
describe them (reference 4.2), folded into one model.

The two documents name the same things differently (``created_at``/``created``,
``num_download``/``num_downloads``/``num_downloaded``); ``from_api`` accepts every spelling.
The detail call does not say which organization the repository is in, so the endpoint
fills ``namespace`` in.

The list call also sends every tag name of each repository (``tags``): a model does not
keep them. A repository of 1,000,000 tags made every listing of repositories hold a million
strings (~65 MiB) for as long as the tree showed it; ``num_images`` is the count, and the
tags endpoint lists the names (newest first, a page at a time) where they are needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui import names
from swrtui.client.models import _parse

CATEGORIES = ("app_server", "linux", "framework_app", "database", "lang", "windows", "arm", "other")
LIST_ORDER_COLUMNS = ("updated_time", "name", "tag_count", "namespace", "is_public")
SHARED_ORDER_COLUMNS = ("updated_at", "name", "tag_count", "namespace", "domain_name")
SHARED_CENTERS = ("self", "thirdparty")


@dataclass(frozen=True)
class Repository:
    namespace: str
    name: str
    category: str
    description: str
    is_public: bool
    size: int
    num_images: int
    num_downloads: int
    created: datetime | None
    updated: datetime | None
    path: str
    internal_path: str
    domain_name: str = ""
    domain_id: str = ""
    # For images shared with you: whether the share has expired.
    status: bool = False
    id: int | None = None
    ns_id: int | None = None
    creator_id: str = ""
    creator_name: str = ""
    priority: int = 0
    total_range: int | None = None

    @property
    def full_name(self) -> str:
        """``org/repo`` as in an image reference."""
        return f"{self.namespace}/{self.name}"

    @classmethod
    def from_api(cls, document: Mapping[str, Any], namespace: str = "") -> Repository:
        document = _parse.mapping(document)
        return cls(
            namespace=_parse.text(document, "namespace", "namespace_name", default=namespace),
            name=names.unescape_repository(_parse.text(document, "name")),
            category=_parse.text(document, "category"),
            description=_parse.text(document, "description"),
            is_public=_parse.boolean(document, "is_public"),
            size=_parse.integer(document, "size"),
            num_images=_parse.integer(document, "num_images"),
            num_downloads=_parse.integer(
                document, "num_download", "num_downloads", "num_downloaded"
            ),
            created=_parse.time(document, "created_at", "created"),
            updated=_parse.time(document, "updated_at", "updated"),
            path=_parse.text(document, "path"),
            internal_path=_parse.text(document, "internal_path"),
            domain_name=_parse.text(document, "domain_name"),
            domain_id=_parse.text(document, "domain_id"),
            status=_parse.boolean(document, "status"),
            id=_parse.optional_int(document, "id"),
            ns_id=_parse.optional_int(document, "ns_id"),
            creator_id=_parse.text(document, "creator_id"),
            creator_name=_parse.text(document, "creator_name"),
            priority=_parse.integer(document, "priority"),
            total_range=_parse.optional_int(document, "total_range", "total_ranage"),
        )
