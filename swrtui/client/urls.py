"""URL pieces exactly as the official SDK puts them on the wire.

Path parameters are percent-encoded with ``quote(value, safe='')`` (so ``$`` becomes ``%24``);
the query string is the signer's canonical form (sorted, RFC 3986), so the bytes that are
signed are the bytes that are sent. ``filter`` values use the service's ``k::v|k::v`` syntax.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from swrtui import signing

QueryValue = str | int | bool | None


def build_path(template: str, params: Mapping[str, object] | None = None) -> str:
    """``/v2/manage/namespaces/{namespace}`` with each parameter percent-encoded."""
    encoded = {name: quote(str(value), safe="") for name, value in (params or {}).items()}
    return template.format_map(encoded)


def _wire(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode_query(query: Mapping[str, QueryValue] | None) -> str:
    """The canonical query string; ``None`` values are dropped."""
    items = [(name, _wire(value)) for name, value in (query or {}).items() if value is not None]
    return signing.canonical_query(items)


def filter_param(**fields: QueryValue) -> str | None:
    """``namespace::a|mode::visible`` from the non-``None`` fields (``None`` if none)."""
    parts = [f"{name}::{_wire(value)}" for name, value in fields.items() if value is not None]
    return "|".join(parts) or None
