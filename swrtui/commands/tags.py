"""``tags``: list (sorted, limited, filtered, or grouped by digest), show, retag and delete
image tags (reference 4.3).

The platforms column is what the SWR listing's manifest field names (a multi-arch list's
platforms; empty for a single manifest, whose platform only its config blob knows): no
extra calls. ``tags list --by-digest`` shows one row per image: its tags, size, platforms
and newest update.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from swrtui.client import NotFoundError, image_reference
from swrtui.client.models.tags import Tag
from swrtui.commands.args import INT, REPO, TAG, TAGREF, TEXT, RepoRef, TagRef, choice
from swrtui.commands.format import plural, short_digest, tag_type
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, error, message, record, table
from swrtui.commands.session import Confirm, Session
from swrtui.services.cleanup.rules import recency
from swrtui.services.deletion import (
    TAG_NOT_FOUND,
    Progress,
    TagDeletion,
    delete_tags,
    name_targets,
)
from swrtui.services.listing import Partial, list_tags

REGISTRY.group("tags", "Image tags", aliases=("tag",), area="tags")

COLUMNS = (
    Column("tag"),
    Column("digest", kind="digest"),
    Column("size", kind="bytes"),
    Column("created", kind="time"),
    Column("updated", kind="time"),
    Column("platforms", kind="platforms"),
)
DIGEST_COLUMNS = (
    Column("digest", kind="digest"),
    Column("tags"),
    Column("size", kind="bytes"),
    Column("platforms", kind="platforms"),
    Column("updated", kind="time"),
)
SORTS = ("updated", "name", "size", "created")
# The sorts SWR can do itself (order_column, order_type as --sort means it, unreversed);
# with --limit they are paged from the server instead of listing every tag.
SERVER_ORDER = {"updated": ("updated_at", "desc"), "name": ("tag", "asc")}
TIE_KEYS: dict[str, Callable[[Tag], object]] = {
    "updated": lambda t: t.updated,
    "name": lambda t: t.name,
}
MAX_PAGE = 1000
TIE_PAGE = 100


def _row(tag: Tag) -> tuple[object, ...]:
    return (tag.name, tag.digest, tag.size, tag.created, tag.updated, tag.platforms)


def _by_digest(tags: list[Tag]) -> list[Tag]:
    """One tag standing for each image (digest): the newest of its tags, its name then
    replaced by every tag name of the image, joined A to Z (a tag without a digest is an
    image of its own). The stand-in sorts like a tag, so ``--sort`` means the same."""
    images: dict[str, list[Tag]] = {}
    for tag in tags:
        images.setdefault(tag.digest or f"tag:{tag.name}", []).append(tag)
    standins = []
    for members in images.values():
        newest = max(members, key=recency)
        created = max((t.created for t in members if t.created), default=None)
        names = ", ".join(sorted(t.name for t in members))
        standins.append(msgspec.structs.replace(newest, name=names, created=created))
    return standins


def _digest_row(image: Tag) -> tuple[object, ...]:
    return (image.digest, image.name, image.size, image.platforms, image.updated)


def _sorted(tags: list[Tag], sort: str, ascending: bool) -> list[Tag]:
    keys = {
        "updated": recency,
        "created": lambda t: (t.created is not None, t.created, t.name),
        "size": lambda t: (t.size, t.name),
        "name": lambda t: t.name,
    }
    # Newest and biggest first by default; names read best A to Z.
    reverse = not ascending if sort != "name" else ascending
    return sorted(tags, key=keys[sort], reverse=reverse)


@command(
    "tags list",
    "List the tags of a repository",
    arg("repo", REPO, "org/repo (default: the context)"),
    opt("--sort", choice(*SORTS), "updated (default, newest first), name, size or created"),
    opt("--reverse", help="reverse the order"),
    opt("--limit", INT, "show the first N after sorting"),
    opt("--filter", TEXT, "only tags whose name contains this"),
    opt("--by-digest", help="one row per image (digest): its tags, size, platforms, newest update"),
    aliases=("ls",),
    default=True,
)
async def tags_list(
    session: Session,
    repo: RepoRef,
    sort: str | None,
    reverse: bool,
    limit: int | None,
    filter: str | None,
    by_digest: bool,
) -> Result:
    sort = sort or "updated"
    # Grouping needs every tag of an image, so it never pages only the first N.
    if limit is not None and limit > 0 and sort in SERVER_ORDER and not by_digest:
        found = await _first_tags(session, repo, sort, reverse, limit, filter or None)
        return _tags_result(repo, found, sort, reverse, limit)
    listed = await list_tags(session.client, repo.org, repo.repo, tag=filter or None)
    view = _View(sort, reverse, limit, by_digest)
    return _listed_result(session, repo, listed, view, filter)


@dataclass(frozen=True)
class _View:
    """How ``tags list`` shows what it listed."""

    sort: str
    reverse: bool
    limit: int | None
    by_digest: bool


def _listed_result(
    session: Session,
    repo: RepoRef,
    listed: Partial[list[Tag]],
    view: _View,
    filter: str | None,
) -> Result:
    if filter is None and listed.complete:
        session.cache.set_tags(repo.org, repo.repo, listed.value)
    if view.by_digest:
        images = _by_digest(listed.value)
        result = _tags_result(repo, images, view.sort, view.reverse, view.limit, by_digest=True)
    else:
        result = _tags_result(repo, listed.value, view.sort, view.reverse, view.limit)

    async def retry() -> Result:
        again = await listed.retry()
        return _listed_result(session, repo, again, view, filter)

    return result.incomplete(listed.gaps, retry)


def _tags_result(
    repo: RepoRef,
    found: list[Tag],
    sort: str,
    reverse: bool,
    limit: int | None,
    *,
    by_digest: bool = False,
) -> Result:
    ordered = _sorted(found, sort, ascending=reverse)
    if limit is not None:
        ordered = ordered[:limit]
    if by_digest:
        return table(DIGEST_COLUMNS, map(_digest_row, ordered), title=f"Images of {repo}")
    return table(COLUMNS, map(_row, ordered), title=f"Tags of {repo}")


async def _first_tags(
    session: Session, repo: RepoRef, sort: str, reverse: bool, limit: int, fragment: str | None
) -> list[Tag]:
    """The first ``limit`` tags in the server's order, plus every tag tied with the last of
    them (the client breaks ties its own way): a repository with 100 000 tags is not
    fetched whole to show ten of them."""
    column, direction = SERVER_ORDER[sort]
    if reverse:
        direction = "asc" if direction == "desc" else "desc"
    tie = TIE_KEYS[sort]
    found: list[Tag] = []
    while True:
        size = min(MAX_PAGE, max(limit + 1 - len(found), TIE_PAGE))
        page = await session.client.tags.list(
            repo.org,
            repo.repo,
            tag=fragment,
            limit=size,
            offset=len(found),
            order_column=column,
            order_type=direction,
        )
        found.extend(page)
        if len(page) < size or tie(found[limit - 1]) != tie(found[-1]):
            return found


@command("tags show", "Show one tag: digest, size, times, pull command", arg("ref", TAGREF))
async def tags_show(session: Session, ref: TagRef) -> Result:
    tag = await session.client.tags.get(ref.org, ref.repo, ref.tag)
    # The host the client logs in to (the emulator's own host:port), not the one the
    # service reports: the two differ against the emulator, and docker needs the login's.
    path = image_reference(session.client.registry, ref.org, ref.repo, ref.tag)
    return record(
        {
            "tag": str(ref),
            "digest": tag.digest,
            "size": tag.size,
            "type": tag_type(tag.tag_type, tag.schema, tag.manifest),
            "platforms": tag.platforms,
            "created": tag.created,
            "updated": tag.updated,
            "path": path,
            "internal_path": tag.internal_path,
            "pull": f"docker pull {path}",
        },
        title=str(ref),
        kinds={"size": "bytes"},
    )


@command(
    "tags retag",
    "Point a new tag at the image of an existing one",
    arg("ref", TAGREF, "the existing org/repo:tag"),
    arg("new", TAG, "the new tag name"),
    opt("--force", help="overwrite the new tag if it exists"),
    mutates=True,
)
async def tags_retag(session: Session, ref: TagRef, new: str, force: bool) -> Result:
    await session.client.tags.create(ref.org, ref.repo, ref.tag, new, override=force)
    return message(f"tagged {ref} as {new}", Changed("tags", ref.org, ref.repo))


@command(
    "tags delete",
    "Delete tags: org/repo:tag, then more tag names of the same repository",
    arg("ref", TAGREF, "the first org/repo:tag"),
    arg("more", TAG, "more tags of that repository", required=False, many=True),
    aliases=("rm",),
    destructive=True,
    asks=True,
)
async def tags_delete(session: Session, ref: TagRef, more: list[str], ask: Confirm) -> Result:
    names = list(dict.fromkeys([ref.tag, *more]))
    items = await _as_read_now(session, ref, names)
    if not await ask(_question(items)):
        return message("cancelled")

    def progress(done: Progress) -> None:
        session.notify(f"{done.done}/{done.total} {done.outcome} {done.item.reference}")

    report = await delete_tags(session.client, items, on_progress=progress)
    changed = Changed("tags", ref.org, ref.repo)
    if report.failed:
        # The earlier deletions happened: the summary says exactly how far it got.
        return error(report.summary(), report.failed[0].error_code).with_changes(changed)
    return message(report.summary(), changed)


async def _as_read_now(session: Session, ref: TagRef, names: list[str]) -> list[TagDeletion]:
    """Each tag as it is now, the digest the question shows: the engine then deletes only
    that content and skips a tag pushed again while the question waited. A tag that does
    not exist is asked about by name (the engine reports it already gone)."""

    async def read(name: str) -> TagDeletion:
        try:
            tag = await session.client.tags.get(ref.org, ref.repo, name)
        except NotFoundError as exc:
            if exc.error_code != TAG_NOT_FOUND:
                raise
            return TagDeletion(ref.org, ref.repo, name)
        return TagDeletion(ref.org, ref.repo, name, tag.digest, tag.updated)

    return list(await asyncio.gather(*(read(name) for name in names)))


def _question(items: list[TagDeletion]) -> str:
    shown = [
        f"{item.reference} ({short_digest(item.expected_digest)})"
        if item.expected_digest
        else f"{item.reference} (not found)"
        for item in items
    ]
    return f"Delete {plural(len(items), 'tag')}: {name_targets(shown)}?"
