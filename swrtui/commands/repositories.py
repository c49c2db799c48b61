"""``repos``: list, show, create, update and delete repositories, and list shared images
(reference 4.2)."""

from __future__ import annotations

from swrtui.client.models.repositories import CATEGORIES, Repository
from swrtui.commands.args import BOOL, INT, ORG, REPO, TEXT, RepoRef, choice
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, message, record, table
from swrtui.commands.session import Session

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
    found: list[Repository] = []
    order = SORTS[sort] if sort else None
    desc = None if sort is None else ("asc" if sort == "name" else "desc")
    pages = session.client.repositories.iter_all(
        org, name, category=category, order_column=order, order_type=desc
    )
    async for repo in pages:
        # The service matches ``namespace`` as a fragment; an org argument means that org.
        if org is None or repo.namespace == org:
            found.append(repo)
        if limit is not None and len(found) >= limit:
            break
    if org is not None:
        session.cache.set_repos(org, [r.name for r in found])
    return table(COLUMNS, map(_row, found), title=f"Repositories of {org}" if org else "")


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
