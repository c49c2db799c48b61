"""``perms org``: who holds which role on an organization (reference 4.6), and the grant
helpers ``perms image`` shares.

Users are named by user name or user ID; ``update`` and ``revoke`` look the ID up in the
current grants, ``grant`` needs both (``NAME=ID``) because a new user has no grant yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from swrtui.client.models.org_permissions import ROLES, UserAuth
from swrtui.commands.args import ORG, TEXT, ArgError, Kind, Where
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, arg, command
from swrtui.commands.result import Column, Result, message, table
from swrtui.commands.session import Session

REGISTRY.group("perms", "Organization and repository permissions", aliases=("perm", "permissions"))

ROLE_WORDS = {"view": 1, "read": 1, "edit": 3, "write": 3, "manage": 7}


def _role(text: str, where: Where) -> int:
    if text.isdigit() and int(text) in ROLES:
        return int(text)
    if text in ROLE_WORDS:
        return ROLE_WORDS[text]
    raise ArgError(f"invalid role {text!r}", "use view, edit or manage (1, 3, 7)")


def _new_user(text: str, where: Where) -> tuple[str, str]:
    name, eq, user_id = text.partition("=")
    if not (eq and name and user_id):
        raise ArgError(f"{text!r} is not NAME=USER_ID", "a new grant needs the IAM user ID")
    return name, user_id


ROLE = Kind("view|edit|manage", _role, "choice", ("view", "edit", "manage"))
NEW_USER = Kind("NAME=USER_ID", _new_user)
USER = arg("user", TEXT, "user name or user ID")
USERS = arg("users", TEXT, "user names or user IDs", many=True)
COLUMNS = (Column("user"), Column("user_id"), Column("role"), Column("auth", kind="int"))


def grant_rows(grants: Sequence[UserAuth], me: str) -> list[tuple[object, ...]]:
    return [
        (g.user_name + (" (you)" if g.user_id == me else ""), g.user_id, g.role, g.auth)
        for g in grants
    ]


def find_user(grants: Sequence[UserAuth], who: str, where: str) -> UserAuth:
    for grant in grants:
        if who in (grant.user_name, grant.user_id):
            return grant
    raise UsageError(
        f"{where}: no grant for user {who!r}; list them with `{where.rsplit(' ', 1)[0]}`"
    )


def new_grant(user: tuple[str, str], role: int) -> UserAuth:
    return UserAuth(user_id=user[1], user_name=user[0], auth=role)


@command(
    "perms org list",
    "Roles on an organization",
    arg("org", ORG),
    aliases=("org ls",),
    default=True,
)
async def org_list(session: Session, org: str) -> Result:
    found = await session.client.org_permissions.get(org)
    rows = grant_rows(found.all, found.self_auth.user_id)
    return table(COLUMNS, rows, title=f"Permissions on {org}")


@command(
    "perms org grant",
    "Give a user a role on an organization",
    arg("org", ORG),
    arg("user", NEW_USER),
    arg("role", ROLE),
    mutates=True,
)
async def org_grant(session: Session, org: str, user: tuple[str, str], role: int) -> Result:
    await session.client.org_permissions.create(org, [new_grant(user, role)])
    return message(f"granted {user[0]} {role_word(role)} on {org}")


@command(
    "perms org update",
    "Change a user's role on an organization",
    arg("org", ORG),
    USER,
    arg("role", ROLE),
    mutates=True,
)
async def org_update(session: Session, org: str, user: str, role: int) -> Result:
    current = find_user(await session.client.org_permissions.list(org), user, "perms org update")
    await session.client.org_permissions.update(
        org, [UserAuth(current.user_id, current.user_name, role)]
    )
    return message(f"{current.user_name} now has {role_word(role)} on {org}")


@command(
    "perms org revoke",
    "Take users' roles on an organization away",
    arg("org", ORG),
    USERS,
    aliases=("org rm",),
    destructive=True,
)
async def org_revoke(session: Session, org: str, users: list[str]) -> Result:
    grants = await session.client.org_permissions.list(org)
    found = [find_user(grants, who, "perms org revoke") for who in users]
    await session.client.org_permissions.delete(org, [g.user_id for g in found])
    return message(f"revoked {', '.join(g.user_name for g in found)} on {org}")


def role_word(role: int) -> str:
    return {1: "view", 3: "edit", 7: "manage"}[role]
