"""The client's exception tree, one class per way a call can fail.

::

    SwrError                      status, error_code, error_msg, request_id, method, url
    ├── ValidationError           refused on the client side, before any request
    ├── AuthError                 401: bad signature, expired token, wrong password
    ├── PermissionDeniedError     403: the caller's role is too low
    ├── NotFoundError             404: organization, repository, tag, ... does not exist
    ├── NotEmptyError             406: organization or repository still has content
    ├── ConflictError             409: the thing already exists
    ├── QuotaError                a quota is exhausted (quota error codes)
    │   └── TooLargeError         413: body or field too large
    ├── RateLimitedError          429: slow down (``retry_after`` seconds when given)
    ├── ServerError               5xx, or a 2xx whose body is not what the API promises
    └── TransportError            the request did not complete (connect, reset, protocol)
        └── TimeoutError          ... because a timeout expired

Any other 4xx is a plain :class:`SwrError`, itself a :class:`swrtui.errors.Error` whose
``code`` is the server's ``error_code`` (``SWR`` when the response had none).
Errors carry no credentials: the URL holds the path and query only, and headers are never
copied. ``str(error)`` is one line: ``error_code: error_msg (HTTP status, METHOD path)``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

import httpx

from swrtui.errors import Error

# Error codes that mean "a quota is used up" whatever HTTP status they come with.
QUOTA_CODES = frozenset({"SVCSTG.SWR.4000097", "SVCSTG.SWR.5007019"})


class SwrError(Error):
    """Base of every client error; the fields say what failed and where."""

    code = "SWR"
    title = "SWR API error"
    # str() already leads with the server's error_code.
    code_in_text = False
    # Whether the same request may succeed later (an overloaded or unreachable server) rather
    # than being the service's answer (not found, forbidden, invalid): a listing names a
    # transient failure as a gap to retry, and reports an answer as the error it is.
    transient: ClassVar[bool] = False

    def __init__(
        self,
        error_msg: str,
        *,
        error_code: str = "",
        status: int | None = None,
        request_id: str | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.error_msg = error_msg
        self.error_code = error_code
        if error_code:
            self.code = error_code
        self.status = status
        self.request_id = request_id
        self.method = method
        self.url = url
        super().__init__(self._line())

    @property
    def path(self) -> str | None:
        return httpx.URL(self.url).path if self.url else None

    def _line(self) -> str:
        head = f"{self.error_code}: {self.error_msg}" if self.error_code else self.error_msg
        where = [f"HTTP {self.status}"] if self.status is not None else []
        if self.method:
            where.append(f"{self.method} {self.path or ''}".rstrip())
        return f"{head} ({', '.join(where)})" if where else head


class ValidationError(SwrError):
    """An argument breaks the service's rules; raised before anything is sent."""

    def __init__(self, message: str, error_code: str = "CLIENT.VALIDATION") -> None:
        super().__init__(message, error_code=error_code)


class MissingProjectId(ValidationError):
    """A project-scoped call on a client that was given no project ID; nothing was sent.

    ``hint`` says where the project ID comes from, in the caller's terms (a front end names
    its option and profile key; a library user gets the constructor argument).
    """

    title = "No project ID"

    def __init__(self, hint: str) -> None:
        message = f"this call needs the project ID and none was given: {hint}"
        super().__init__(message, error_code="CLIENT.NO_PROJECT_ID")

    def _line(self) -> str:
        # Nothing was sent: the message alone says it all.
        return self.error_msg


class ReadOnlyError(SwrError):
    """The client is read-only and the call would change something; nothing was sent."""

    code = "READ_ONLY"
    title = "Read-only"

    def __init__(self, method: str, url: str) -> None:
        super().__init__(
            f"refused {method} {httpx.URL(url).path}: this profile is read-only",
            error_code="READ_ONLY",
            method=method,
            url=url,
        )

    def _line(self) -> str:
        # Nothing was sent: no status to show.
        return f"{self.error_code}: {self.error_msg}"


class AuthError(SwrError):
    """401: the credentials were refused."""


class PermissionDeniedError(SwrError):
    """403: authenticated, but not allowed to do this."""


class NotFoundError(SwrError):
    """404: the resource does not exist (or is invisible to the caller)."""


class NotEmptyError(SwrError):
    """406: the resource cannot be deleted while it holds content."""


class ConflictError(SwrError):
    """409: the resource already exists."""


class QuotaError(SwrError):
    """A quota is exhausted."""


class TooLargeError(QuotaError):
    """413: the request or one of its fields is too large."""


class RateLimitedError(SwrError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds, if any."""

    transient = True

    def __init__(self, error_msg: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(error_msg, **kwargs)


class ServerError(SwrError):
    """5xx, or a success response whose body cannot be understood."""

    transient = True


class TransportError(SwrError):
    """The request did not complete: connection refused or reset, protocol error."""

    transient = True


class TimeoutError(TransportError):  # shadows the builtin inside this module only
    """The request did not complete in time."""


_BY_STATUS: dict[int, type[SwrError]] = {
    401: AuthError,
    403: PermissionDeniedError,
    404: NotFoundError,
    406: NotEmptyError,
    409: ConflictError,
    413: TooLargeError,
    429: RateLimitedError,
}


def error_class(status: int, error_code: str) -> type[SwrError]:
    if error_code in QUOTA_CODES:
        return QuotaError
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, SwrError)


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds; HTTP-date forms and junk give ``None``."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def _error_fields(document: Any) -> tuple[str, str]:
    """(code, message) from SWR's ``{error_code, error_msg}``, IAM's ``{"error": {...}}``
    or the appendix's ``[{"errorCode", "errorMessage"}]``."""
    if isinstance(document, list) and document and isinstance(document[0], dict):
        first = document[0]
        return str(first.get("errorCode") or ""), str(first.get("errorMessage") or "")
    if not isinstance(document, dict):
        return "", ""
    code, message = document.get("error_code"), document.get("error_msg")
    nested = document.get("error")
    if isinstance(nested, dict):
        code = code or nested.get("code")
        message = message or nested.get("message")
    return str(code or ""), str(message or "")


def error_from_response(response: httpx.Response) -> SwrError:
    """The typed error for a non-2xx response (the body must already be read)."""
    try:
        document = json.loads(response.content) if response.content else None
    except ValueError:
        document = None
    code, message = _error_fields(document)
    if not message:
        message = response.reason_phrase or "request failed"
    request = response.request
    kwargs: dict[str, Any] = {
        "error_code": code,
        "status": response.status_code,
        "request_id": response.headers.get("X-Request-Id"),
        "method": request.method,
        "url": str(request.url),
    }
    cls = error_class(response.status_code, code)
    if cls is RateLimitedError:
        return RateLimitedError(
            message, retry_after=parse_retry_after(response.headers.get("Retry-After")), **kwargs
        )
    return cls(message, **kwargs)


def transport_error(exc: httpx.HTTPError, method: str, url: str) -> TransportError:
    """Wrap an httpx failure; the message names the server (scheme, host and port: a wrong
    endpoint is the usual cause) and the failure type, never headers or the query."""
    cls = TimeoutError if isinstance(exc, httpx.TimeoutException) else TransportError
    detail = str(exc) or type(exc).__name__
    target = httpx.URL(url)
    server = f"{target.scheme}://{target.netloc.decode('ascii')}"
    if isinstance(exc, httpx.ConnectError):
        what = f"cannot connect to {server}"
    elif isinstance(exc, httpx.TimeoutException):
        what = f"no answer in time from {server}"
    else:
        what = f"the request to {server} did not complete"
    return cls(
        f"{what} ({type(exc).__name__}: {detail})",
        error_code="CLIENT.TRANSPORT",
        method=method,
        url=url,
    )
