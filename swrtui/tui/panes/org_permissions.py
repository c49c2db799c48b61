"""Role grants on an organization (reference 4.6), and the one section for role grants.

An organization's and a repository's (:mod:`.image_permissions`) lists have one shape, so
one :class:`PermissionsSection` shows and edits both; the subclasses only say which client
calls to make. SWR has no API listing a tenant's users,
and a grant needs the user's ID as well as the name: the form offers every user already
granted on some organization as a pick list, and takes any other by name and ID.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui.client.errors import ValidationError
from swrtui.client.models.org_permissions import ROLES, UserAuth
from swrtui.client.models.organizations import role_name
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import ListSection
from swrtui.tui.screens.form import Choices, Field, FormScreen, Values
from swrtui.tui.widgets.info import fill_table

ROLE_CHOICES = tuple((f"{role_name(role)} ({role})", str(role)) for role in ROLES)


def known_users(lists: Iterable[Iterable[UserAuth]]) -> dict[str, str]:
    """user ID → user name, over every grant seen."""
    return {user.user_id: user.user_name for grants in lists for user in grants}


def parse_grant(values: Values) -> UserAuth:
    name, user_id = str(values["user_name"]).strip(), str(values["user_id"]).strip()
    if not name or not user_id:
        raise ValidationError("give the user's name and ID (or pick a known user)")
    if not values["auth"]:
        raise ValidationError("choose a role")
    return UserAuth(user_id, name, int(str(values["auth"])))


class PermissionsSection(ListSection):
    TABLE_ID: ClassVar[str] = ""
    # What the grants are on, for titles: "organization" or "repository".
    WHAT: ClassVar[str] = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.grants: dict[str, UserAuth] = {}
        # Users seen granted anywhere (ID → name): the form's pick list.
        self.known: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id=self.TABLE_ID, cursor_type="row")
        yield Static("n: grant a user · e: change role · x/delete: revoke", classes="hint")

    async def fetch(self, node: Node) -> None:
        grants = await self._list(node)
        self.grants = {user.user_id: user for user in grants}
        fill_table(
            self.table,
            ("user", "user id", "role"),
            ((u.user_name, u.user_id, u.role) for u in grants),
            key_column=1,
        )

    async def _list(self, node: Node) -> builtins.list[UserAuth]:
        raise NotImplementedError

    async def _grant(self, node: Node, grant: UserAuth, new: bool) -> None:
        raise NotImplementedError

    async def _revoke(self, node: Node, user_id: str) -> None:
        raise NotImplementedError

    async def _pick_list(self) -> Mapping[str, Choices]:
        orgs = await self.client.organizations.list()
        lists = await self.client.gather(
            lambda org: self.client.org_permissions.list(org.name), orgs
        )
        self.known = known_users([*lists, self.grants.values()])
        choices = [
            (f"{name} ({user_id})", user_id)
            for user_id, name in sorted(self.known.items(), key=lambda item: item[1])
            if user_id not in self.grants
        ]
        return {"known": choices}

    def do_add(self) -> None:
        node = self.node
        if node is None:
            return
        fields = [
            Field("known", "Known user", loaded=True, fills=self._fill, placeholder="pick…"),
            Field("user_name", "User name", placeholder="IAM user name"),
            Field("user_id", "User ID", placeholder="IAM user ID"),
            Field("auth", "Role", "1", ROLE_CHOICES),
        ]
        self._form(node, f"Grant a role on {self.WHAT} {node.path}", fields, new=True)

    def _fill(self, user_id: str) -> dict[str, str]:
        return {"user_id": user_id, "user_name": self.known.get(user_id, "")}

    def do_edit(self) -> None:
        node, user_id = self.node, self.highlighted()
        if node is None or user_id is None:
            return
        user = self.grants[user_id]
        fields = [
            Field("user_name", "User name", user.user_name),
            Field("user_id", "User ID", user.user_id),
            Field("auth", "Role", str(user.auth), ROLE_CHOICES),
        ]
        self._form(node, f"Change {user.user_name}'s role on {node.path}", fields, new=False)

    def _form(self, node: Node, title: str, fields: list[Field], new: bool) -> None:
        def save(grant: UserAuth | None) -> None:
            if grant is not None:
                self.request_change(
                    f"{grant.user_name} now has {grant.role} on {node.path}",
                    lambda: self._grant(node, grant, new),
                    then=self.then_reload,
                )

        load = self._pick_list if new else None
        self.app.push_screen(FormScreen(title, fields, parse_grant, load=load), save)

    def do_remove(self) -> None:
        node, user_id = self.node, self.highlighted()
        if node is None or user_id is None:
            return
        name = self.grants[user_id].user_name if user_id in self.grants else user_id
        self.confirm_change(
            f"Revoke {name}'s role on {self.WHAT} {node.path}?",
            f"Revoked {name} on {node.path}",
            lambda: self._revoke(node, user_id),
            then=self.then_reload,
        )


class OrgPermissionsSection(PermissionsSection):
    TABLE_ID = "org-permissions"
    WHAT = "organization"
    AREA = "organization permissions"

    async def _list(self, node: Node) -> builtins.list[UserAuth]:
        return await self.client.org_permissions.list(node.org)

    async def _grant(self, node: Node, grant: UserAuth, new: bool) -> None:
        grants = self.client.org_permissions
        await (grants.create if new else grants.update)(node.org, [grant])

    async def _revoke(self, node: Node, user_id: str) -> None:
        await self.client.org_permissions.delete(node.org, [user_id])
