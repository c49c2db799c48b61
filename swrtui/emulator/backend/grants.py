"""Explicit role grants (view 1, edit 3, manage 7) on an organization or a repository.

Shared by the organization (4.6) and image (4.7) permission handlers: both take bare JSON
arrays of ``UserAuth`` objects (or of user IDs to revoke), both refuse users outside the
caller's tenant and any change to the caller's own role, and both describe grants as
``self_auth`` + ``others_auths``. The two areas differ only in their error codes, which
:class:`Codes` carries.

The creator of an organization or repository holds an implicit Manage grant: the service
lists it among ``others_auths`` (see the 4.6.4 example, where the creator appears there with
auth 7), so it is shown, cannot be created again (409) and cannot be changed or revoked (403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from swrtui.emulator import errors
from swrtui.emulator.fields import required_str
from swrtui.emulator.state.store import AUTH_MANAGE, VALID_AUTH, Domain, Permission, User


@dataclass(frozen=True)
class Codes:
    """The refusals one permission area answers with (section 6 has one set per area)."""

    invalid_auth: Callable[[str], errors.ApiError]
    exists: Callable[[str], errors.ApiError]
    missing: Callable[[str], errors.ApiError]


ORGANIZATION = Codes(
    errors.invalid_org_permission, errors.org_permission_exists, errors.org_permission_not_found
)
REPOSITORY = Codes(errors.invalid_permission, errors.permission_exists, errors.permission_not_found)


@dataclass(frozen=True)
class Holder:
    """The grant table of one organization or repository and who created it."""

    permissions: dict[str, Permission]
    creator_id: str
    creator_name: str


def _tenant_user(tenant: Domain, user_id: str, user_name: str) -> User:
    user = tenant.users.get(user_id)
    if user is None or user.name != user_name:
        raise errors.invalid_username(user_name)
    return user


def _refuse_self(me: User, user_id: str) -> None:
    if user_id == me.id:
        raise errors.forbidden("change your own permission")


def _auth(item: dict[str, Any], codes: Codes) -> int:
    value = item.get("auth")
    if value is None:
        raise errors.missing_parameter("auth")
    if isinstance(value, bool) or not isinstance(value, int) or value not in VALID_AUTH:
        raise codes.invalid_auth(f"auth must be 1 (read), 3 (write) or 7 (manage), got {value!r}")
    return value


def read_user_auths(items: list[Any], tenant: Domain, me: User, codes: Codes) -> list[Permission]:
    """A request's ``[UserAuth]`` array from ``me`` of ``tenant``, every entry checked before
    anything changes."""
    if not items:
        raise errors.missing_parameter("UserAuth")
    entries: dict[str, Permission] = {}
    for item in items:
        if not isinstance(item, dict):
            raise errors.invalid_body("every UserAuth must be a JSON object")
        user_id, user_name = required_str(item, "user_id"), required_str(item, "user_name")
        auth = _auth(item, codes)
        user = _tenant_user(tenant, user_id, user_name)
        _refuse_self(me, user.id)
        if user.id in entries:
            raise errors.invalid_parameter(f"user {user_name} appears more than once")
        entries[user.id] = Permission(user.id, user.name, auth)
    return list(entries.values())


def read_user_ids(items: list[Any], me: User) -> list[str]:
    """A request's array of user IDs to revoke (never ``me``'s own)."""
    if not items:
        raise errors.missing_parameter("user_id")
    if not all(isinstance(item, str) and item for item in items):
        raise errors.invalid_parameter("expected an array of user IDs (strings)")
    for user_id in items:
        _refuse_self(me, user_id)
    return list(dict.fromkeys(items))


def _changeable(holder: Holder, user_id: str, codes: Codes) -> Permission:
    if user_id == holder.creator_id:
        raise errors.forbidden("change the permission of the creator")
    grant = holder.permissions.get(user_id)
    if grant is None:
        raise codes.missing(user_id)
    return grant


def create(holder: Holder, entries: list[Permission], codes: Codes) -> None:
    for entry in entries:
        if entry.user_id in holder.permissions or entry.user_id == holder.creator_id:
            raise codes.exists(entry.user_name)
    for entry in entries:
        holder.permissions[entry.user_id] = entry


def update(holder: Holder, entries: list[Permission], codes: Codes) -> None:
    for entry in entries:
        _changeable(holder, entry.user_id, codes)
    for entry in entries:
        holder.permissions[entry.user_id].auth = entry.auth


def delete(holder: Holder, user_ids: list[str], codes: Codes) -> None:
    for user_id in user_ids:
        _changeable(holder, user_id, codes)
    for user_id in user_ids:
        del holder.permissions[user_id]


def _user_auth(user_id: str, user_name: str, auth: int) -> dict[str, Any]:
    return {"user_id": user_id, "user_name": user_name, "auth": auth}


def describe(me: User, holder: Holder, self_auth: int) -> dict[str, Any]:
    """``self_auth`` (the caller's effective role) and ``others_auths`` (creator + grants)."""
    others = [_user_auth(holder.creator_id, holder.creator_name, AUTH_MANAGE)]
    others += [
        _user_auth(p.user_id, p.user_name, p.auth)
        for p in sorted(holder.permissions.values(), key=lambda p: p.user_name)
        if p.user_id != holder.creator_id
    ]
    return {
        "self_auth": _user_auth(me.id, me.name, self_auth),
        "others_auths": [entry for entry in others if entry["user_id"] != me.id],
    }
