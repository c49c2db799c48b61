"""API versions (reference 4.5): ``client.api_versions``."""

from __future__ import annotations

import builtins

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models._parse import items, mapping
from swrtui.client.models.api_versions import ApiVersion


class ApiVersions(Area):
    async def list(self) -> builtins.list[ApiVersion]:
        document = mapping(await self._client.get_json("/"))
        return [ApiVersion.from_api(item) for item in items(document.get("versions"))]

    async def get(self, version: str) -> ApiVersion:
        params = {"api_version": validation.required(version, "API version")}
        document = mapping(await self._client.get_json("/{api_version}", params))
        return ApiVersion.from_api(mapping(document.get("version")))
