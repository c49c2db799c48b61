"""Tags arriving and leaving: pushes, retags and deletions.

The emulator has no registry: a push stores a tag whose manifest is synthesized from a
content key (:mod:`swrtui.emulator.state.manifests`). Whatever lands a tag through the
API or the control push also hands it to :func:`swrtui.emulator.backend.events.tag_landed`,
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
    Tag,
    User,
    add_repository,
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
    del repo.tags[existing_tag(repo, name).name]
    repo.updated = when
