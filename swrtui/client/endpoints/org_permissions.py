"""Organization permission management (reference 4.6): ``client.org_permissions``.

The ``[UserAuth]`` / ``[user_id]`` bodies are built by :func:`user_auths_body` and
:func:`user_ids_body`, shared with the repository grants of :mod:`.image_permissions`.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.errors import ValidationError
from swrtui.client.models.org_permissions import ROLES, Permissions, UserAuth

ACCESS = "/v2/manage/namespaces/{namespace}/access"


def user_auths_body(grants: Iterable[UserAuth]) -> builtins.list[dict[str, Any]]:
    """The checked ``[UserAuth]`` array: at least one, roles 1/3/7, each user once."""
    body = []
    seen: set[str] = set()
    for grant in grants:
        validation.required(grant.user_id, "user_id")
        validation.required(grant.user_name, "user_name")
        if isinstance(grant.auth, bool) or grant.auth not in ROLES:
            raise ValidationError(
                f"invalid role {grant.auth!r} for {grant.user_name}: use 1 (view), 3 (edit) "
                "or 7 (manage)"
            )
        if grant.user_id in seen:
            raise ValidationError(f"user {grant.user_name} appears more than once")
        seen.add(grant.user_id)
        body.append(grant.to_api())
    if not body:
        raise ValidationError("give at least one user and role")
    return body


def user_ids_body(user_ids: Iterable[str]) -> builtins.list[str]:
    """The checked array of user IDs to revoke (duplicates dropped, order kept)."""
    ids = builtins.list(dict.fromkeys(validation.required(u, "user_id") for u in user_ids))
    if not ids:
        raise ValidationError("give at least one user ID")
    return ids


class OrgPermissions(Area):
    async def get(self, org: str) -> Permissions:
        """The caller's role and everyone else's on ``org``."""
        params = {"namespace": validation.organization(org)}
        return Permissions.from_api(await self._client.get_json(ACCESS, params))

    async def list(self, org: str) -> builtins.list[UserAuth]:
        """Every role on ``org``, the caller's first."""
        return (await self.get(org)).all

    async def create(self, org: str, grants: Iterable[UserAuth]) -> None:
        """Grant roles to users of the caller's tenant (needs the manage role)."""
        params = {"namespace": validation.organization(org)}
        await self._client.request("POST", ACCESS, params, json_body=user_auths_body(grants))

    async def update(self, org: str, grants: Iterable[UserAuth]) -> None:
        params = {"namespace": validation.organization(org)}
        await self._client.request("PATCH", ACCESS, params, json_body=user_auths_body(grants))

    async def delete(self, org: str, user_ids: Iterable[str]) -> None:
        params = {"namespace": validation.organization(org)}
        await self._client.request("DELETE", ACCESS, params, json_body=user_ids_body(user_ids))
