"""Role grants on an organization (reference 4.6, ``ShowNamespaceAuthResponse``).

The repository grants of 4.7 have the same shape, so :mod:`.image_permissions` reuses
:class:`UserAuth` and :class:`Permissions`. Roles are ``1`` view, ``3`` edit, ``7`` manage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swrtui.client.models import _parse
from swrtui.client.models.organizations import role_name

ROLES = (1, 3, 7)


@dataclass(frozen=True)
class UserAuth:
    """One user's role; also what ``create``/``update`` take."""

    user_id: str
    user_name: str
    auth: int

    @property
    def role(self) -> str:
        return role_name(self.auth)

    def to_api(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "user_name": self.user_name, "auth": self.auth}

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> UserAuth:
        document = _parse.mapping(document)
        return cls(
            user_id=_parse.text(document, "user_id"),
            user_name=_parse.text(document, "user_name"),
            auth=_parse.integer(document, "auth"),
        )


@dataclass(frozen=True)
class Permissions:
    """Who holds which role on an organization (or repository): the caller and the others.

    ``name`` is the organization's (or repository's) name; the creator appears among
    ``others`` with the manage role unless the caller is the creator.
    """

    id: int
    name: str
    creator_name: str
    self_auth: UserAuth
    others: tuple[UserAuth, ...]

    @property
    def all(self) -> list[UserAuth]:
        return [self.self_auth, *self.others]

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Permissions:
        document = _parse.mapping(document)
        others = document.get("others_auths")
        return cls(
            id=_parse.integer(document, "id"),
            name=_parse.text(document, "name"),
            creator_name=_parse.text(document, "creator_name"),
            self_auth=UserAuth.from_api(_parse.mapping(document.get("self_auth"))),
            others=tuple(UserAuth.from_api(item) for item in _parse.items(others) if item),
        )
