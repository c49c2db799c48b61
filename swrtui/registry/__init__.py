"""swrtui.registry: the Docker/OCI distribution (registry v2) client, beside the API client.

:class:`RegistryClient` does the token dance (:mod:`~swrtui.registry.auth`), reads
manifests, indexes, configs and referrers, HEADs blobs, and verifies digests of what it
reads; :mod:`~swrtui.registry.errors` types the registry's error codes. Like
:mod:`swrtui.client` it imports only the pure modules: credentials arrive as a callable.
"""

from __future__ import annotations

from swrtui.registry import media
from swrtui.registry.auth import Credentials
from swrtui.registry.client import RegistryClient, anonymous, is_digest
from swrtui.registry.errors import (
    BadReference,
    DigestMismatch,
    RegistryAuthError,
    RegistryError,
    RegistryNotFound,
    RegistryProtocolError,
    RegistryUnreachable,
)
from swrtui.registry.models import Descriptor, HistoryEntry, ImageConfig, Manifest, Platform

__all__ = [
    "BadReference",
    "Credentials",
    "Descriptor",
    "DigestMismatch",
    "HistoryEntry",
    "ImageConfig",
    "Manifest",
    "Platform",
    "RegistryAuthError",
    "RegistryClient",
    "RegistryError",
    "RegistryNotFound",
    "RegistryProtocolError",
    "RegistryUnreachable",
    "anonymous",
    "is_digest",
    "media",
]
