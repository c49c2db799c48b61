"""Accounts a repository is shared with (reference 4.4, ``ShowRepoDomainsResponse``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui.client.models import _parse

FOREVER = "forever"
PERMITS = ("read",)


@dataclass(frozen=True)
class SharedAccount:
    namespace: str
    repository: str
    access_domain: str
    permit: str
    # The wire value: "forever" or a UTC time; ``expires`` is that time parsed (None = never).
    deadline: str
    description: str
    creator_id: str
    creator_name: str
    created: datetime | None
    updated: datetime | None
    # True while the share is valid (not expired).
    status: bool
    # Only the single-account check says whether the share exists at all.
    exist: bool = True

    @property
    def expires(self) -> datetime | None:
        return None if self.deadline == FOREVER else _parse.parse_time(self.deadline)

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> SharedAccount:
        document = _parse.mapping(document)
        return cls(
            namespace=_parse.text(document, "namespace"),
            repository=_parse.text(document, "repository"),
            access_domain=_parse.text(document, "access_domain"),
            permit=_parse.text(document, "permit"),
            deadline=_parse.text(document, "deadline"),
            description=_parse.text(document, "description"),
            creator_id=_parse.text(document, "creator_id"),
            creator_name=_parse.text(document, "creator_name"),
            created=_parse.time(document, "created"),
            updated=_parse.time(document, "updated"),
            status=_parse.boolean(document, "status"),
            exist=_parse.boolean(document, "exist", default=True),
        )
