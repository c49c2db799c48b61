"""The base of every API area: holds the client its calls go through."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from swrtui.client.core import SwrClient


class Area:
    """One API area (``client.organizations``, ``client.tags``, ...)."""

    def __init__(self, client: SwrClient) -> None:
        self._client = client
