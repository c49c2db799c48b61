"""Image (repository) permission management (reference 4.7): ``client.image_permissions``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.endpoints.org_permissions import user_auths_body, user_ids_body
from swrtui.client.models.image_permissions import Permissions, UserAuth

ACCESS = "/v2/manage/namespaces/{namespace}/repos/{repository}/access"


class ImagePermissions(Area):
    async def get(self, org: str, repo: str) -> Permissions:
        """The caller's role and everyone else's on the repository."""
        params = validation.repository_params(org, repo)
        return Permissions.from_api(await self._client.get_json(ACCESS, params))

    async def list(self, org: str, repo: str) -> builtins.list[UserAuth]:
        """Every role on the repository, the caller's first."""
        return (await self.get(org, repo)).all

    async def create(self, org: str, repo: str, grants: Iterable[UserAuth]) -> None:
        """Grant repository roles (needs edit on the organization or manage on the repo)."""
        params = validation.repository_params(org, repo)
        await self._client.request("POST", ACCESS, params, json_body=user_auths_body(grants))

    async def update(self, org: str, repo: str, grants: Iterable[UserAuth]) -> None:
        params = validation.repository_params(org, repo)
        await self._client.request("PATCH", ACCESS, params, json_body=user_auths_body(grants))

    async def delete(self, org: str, repo: str, user_ids: Iterable[str]) -> None:
        params = validation.repository_params(org, repo)
        await self._client.request("DELETE", ACCESS, params, json_body=user_ids_body(user_ids))
