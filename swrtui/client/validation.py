"""Argument checks done before any request, raising :class:`~swrtui.client.errors.ValidationError`.

Names follow :mod:`swrtui.names`; repository names come back in their wire form (``/`` → ``$``)
ready for a path or query.
"""

from __future__ import annotations

from collections.abc import Collection

from swrtui import names
from swrtui.client.errors import MissingProjectId, ValidationError


def organization(name: str) -> str:
    try:
        return names.check_organization(name)
    except names.InvalidNameError as exc:
        raise ValidationError(str(exc)) from None


def repository(name: str) -> str:
    """The wire form of a valid repository name (``a/b`` → ``a$b``)."""
    try:
        return names.escape_repository(names.check_repository(name))
    except names.InvalidNameError as exc:
        raise ValidationError(str(exc)) from None


def tag(name: str) -> str:
    try:
        return names.check_tag(name)
    except names.InvalidNameError as exc:
        raise ValidationError(str(exc)) from None


def one_of(value: str, allowed: Collection[str], what: str) -> str:
    if value not in allowed:
        raise ValidationError(f"invalid {what} {value!r}: use one of {', '.join(sorted(allowed))}")
    return value


def required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise ValidationError(f"{what} must not be empty")
    return value


def paging(limit: int | None, offset: int | None) -> None:
    if limit is not None and limit < 1:
        raise ValidationError(f"limit must be at least 1, got {limit}")
    if offset is not None and offset < 0:
        raise ValidationError(f"offset must not be negative, got {offset}")


def repository_params(org: str, repo: str) -> dict[str, str]:
    """The ``{namespace}``/``{repository}`` path parameters of a repository, validated."""
    return {"namespace": organization(org), "repository": repository(repo)}


ORDER_TYPES = ("asc", "desc")


def ordering(
    column: str | None, direction: str | None, columns: Collection[str]
) -> dict[str, str | None]:
    """The ``order_column``/``order_type`` query parameters, checked against the allowed ones."""
    if column is not None:
        one_of(column, columns, "order column")
    if direction is not None:
        one_of(direction, ORDER_TYPES, "order type")
    return {"order_column": column, "order_type": direction}


def project_id(value: str | None, hint: str) -> str:
    """The client's project ID, which project-scoped calls put in their path; ``hint`` says
    where to give one when there is none."""
    if not value or not value.strip():
        raise MissingProjectId(hint)
    return value
