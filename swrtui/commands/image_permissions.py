"""``perms image``: who holds which role on a repository (reference 4.7)."""

from __future__ import annotations

from swrtui.client.models.image_permissions import UserAuth
from swrtui.commands.args import REPO, RepoRef
from swrtui.commands.org_permissions import (
    COLUMNS,
    NEW_USER,
    ROLE,
    USER,
    USERS,
    find_user,
    grant_rows,
    new_grant,
    role_word,
)
from swrtui.commands.registry import arg, command
from swrtui.commands.result import Result, message, table
from swrtui.commands.session import Session


@command(
    "perms image list",
    "Roles on a repository",
    arg("repo", REPO),
    aliases=("image ls", "repo list", "repo ls"),
)
async def image_list(session: Session, repo: RepoRef) -> Result:
    found = await session.client.image_permissions.get(repo.org, repo.repo)
    return table(
        COLUMNS, grant_rows(found.all, found.self_auth.user_id), title=f"Permissions on {repo}"
    )


@command(
    "perms image grant",
    "Give a user a role on a repository",
    arg("repo", REPO),
    arg("user", NEW_USER),
    arg("role", ROLE),
    aliases=("repo grant",),
    mutates=True,
)
async def image_grant(session: Session, repo: RepoRef, user: tuple[str, str], role: int) -> Result:
    await session.client.image_permissions.create(repo.org, repo.repo, [new_grant(user, role)])
    return message(f"granted {user[0]} {role_word(role)} on {repo}")


@command(
    "perms image update",
    "Change a user's role on a repository",
    arg("repo", REPO),
    USER,
    arg("role", ROLE),
    aliases=("repo update",),
    mutates=True,
)
async def image_update(session: Session, repo: RepoRef, user: str, role: int) -> Result:
    grants = await session.client.image_permissions.list(repo.org, repo.repo)
    current = find_user(grants, user, "perms image update")
    await session.client.image_permissions.update(
        repo.org, repo.repo, [UserAuth(current.user_id, current.user_name, role)]
    )
    return message(f"{current.user_name} now has {role_word(role)} on {repo}")


@command(
    "perms image revoke",
    "Take users' roles on a repository away",
    arg("repo", REPO),
    USERS,
    aliases=("image rm", "repo revoke"),
    destructive=True,
)
async def image_revoke(session: Session, repo: RepoRef, users: list[str]) -> Result:
    grants = await session.client.image_permissions.list(repo.org, repo.repo)
    found = [find_user(grants, who, "perms image revoke") for who in users]
    await session.client.image_permissions.delete(repo.org, repo.repo, [g.user_id for g in found])
    return message(f"revoked {', '.join(g.user_name for g in found)} on {repo}")
