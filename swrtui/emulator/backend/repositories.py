"""Repositories (reference 4.2): what a valid repository is, creating and changing one.

Names arrive with ``/`` escaped as ``$``; the store uses the natural form. The description
limit also holds for share descriptions (reference 4.4), which is why it lives here.
"""

from __future__ import annotations

from datetime import datetime

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.state.store import (
    EmulatorState,
    Namespace,
    Repository,
    User,
    add_repository,
)

CATEGORIES = ("app_server", "linux", "framework_app", "database", "lang", "windows", "arm", "other")
# The reference states no limit; the service refuses very long descriptions with 4131012.
DESCRIPTION_MAX = 30000


def check_description(text: str) -> str:
    if len(text) > DESCRIPTION_MAX:
        raise errors.description_too_long(DESCRIPTION_MAX)
    return text


def check_category(value: str) -> str:
    if value not in CATEGORIES:
        raise errors.invalid_parameter(f"category must be one of {', '.join(CATEGORIES)}")
    return value


def repository_name(raw: str) -> str:
    """The natural form of a repository name as it arrives (``a$b``), once checked."""
    if not names.is_valid_repository(raw):
        raise errors.invalid_repo_name(raw)
    return names.unescape_repository(raw)


def create_repository(
    state: EmulatorState,
    ns: Namespace,
    name: str,
    creator: User,
    *,
    is_public: bool,
    category: str,
    description: str,
    when: datetime,
) -> Repository:
    check_category(category)
    check_description(description)
    if name in ns.repos:
        raise errors.repo_exists(f"{ns.name}/{name}")
    return add_repository(
        state,
        ns,
        name,
        when,
        creator,
        category=category,
        description=description,
        is_public=is_public,
    )


def update_repository(
    repo: Repository, *, is_public: bool, category: str, description: str, when: datetime
) -> None:
    check_category(category)
    check_description(description)
    repo.is_public, repo.category, repo.description = is_public, category, description
    repo.updated = when
