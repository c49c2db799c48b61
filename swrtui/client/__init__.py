"""swrtui.client: the async SWR client shared by the TUI, the REPL and the services.

Usage::

    async with SwrClient(auth=AkSkAuth(ak, sk, project_id=pid), region="cn-north-4") as swr:
        for org in await swr.organizations.list():
            async for tag in swr.tags.iter_all(org.name, "app"):
                ...

Pass ``transport=httpx.ASGITransport(emulator_app)`` to talk to the in-process emulator.

Layout: ``core`` (SwrClient: the one request path, retries, concurrency limit), ``auth``
(httpx.Auth flows), ``errors`` (exception tree), ``urls`` (wire encoding), ``retry``,
``pagination`` (Content-Range paging, bounded fan-out), ``validation`` (name and argument
checks before any request), ``regions``, and per API area ``models/<area>.py`` and
``endpoints/<area>.py``. Imports only :mod:`swrtui.signing`, :mod:`swrtui.names` and
:mod:`swrtui.redaction`.

Adding an API area (name it exactly as in ARCHITECTURE.md, e.g. ``triggers``):

1. ``models/<area>.py``: frozen dataclasses with ``from_api(document)`` classmethods built
   only from the readers in ``models/_parse.py`` (they tolerate nulls, both spellings of a
   field, extra fields and every wire time format). Parse times to aware datetimes.
2. ``endpoints/<area>.py``: ``class <Area>(Area)`` with async methods. Check every name and
   enum argument with ``validation`` first (``validation.repository_params(org, repo)`` gives
   the validated, ``$``-escaped path parameters; ``validation.ordering`` the order query), then
   call ``self._client.request(method, PATH_TEMPLATE, {path params}, query=..., json_body=...)``
   or the helpers ``get_json`` / ``get_page`` (bare JSON array + Content-Range). Never encode
   paths or queries by hand; ``None`` query values are dropped, filters come from
   ``urls.filter_param``. Return models, or ``None`` for calls without a response body.
   Methods that list use ``pagination.iter_pages`` for an ``iter_all`` variant. Annotate
   ``list`` return types as ``builtins.list[...]`` (the method named ``list`` shadows it).
3. ``core.py``: import the class and add ``self.<area> = <Area>(self)`` in ``SwrClient.__init__``.
4. ``tests/client/test_<area>.py``: in-process against the emulator (``swr`` fixture), asserting
   parsed values, plus the error cases (status and error class) and a validation case.
"""

from __future__ import annotations

from swrtui.client.auth import AkSkAuth, PasswordTokenAuth, TokenAuth
from swrtui.client.core import SwrClient
from swrtui.client.errors import (
    AuthError,
    ConflictError,
    MissingProjectId,
    NotEmptyError,
    NotFoundError,
    PermissionDeniedError,
    QuotaError,
    RateLimitedError,
    ReadOnlyError,
    ServerError,
    SwrError,
    TimeoutError,
    TooLargeError,
    TransportError,
    ValidationError,
    error_from_response,
)
from swrtui.client.pagination import ContentRange, gather_limited, parse_content_range
from swrtui.client.regions import (
    DEFAULT_REGION,
    api_endpoint,
    iam_endpoint,
    image_reference,
    registry_for,
    registry_host,
)
from swrtui.client.slow import SlowRequest, SlowRequestHandler

__all__ = [
    "DEFAULT_REGION",
    "AkSkAuth",
    "AuthError",
    "ConflictError",
    "ContentRange",
    "MissingProjectId",
    "NotEmptyError",
    "NotFoundError",
    "PasswordTokenAuth",
    "PermissionDeniedError",
    "QuotaError",
    "RateLimitedError",
    "ReadOnlyError",
    "ServerError",
    "SlowRequest",
    "SlowRequestHandler",
    "SwrClient",
    "SwrError",
    "TimeoutError",
    "TokenAuth",
    "TooLargeError",
    "TransportError",
    "ValidationError",
    "api_endpoint",
    "error_from_response",
    "gather_limited",
    "iam_endpoint",
    "image_reference",
    "parse_content_range",
    "registry_for",
    "registry_host",
]
