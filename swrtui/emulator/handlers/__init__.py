"""One module per API area; each exposes ``routes``. Area names match ARCHITECTURE.md."""

from __future__ import annotations

from swrtui.emulator.handlers import (
    api_versions,
    image_permissions,
    org_permissions,
    organizations,
    push,
    quotas,
    reports,
    repositories,
    retention,
    shared_accounts,
    sync,
    tags,
    temporary_login,
    triggers,
)
from swrtui.emulator.router import Route

AREAS = (
    organizations,
    repositories,
    tags,
    shared_accounts,
    api_versions,
    org_permissions,
    image_permissions,
    sync,
    triggers,
    retention,
    temporary_login,
    quotas,
    reports,
    push,
)


def all_routes() -> list[Route]:
    return [route for area in AREAS for route in area.routes]
