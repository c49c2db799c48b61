"""Tags arriving and leaving: pushes, retags and deletions.

A control push stores a tag whose image is synthesized from a content key
(:mod:`swrtui.emulator.state.manifests`); a registry push (:func:`land_manifest`) stores the
manifest it was given. Whatever lands a tag through the API, the control push or the
registry also hands it to :func:`swrtui.emulator.backend.events.tag_landed`,
so triggers fire and automatic syncs run whichever way it arrived.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.backend.events import tag_landed
from swrtui.emulator.state.manifests import make_tag
from swrtui.emulator.state.store import (
    EmulatorState,
    Namespace,
    Repository,
    StoredManifest,
    Tag,
    User,
    add_repository,
)

LIST_TYPES = frozenset(
    {
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
    }
)


def existing_tag(repo: Repository, name: str) -> Tag:
    """The tag called ``name``: a 400 for an invalid name, a 404 for a missing one."""
    if not names.is_valid_tag(name):
        raise errors.invalid_tag_name(name)
    tag = repo.tags.get(name)
    if tag is None:
        raise errors.tag_not_found(name)
    return tag


def push(
    state: EmulatorState,
    ns: Namespace,
    repo: Repository,
    name: str,
    *,
    content_key: str,
    size: int,
    when: datetime,
) -> Tag:
    """Store a tag as ``docker push`` would: a new tag, or an existing one moved to new content."""
    existing = repo.tags.get(name)
    tag = make_tag(state, repo, name, content_key=content_key, size=size, created=when)
    if existing is not None:
        tag.id, tag.created = existing.id, existing.created
    repo.tags[name] = tag
    repo.updated = max(repo.updated, when)
    return tag


def push_image(
    state: EmulatorState,
    ns: Namespace,
    repo_name: str,
    tag_name: str,
    *,
    content_key: str,
    size: int,
    when: datetime,
) -> tuple[Repository, Tag]:
    """A push by the organization's creator; a missing repository is created, private."""
    repo = ns.repos.get(repo_name)
    if repo is None:
        repo = add_repository(state, ns, repo_name, when)
    tag = push(state, ns, repo, tag_name, content_key=content_key, size=size, when=when)
    pusher = state.all_users().get(ns.creator_id)
    if pusher is not None:
        tag_landed(state, ns, repo, tag.name, pusher, when)
    return repo, tag


def retag(
    state: EmulatorState,
    ns: Namespace,
    repo: Repository,
    source_name: str,
    destination: str,
    *,
    override: bool,
    operator: User,
    when: datetime,
) -> Tag:
    """Point ``destination`` at the image ``source_name`` names (refused if taken, unless
    ``override``)."""
    if not names.is_valid_tag(destination):
        raise errors.invalid_tag_name(destination)
    source = existing_tag(repo, source_name)
    existing = repo.tags.get(destination)
    if existing is not None and not override:
        raise errors.tag_exists(destination)
    # A retag points a name at the same image: same digest, manifest and size.
    tag = repo.tags[destination] = replace(
        source,
        id=existing.id if existing else state.next_id(),
        name=destination,
        created=existing.created if existing else when,
        updated=when,
    )
    repo.updated = when
    tag_landed(state, ns, repo, destination, operator, when)
    return tag


def delete_tag(repo: Repository, name: str, when: datetime) -> None:
    tag = repo.tags.pop(existing_tag(repo, name).name)
    forget_unreferenced(repo, tag.digest)
    repo.updated = when


def forget_unreferenced(repo: Repository, digest: str) -> None:
    """Drop a pushed manifest no tag names any more: a deleted tag's image stops pulling by
    digest too, unless a sibling tag still holds it (as after SWR's tag delete)."""
    if all(t.digest != digest for t in repo.tags.values()):
        repo.manifests.pop(digest, None)


def land_manifest(
    state: EmulatorState,
    ns: Namespace,
    repo_name: str,
    tag_name: str | None,
    stored: StoredManifest,
    *,
    digest: str,
    size: int,
    image_id: str,
    pusher: User,
    when: datetime,
) -> Repository:
    """A registry push: store the manifest by digest and, given a tag, create or move it.

    The first push into an existing organization creates the repository (the pusher owns
    it). A tag landing fires triggers and automatic sync, as a control push does.
    """
    repo = ns.repos.get(repo_name)
    if repo is None:
        repo = add_repository(state, ns, repo_name, when, pusher)
    repo.manifests[digest] = stored
    repo.updated = max(repo.updated, when)
    if tag_name is None:
        return repo
    existing = repo.tags.get(tag_name)
    repo.tags[tag_name] = Tag(
        id=existing.id if existing else state.next_id(),
        repo_id=repo.id,
        name=tag_name,
        digest=digest,
        image_id=image_id,
        manifest=stored.body,
        size=size,
        created=existing.created if existing else when,
        updated=when,
        tag_type=1 if stored.media_type in LIST_TYPES else 0,
    )
    if existing is not None and existing.digest != digest:
        forget_unreferenced(repo, existing.digest)
    tag_landed(state, ns, repo, tag_name, pusher, when)
    return repo
