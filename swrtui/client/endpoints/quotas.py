"""Quotas (reference 4.12.1): ``client.quotas``."""

from __future__ import annotations

import builtins

from swrtui.client.endpoints._base import Area
from swrtui.client.models._parse import items, mapping
from swrtui.client.models.quotas import Quota

QUOTAS = "/v2/manage/projects/{project_id}/quotas"


class Quotas(Area):
    async def list(self) -> builtins.list[Quota]:
        """The quotas of the client's project and how much of each is used."""
        params = {"project_id": self._client.require_project_id()}
        document = mapping(await self._client.get_json(QUOTAS, params))
        return [Quota.from_api(item) for item in items(document.get("quotas"))]
