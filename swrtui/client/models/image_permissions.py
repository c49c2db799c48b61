"""Role grants on a repository (reference 4.7, ``ShowUserRepositoryAuthResponse``).

The document has the organization grants' shape (without ``creator_name``), so the models
are those of :mod:`.org_permissions`; ``Permissions.name`` is the repository's name here.
"""

from __future__ import annotations

from swrtui.client.models.org_permissions import ROLES, Permissions, UserAuth

__all__ = ["ROLES", "Permissions", "UserAuth"]
