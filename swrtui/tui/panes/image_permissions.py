"""Role grants on a repository (reference 4.7): the shared :class:`PermissionsSection`
over the ``image_permissions`` calls."""

from __future__ import annotations

import builtins

from swrtui.client.models.org_permissions import UserAuth
from swrtui.tui.nodes import Node
from swrtui.tui.panes.org_permissions import PermissionsSection


class ImagePermissionsSection(PermissionsSection):
    TABLE_ID = "image-permissions"
    WHAT = "repository"
    AREA = "repository permissions"

    async def _list(self, node: Node) -> builtins.list[UserAuth]:
        return await self.client.image_permissions.list(node.org, node.repo)

    async def _grant(self, node: Node, grant: UserAuth, new: bool) -> None:
        grants = self.client.image_permissions
        await (grants.create if new else grants.update)(node.org, node.repo, [grant])

    async def _revoke(self, node: Node, user_id: str) -> None:
        await self.client.image_permissions.delete(node.org, node.repo, [user_id])
