"""Tenant overview, resource statistics and feature gates (reference 4.13).

Sizes are in MB as the service reports them. The overview reads the SDK's ``namspace_num``
and the document's ``namespace_num``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from swrtui.client.models import _parse

RESOURCE_TYPES = ("downflow", "store")
FREQUENCIES = ("daily", "monthly")


@dataclass(frozen=True)
class Overview:
    domain_id: str
    domain_name: str
    namespace_num: int
    repo_num: int
    image_num: int
    store_space: float  # MB
    downflow_size: float  # MB

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Overview:
        document = _parse.mapping(document)
        return cls(
            domain_id=_parse.text(document, "domain_id"),
            domain_name=_parse.text(document, "domain_name"),
            namespace_num=_parse.integer(document, "namspace_num", "namespace_num"),
            repo_num=_parse.integer(document, "repo_num"),
            image_num=_parse.integer(document, "image_num"),
            store_space=_parse.number(document, "store_space"),
            downflow_size=_parse.number(document, "downflow_size"),
        )


def _day(value: object) -> date | None:
    """``2024-01-02`` (or the date part of a wire time) as a date."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class ReportPoint:
    """One period of a resource report: its first day and its value in MB."""

    date: date | None
    value: float

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> ReportPoint:
        document = _parse.mapping(document)
        return cls(date=_day(document.get("date")), value=_parse.number(document, "value"))


@dataclass(frozen=True)
class FeatureGates:
    """Which optional features the tenant's SWR offers (missing gates read as off)."""

    enable_experience: bool = False
    enable_hss_service: bool = False
    enable_image_scan: bool = False
    enable_sm3: bool = False
    enable_image_sync: bool = False
    enable_cci_service: bool = False
    enable_image_label: bool = False
    enable_pipeline: bool = False
    enable_authorization_token: bool = False
    enable_resource: bool = False
    enable_list_v3: bool = False
    enable_image_quota: bool = False

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> FeatureGates:
        document = _parse.mapping(document)
        return cls(**{gate.name: _parse.boolean(document, gate.name) for gate in fields(cls)})
