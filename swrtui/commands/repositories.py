"""``repos``: list, show, create, update and delete repositories, and list shared images
(reference 4.2)."""

from __future__ import annotations

from swrtui.client import NotFoundError
from swrtui.client.models.repositories import CATEGORIES, Repository
from swrtui.commands.args import BOOL, INT, ORG, REPO, TEXT, RepoRef, choice
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, error, message, record, table
from swrtui.commands.session import Session
from swrtui.services.listing import Partial, list_repositories

REGISTRY.group("repos", "Repositories", aliases=("repo", "repositories"), area="repositories")

COLUMNS = (
    Column("repository"),
    Column("category"),
    Column("public", kind="bool"),
    Column("tags", kind="int"),
    Column("size", kind="bytes"),
    Column("downloads", kind="int"),
    Column("updated", kind="time"),
)
REPO_PAGE = 100
SORTS = {"updated": "updated_time", "name": "name", "tags": "tag_count"}


def _row(repo: Repository) -> tuple[object, ...]:
    return (
        repo.full_name,
        repo.category,
        repo.is_public,
        repo.num_images,
        repo.size,
        repo.num_downloads,
        repo.updated,
    )


def repo_record(repo: Repository) -> Result:
    return record(
        {
            "repository": repo.full_name,
            "category": repo.category,
            "public": repo.is_public,
            "description": repo.description,
            "tags": repo.num_images,
            "size": repo.size,
            "downloads": repo.num_downloads,
            "created": repo.created,
            "updated": repo.updated,
            "path": repo.path,
            "internal_path": repo.internal_path,
        },
        title=repo.full_name,
        kinds={"size": "bytes"},
    )


@command(
    "repos list",
    "List repositories (of ORG, the current org, or all)",
    arg("org", ORG, "organization (default: the context, else all)", required=False),
    opt("--name", TEXT, "only names containing this"),
    opt("--category", choice(*CATEGORIES), "only this category"),
    opt("--sort", choice(*SORTS), "updated (default), name or tags"),
    opt("--limit", INT, "at most N repositories"),
    aliases=("ls",),
    default=True,
)
async def repos_list(
    session: Session,
    org: str | None,
    name: str | None,
    category: str | None,
    sort: str | None,
    limit: int | None,
) -> Result:
    order = SORTS[sort] if sort else None
    desc = None if sort is None else ("asc" if sort == "name" else "desc")
    # Unfiltered, --limit N needs only the first pages; an org filter is checked client-side.
    pages = -(-limit // REPO_PAGE) if limit and org is None else None
    listed = await list_repositories(
        session.client,
        org,
        page_size=REPO_PAGE,
        pages=pages,
        name=name,
        category=category,
        order_column=order,
        order_type=desc,
    )
    if org is not None and listed.complete and not _of(org, listed.value):
        missing = await _missing_org(session, org)
        if missing is not None:
            return missing
    return _repos_result(session, org, limit, listed)


def _of(org: str, repos: list[Repository]) -> list[Repository]:
    # The service matches ``namespace`` as a fragment; an org argument means that org.
    return [repo for repo in repos if repo.namespace == org]


async def _missing_org(session: Session, org: str) -> Result | None:
    """An error when ``org`` does not exist: an empty list would say it has no
    repositories, and a typo in a script would pass unnoticed."""
    try:
        await session.client.organizations.get(org)
    except NotFoundError as exc:
        return error(f"repos: organization {org!r} does not exist", exc.error_code)
    return None


def _repos_result(
    session: Session, org: str | None, limit: int | None, listed: Partial[list[Repository]]
) -> Result:
    found = listed.value if org is None else _of(org, listed.value)
    if limit is not None:
        found = found[:limit]
    if org is not None and listed.complete:
        session.cache.set_repos(org, [r.name for r in found])
    result = table(COLUMNS, map(_row, found), title=f"Repositories of {org}" if org else "")

    async def retry() -> Result:
        return _repos_result(session, org, limit, await listed.retry())

    return result.incomplete(listed.gaps, retry)


@command("repos show", "Show one repository", arg("repo", REPO))
async def repos_show(session: Session, repo: RepoRef) -> Result:
    return repo_record(await session.client.repositories.get(repo.org, repo.repo))


@command(
    "repos create",
    "Create a repository",
    arg("repo", REPO, "org/repo (or repo inside `cd ORG`)"),
    opt("--public", help="anyone may pull it"),
    opt("--category", choice(*CATEGORIES), "default other", default="other"),
    opt("--description", TEXT, "free text"),
    mutates=True,
)
async def repos_create(
    session: Session, repo: RepoRef, public: bool, category: str, description: str | None
) -> Result:
    await session.client.repositories.create(
        repo.org, repo.repo, is_public=public, category=category, description=description
    )
    return message(f"created repository {repo}", Changed("repos", repo.org))


@command(
    "repos update",
    "Change visibility, category or description",
    arg("repo", REPO),
    opt("--public", BOOL, "true or false"),
    opt("--category", choice(*CATEGORIES)),
    opt("--description", TEXT),
    mutates=True,
)
async def repos_update(
    session: Session,
    repo: RepoRef,
    public: bool | None,
    category: str | None,
    description: str | None,
) -> Result:
    if public is None:
        # The API wants visibility on every update: keep what it is.
        public = (await session.client.repositories.get(repo.org, repo.repo)).is_public
    await session.client.repositories.update(
        repo.org, repo.repo, is_public=public, category=category, description=description
    )
    return message(f"updated repository {repo}", Changed("repos", repo.org, repo.repo))


@command(
    "repos delete",
    "Delete a repository and all its tags",
    arg("repo", REPO),
    aliases=("rm",),
    destructive=True,
)
async def repos_delete(session: Session, repo: RepoRef) -> Result:
    await session.client.repositories.delete(repo.org, repo.repo)
    return message(f"deleted repository {repo}", Changed("repos", repo.org))


SHARED_COLUMNS = (
    Column("repository"),
    Column("owner"),
    Column("tags", kind="int"),
    Column("expired", kind="bool"),
    Column("updated", kind="time"),
)


@command(
    "repos shared",
    "Images shared with you by other accounts (--mine: shared by you)",
    opt("--mine", help="images you share with others"),
)
async def repos_shared(session: Session, mine: bool) -> Result:
    found = await session.client.repositories.list_shared("self" if mine else "thirdparty")
    rows = [(r.full_name, r.domain_name, r.num_images, r.status, r.updated) for r in found]
    return table(SHARED_COLUMNS, rows)
