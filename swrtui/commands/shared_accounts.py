"""``share``: let other accounts pull a private repository until a deadline (reference 4.4)."""

from __future__ import annotations

from datetime import datetime

from swrtui.client.models.shared_accounts import SharedAccount
from swrtui.commands.args import DEADLINE, REPO, TEXT, RepoRef
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, message, record, table
from swrtui.commands.session import Session

REGISTRY.group(
    "share", "Accounts a repository is shared with", aliases=("shares",), area="shared_accounts"
)

COLUMNS = (
    Column("account"),
    Column("permit"),
    Column("deadline"),
    Column("valid", kind="bool"),
    Column("description"),
    Column("creator"),
    Column("updated", kind="time"),
)
ACCOUNT = arg("account", TEXT, "the other tenant's account (domain) name")
UNTIL = "forever (default), a date 2030-01-31, or a duration such as 30d"


def _row(share: SharedAccount) -> tuple[object, ...]:
    return (
        share.access_domain,
        share.permit,
        share.deadline,
        share.status,
        share.description,
        share.creator_name,
        share.updated,
    )


@command(
    "share list",
    "List the accounts a repository is shared with",
    arg("repo", REPO),
    aliases=("ls",),
    default=True,
)
async def share_list(session: Session, repo: RepoRef) -> Result:
    shares = await session.client.shared_accounts.list(repo.org, repo.repo)
    return table(COLUMNS, map(_row, shares), title=f"Shares of {repo}")


@command(
    "share add",
    "Share a repository with another account",
    arg("repo", REPO),
    ACCOUNT,
    opt("--until", DEADLINE, UNTIL, default="forever"),
    opt("--description", TEXT),
    mutates=True,
)
async def share_add(
    session: Session, repo: RepoRef, account: str, until: str | datetime, description: str | None
) -> Result:
    await session.client.shared_accounts.create(
        repo.org,
        repo.repo,
        account,
        deadline=until,
        description=description,
    )
    return message(f"shared {repo} with {account}", Changed("repos", repo.org, repo.repo))


@command(
    "share update",
    "Change the deadline or description of a share",
    arg("repo", REPO),
    ACCOUNT,
    opt("--until", DEADLINE, UNTIL, default="forever"),
    opt("--description", TEXT),
    mutates=True,
)
async def share_update(
    session: Session, repo: RepoRef, account: str, until: str | datetime, description: str | None
) -> Result:
    await session.client.shared_accounts.update(
        repo.org,
        repo.repo,
        account,
        deadline=until,
        description=description,
    )
    return message(f"updated the share of {repo} with {account}")


@command(
    "share remove",
    "Stop sharing a repository with an account",
    arg("repo", REPO),
    ACCOUNT,
    aliases=("rm",),
    destructive=True,
)
async def share_remove(session: Session, repo: RepoRef, account: str) -> Result:
    await session.client.shared_accounts.delete(repo.org, repo.repo, account)
    return message(f"stopped sharing {repo} with {account}", Changed("repos", repo.org, repo.repo))


@command(
    "share check", "Whether a repository is shared with an account", arg("repo", REPO), ACCOUNT
)
async def share_check(session: Session, repo: RepoRef, account: str) -> Result:
    share = await session.client.shared_accounts.get(repo.org, repo.repo, account)
    return record(
        {
            "repository": str(repo),
            "account": account,
            "shared": share.exist,
            "valid": share.exist and share.status,
            "deadline": share.deadline if share.exist else "",
        }
    )
