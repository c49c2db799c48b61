"""Tenant quotas (reference 4.12.1, ``ShowQuota``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swrtui.client.models import _parse


@dataclass(frozen=True)
class Quota:
    key: str  # what is limited, e.g. "namespace"
    limit: int
    used: int
    unit: str

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Quota:
        document = _parse.mapping(document)
        return cls(
            key=_parse.text(document, "quota_key", "key"),
            limit=_parse.integer(document, "quota_limit", "limit"),
            used=_parse.integer(document, "used"),
            unit=_parse.text(document, "unit"),
        )
