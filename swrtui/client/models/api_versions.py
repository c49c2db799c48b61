"""API versions of the service (reference 4.5, ``VersionDetail``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui.client.models import _parse


@dataclass(frozen=True)
class ApiVersion:
    id: str
    status: str  # CURRENT, SUPPORTED or DEPRECATED
    version: str  # highest microversion, "" without microversions
    min_version: str
    updated: datetime | None
    href: str
    rel: str

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> ApiVersion:
        document = _parse.mapping(document)
        links = document.get("links")
        # Both the reference and the SDK say one Link object; tolerate a list of them too.
        if isinstance(links, list):
            links = links[0] if links else None
        link = _parse.mapping(links)
        return cls(
            id=_parse.text(document, "id"),
            status=_parse.text(document, "status"),
            version=_parse.text(document, "version"),
            min_version=_parse.text(document, "min_version"),
            updated=_parse.time(document, "updated"),
            href=_parse.text(link, "href"),
            rel=_parse.text(link, "rel"),
        )
