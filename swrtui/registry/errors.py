"""The registry client's errors: the distribution spec's error codes, typed.

::

    Error (swrtui.errors)
    └── RegistryError                code: the registry's own code (MANIFEST_UNKNOWN, ...)
        ├── RegistryAuthError        UNAUTHORIZED, DENIED: refused credentials or scope
        ├── RegistryNotFound         MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_UNKNOWN
        ├── DigestMismatch           REGISTRY.DIGEST_MISMATCH: content not what was named
        ├── RegistryProtocolError    REGISTRY.PROTOCOL: an answer this client cannot read
        ├── BadReference             REGISTRY.BAD_REFERENCE: a name no request is sent for
        └── RegistryUnreachable      REGISTRY.UNREACHABLE: no answer at all

The registry answers ``{"errors": [{"code", "message", "detail"}]}``; :func:`from_response`
turns that (or a bodyless HEAD answer) into the matching class.
"""

from __future__ import annotations

import json

import httpx

from swrtui.errors import Error

AUTH_CODES = frozenset({"UNAUTHORIZED", "DENIED"})
NOT_FOUND_CODES = frozenset({"MANIFEST_UNKNOWN", "BLOB_UNKNOWN", "NAME_UNKNOWN"})
# What a bodyless answer (HEAD) most likely meant, by status.
_STATUS_CODES = {401: "UNAUTHORIZED", 403: "DENIED", 404: "NAME_UNKNOWN", 429: "TOOMANYREQUESTS"}


class RegistryError(Error):
    """An error answer of the registry; ``code`` is the registry's error code."""

    code = "REGISTRY"
    title = "Registry error"

    def __init__(self, code: str, message: str, status: int = 0, url: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.url = url


class RegistryAuthError(RegistryError):
    title = "Registry refused the credentials"


class RegistryNotFound(RegistryError):
    title = "Not in the registry"


class DigestMismatch(RegistryError):
    title = "Digest mismatch"

    def __init__(self, expected: str, actual: str, url: str = "") -> None:
        super().__init__(
            "REGISTRY.DIGEST_MISMATCH", f"{url or 'content'} hashes to {actual}, not {expected}"
        )
        self.expected, self.actual = expected, actual


class RegistryProtocolError(RegistryError):
    title = "Unexpected registry answer"

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__("REGISTRY.PROTOCOL", message, url=url)


class BadReference(RegistryError):
    title = "Bad image reference"

    def __init__(self, message: str) -> None:
        super().__init__("REGISTRY.BAD_REFERENCE", message)


class RegistryUnreachable(RegistryError):
    title = "Registry unreachable"

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__("REGISTRY.UNREACHABLE", message, url=url)


def _first_error(body: bytes) -> tuple[str, str] | None:
    try:
        entries = json.loads(body).get("errors") or []
        first = entries[0]
        return str(first["code"]), str(first.get("message") or first["code"])
    except (ValueError, AttributeError, LookupError, TypeError):
        return None


def from_response(
    response: httpx.Response, body: bytes | None = None, not_found: str = ""
) -> RegistryError:
    """The typed error of a failed answer (``body``: its bytes when it was streamed);
    ``not_found`` names a bodyless 404 (HEAD)."""
    parsed = _first_error(response.content if body is None else body)
    status = response.status_code
    if parsed is None:
        code = not_found if status == 404 and not_found else _STATUS_CODES.get(status, "")
        code = code or f"HTTP_{status}"
        parsed = (code, f"{response.request.method} answered {status} {response.reason_phrase}")
    code, message = parsed
    url = str(response.request.url)
    if code in AUTH_CODES or status in (401, 403):
        return RegistryAuthError(code, message, status, url)
    if code in NOT_FOUND_CODES:
        return RegistryNotFound(code, message, status, url)
    return RegistryError(code, message, status, url)
