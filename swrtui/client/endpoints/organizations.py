"""Organization management (reference 4.1): ``client.organizations``."""

from __future__ import annotations

import builtins

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models._parse import items, mapping
from swrtui.client.models.organizations import Organization
from swrtui.client.urls import filter_param

BASE = "/v2/manage/namespaces"
ONE = BASE + "/{namespace}"


class Organizations(Area):
    async def list(
        self, name: str | None = None, *, visible: bool = False
    ) -> builtins.list[Organization]:
        """Organizations the caller holds a role on; ``visible`` adds those seen only
        through a repository grant. ``name`` narrows to one organization."""
        if name is not None:
            validation.organization(name)
        query = {"filter": filter_param(namespace=name, mode="visible" if visible else None)}
        document = mapping(await self._client.get_json(BASE, query=query))
        return [Organization.from_api(item) for item in items(document.get("namespaces"))]

    async def get(self, name: str) -> Organization:
        document = await self._client.get_json(ONE, {"namespace": validation.organization(name)})
        return Organization.from_api(document)

    async def create(self, name: str) -> None:
        await self._client.request(
            "POST", BASE, json_body={"namespace": validation.organization(name)}
        )

    async def delete(self, name: str) -> None:
        await self._client.request("DELETE", ONE, {"namespace": validation.organization(name)})
