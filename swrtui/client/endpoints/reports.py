"""Tenant overview, resource reports and feature gates (reference 4.13): ``client.reports``."""

from __future__ import annotations

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models.reports import (
    FREQUENCIES,
    RESOURCE_TYPES,
    FeatureGates,
    Overview,
    ReportPoint,
)

OVERVIEW = "/v2/manage/overview"
RESOURCE_REPORT = "/v2/manage/reports/{resource_type}/{frequency}"
FEATURE_GATES = "/v2/manage/projects/{project_id}/feature-gates"


class Reports(Area):
    async def overview(self) -> Overview:
        """Counts of organizations, repositories and images, storage and traffic (MB)."""
        return Overview.from_api(await self._client.get_json(OVERVIEW))

    async def resource_report(self, resource_type: str, frequency: str) -> list[ReportPoint]:
        """``downflow`` (traffic) or ``store`` (storage) per ``daily`` or ``monthly`` period,
        oldest first."""
        params = {
            "resource_type": validation.one_of(resource_type, RESOURCE_TYPES, "resource type"),
            "frequency": validation.one_of(frequency, FREQUENCIES, "frequency"),
        }
        documents, _ = await self._client.get_page(RESOURCE_REPORT, params)
        return [ReportPoint.from_api(item) for item in documents]

    async def feature_gates(self) -> FeatureGates:
        params = {"project_id": self._client.require_project_id()}
        return FeatureGates.from_api(await self._client.get_json(FEATURE_GATES, params))
