"""Organizations (namespaces) and the caller's role in them (reference 4.1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swrtui.client.models import _parse

ROLE_NAMES = {7: "manage", 3: "edit", 1: "view"}


def role_name(auth: int) -> str:
    """``7`` → ``manage``, ``3`` → ``edit``, ``1`` → ``view``; other values → ``none``."""
    return ROLE_NAMES.get(auth, "none")


@dataclass(frozen=True)
class Organization:
    id: int
    name: str
    creator_name: str
    auth: int

    @property
    def role(self) -> str:
        return role_name(self.auth)

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Organization:
        document = _parse.mapping(document)
        return cls(
            id=_parse.integer(document, "id"),
            name=_parse.text(document, "name", "namespace"),
            creator_name=_parse.text(document, "creator_name"),
            auth=_parse.integer(document, "auth"),
        )
