"""``SwrClient``: one ``httpx.AsyncClient``, one request path, the API areas as attributes.

Every call goes through :meth:`SwrClient.request`: it builds the URL the way the official
SDK does (:mod:`swrtui.client.urls`), holds one slot of a client-wide semaphore while the
request is in flight (so fan-outs never exceed ``max_concurrency``), retries per
:class:`~swrtui.client.retry.RetryPolicy` (sleeping outside the semaphore), and turns every
failure into a :mod:`swrtui.client.errors` exception.

Read-only is decided here, once, below every front end: ``SwrClient(read_only=True)``
refuses every request that is not a GET or HEAD before sending it
(:class:`~swrtui.client.errors.ReadOnlyError`), so no command, cleanup run, resume or helper
can go around it. The exceptions are the docker login calls (:data:`READ_ONLY_ALLOWED`):
POSTs that change nothing in the registry, which a read-only user still needs to pull.

A call slower than ``slow_after`` seconds is reported to ``on_slow_request``
(:mod:`swrtui.client.slow`): each front end renders it its own way.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx
import orjson

from swrtui import __version__
from swrtui.client import errors, validation
from swrtui.client.endpoints.api_versions import ApiVersions
from swrtui.client.endpoints.image_permissions import ImagePermissions
from swrtui.client.endpoints.org_permissions import OrgPermissions
from swrtui.client.endpoints.organizations import Organizations
from swrtui.client.endpoints.quotas import Quotas
from swrtui.client.endpoints.reports import Reports
from swrtui.client.endpoints.repositories import Repositories
from swrtui.client.endpoints.retention import RetentionPolicies
from swrtui.client.endpoints.shared_accounts import SharedAccounts
from swrtui.client.endpoints.sync import Sync
from swrtui.client.endpoints.tags import Tags
from swrtui.client.endpoints.temporary_login import TemporaryLogin
from swrtui.client.endpoints.triggers import Triggers
from swrtui.client.pagination import ContentRange, gather_limited, parse_content_range
from swrtui.client.regions import DEFAULT_REGION, api_endpoint, registry_for
from swrtui.client.retry import Attempts, RetryPolicy
from swrtui.client.slow import DEFAULT_SLOW_AFTER, SlowRequestHandler, watched
from swrtui.client.urls import QueryValue, build_path, encode_query

DEFAULT_USER_AGENT = f"swrtui/{__version__} httpx/{httpx.__version__}"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# (method, path template) pairs that a read-only client still sends: they change nothing.
READ_ONLY_ALLOWED = frozenset(
    {("POST", "/v2/manage/utils/secret"), ("POST", "/v2/manage/utils/authorizationtoken")}
)

T = TypeVar("T")
R = TypeVar("R")


class SwrClient:
    """The async SWR client. Use as ``async with SwrClient(auth=...) as client: ...``."""

    def __init__(
        self,
        endpoint: str | None = None,
        *,
        region: str = DEFAULT_REGION,
        auth: httpx.Auth,
        project_id: str | None = None,
        registry: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        verify: bool | str | ssl.SSLContext = True,
        max_concurrency: int = 16,
        retries: int = RetryPolicy.retries,
        backoff: float = RetryPolicy.backoff,
        user_agent: str = DEFAULT_USER_AGENT,
        read_only: bool = False,
        project_id_hint: str = "give SwrClient(project_id=...)",
    ) -> None:
        # Long by design: the one place that turns every knob into the HTTP client, the retry
        # policy and the concurrency limit, and that names each API area.
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.endpoint = (endpoint or api_endpoint(region)).rstrip("/")
        self.region = region
        self.registry = registry or registry_for(self.endpoint, region)
        # The registry client reaches the registry the same way (the in-process emulator).
        self.transport = transport
        self.project_id = project_id or getattr(auth, "project_id", None)
        # Where a user gives the project ID, for the error when a call needs it and it is missing.
        self.project_id_hint = project_id_hint
        self.max_concurrency = max_concurrency
        self.read_only = read_only
        self.retry = RetryPolicy(retries=retries, backoff=backoff)
        headers = {"Content-Type": "application/json", "User-Agent": user_agent}
        if project_id:
            headers["X-Project-Id"] = project_id
        if isinstance(verify, str):  # a CA bundle path
            verify = ssl.create_default_context(cafile=verify)
        self._http = httpx.AsyncClient(
            auth=auth, transport=transport, timeout=timeout, verify=verify, headers=headers
        )
        self._slots = asyncio.Semaphore(max_concurrency)
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        # Set by the front end that shows long waits (None: nobody is told).
        self.on_slow_request: SlowRequestHandler | None = None
        self.slow_after = DEFAULT_SLOW_AFTER
        # The API areas; a new area is one import above and one line here.
        self.organizations = Organizations(self)
        self.repositories = Repositories(self)
        self.tags = Tags(self)
        self.shared_accounts = SharedAccounts(self)
        self.api_versions = ApiVersions(self)
        self.temporary_login = TemporaryLogin(self)
        self.quotas = Quotas(self)
        self.reports = Reports(self)
        self.org_permissions = OrgPermissions(self)
        self.image_permissions = ImagePermissions(self)
        self.triggers = Triggers(self)
        self.retention = RetentionPolicies(self)
        self.sync = Sync(self)

    def require_project_id(self) -> str:
        """The project ID project-scoped calls need, or MissingProjectId saying where to give it."""
        return validation.project_id(self.project_id, self.project_id_hint)

    def __repr__(self) -> str:
        return f"SwrClient({self.endpoint!r}, auth={self._http.auth!r})"

    async def __aenter__(self) -> SwrClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    def url(
        self,
        path: str,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, QueryValue] | None = None,
    ) -> str:
        """The full URL of a call: encoded path, canonical query."""
        encoded_query = encode_query(query)
        full = self.endpoint + build_path(path, path_params)
        return f"{full}?{encoded_query}" if encoded_query else full

    async def request(
        self,
        method: str,
        path: str,
        path_params: Mapping[str, object] | None = None,
        *,
        query: Mapping[str, QueryValue] | None = None,
        json_body: Any = None,
    ) -> httpx.Response:
        """Send one API call (with retries); return the 2xx response or raise ``SwrError``.

        A DELETE answered 404 after an earlier attempt may have succeeded is returned as is:
        the resource is gone either way.
        """
        method = method.upper()
        url = self.url(path, path_params, query)
        gated = method not in SAFE_METHODS and (method, path) not in READ_ONLY_ALLOWED
        if self.read_only and gated:
            raise errors.ReadOnlyError(method, url)
        content = None if json_body is None else json.dumps(json_body).encode("utf-8")
        path_shown = build_path(path, path_params)
        async with watched(method, path_shown, self.on_slow_request, self.slow_after):
            return await self._with_retries(method, url, content)

    async def _with_retries(self, method: str, url: str, content: bytes | None) -> httpx.Response:
        attempts = self.retry.start(method)
        while True:
            try:
                response = await self._send_once(method, url, content)
            except httpx.HTTPError as exc:
                wait = attempts.after_exception(exc)
                if wait is None:
                    raise _given_up(errors.transport_error(exc, method, url), attempts) from exc
                await self._sleep(wait)
                continue
            if response.is_success or (
                method == "DELETE" and response.status_code == 404 and attempts.retried > 0
            ):
                return response
            error = errors.error_from_response(response)
            wait = attempts.after_status(response.status_code, response.headers.get("Retry-After"))
            if wait is None:
                raise _given_up(error, attempts)
            await self._sleep(wait)

    async def _send_once(self, method: str, url: str, content: bytes | None) -> httpx.Response:
        async with self._slots:
            # Built per attempt so that the auth flow signs each attempt with a fresh date.
            request = self._http.build_request(method, url, content=content)
            try:
                return await self._http.send(request)
            except ConnectionError as exc:
                # Socket transports wrap a dropped connection in httpx errors; an in-process
                # ASGI transport lets the app's ConnectionResetError through as is.
                raise httpx.RemoteProtocolError(str(exc), request=request) from exc

    async def get_json(
        self,
        path: str,
        path_params: Mapping[str, object] | None = None,
        *,
        query: Mapping[str, QueryValue] | None = None,
    ) -> Any:
        return decode_json(await self.request("GET", path, path_params, query=query))

    async def request_json(
        self,
        method: str,
        path: str,
        path_params: Mapping[str, object] | None = None,
        *,
        query: Mapping[str, QueryValue] | None = None,
        json_body: Any = None,
    ) -> tuple[Any, httpx.Response]:
        """A call of any method whose answer is JSON: the decoded body and the response."""
        response = await self.request(method, path, path_params, query=query, json_body=json_body)
        return decode_json(response), response

    async def get_page(
        self,
        path: str,
        path_params: Mapping[str, object] | None = None,
        *,
        query: Mapping[str, QueryValue] | None = None,
    ) -> tuple[list[Any], ContentRange | None]:
        """A GET whose body is a bare JSON array, with its ``Content-Range``."""
        response = await self.request("GET", path, path_params, query=query)
        return array_body(response), page_range(response)

    async def get_typed_page(
        self,
        path: str,
        path_params: Mapping[str, object] | None = None,
        *,
        query: Mapping[str, QueryValue] | None = None,
        decode: Callable[[bytes], list[R] | None],
        build: Callable[[Any], R],
    ) -> tuple[list[R], ContentRange | None]:
        """A list answer decoded straight into models by ``decode``; when it declines
        (``None``: not an array it can read), the general decoder decides and ``build``
        makes each item."""
        response = await self.request("GET", path, path_params, query=query)
        items = decode(response.content)
        if items is None:
            items = [build(item) for item in array_body(response)]
        return items, page_range(response)

    async def gather(
        self, fn: Callable[[T], Awaitable[R]], items: Iterable[T] | AsyncIterable[T]
    ) -> list[R]:
        """Run ``fn`` over ``items`` concurrently under this client's concurrency limit
        (an async iterable's items as they arrive)."""
        return await gather_limited(fn, items, limit=self.max_concurrency)


def decode_json(response: httpx.Response) -> Any:
    """The JSON body of a success response (``None`` when empty)."""
    content = response.content
    if not content.strip():
        return None
    try:
        # orjson decodes a 100-tag page (136 kB) in 0.1 ms where json takes 0.34 ms; json
        # still decides what orjson refuses (NaN, lone surrogates, UTF-16 bodies). Unlike
        # json, orjson reads integers beyond 64 bits as floats: no SWR field comes near.
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(content)
    except ValueError:
        raise _bad_body(response, "JSON") from None


def array_body(response: httpx.Response) -> list[Any]:
    """The body of a success response that must be a JSON array."""
    document = decode_json(response)
    if not isinstance(document, list):
        raise _bad_body(response, "a JSON array")
    return document


def page_range(response: httpx.Response) -> ContentRange | None:
    """The paging hint of a list answer (``None`` when absent or malformed)."""
    return parse_content_range(response.headers.get("Content-Range"))


def _given_up(error: errors.SwrError, attempts: Attempts) -> errors.SwrError:
    """The last attempt's error (naming the request and the server's code), noting retries."""
    if attempts.retried:
        error.add_note(
            f"gave up after {attempts.retried + 1} attempts ({attempts.throttled} throttled)"
        )
    return error


def _bad_body(response: httpx.Response, wanted: str) -> errors.ServerError:
    return errors.ServerError(
        f"the response body is not {wanted}",
        error_code="CLIENT.BAD_RESPONSE",
        status=response.status_code,
        request_id=response.headers.get("X-Request-Id"),
        method=response.request.method,
        url=str(response.request.url),
    )
