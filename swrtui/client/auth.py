"""How requests prove who sends them, as ``httpx.Auth`` flows.

- :class:`AkSkAuth` signs each request with SDK-HMAC-SHA256 (:mod:`swrtui.signing`), exactly
  as ``huaweicloudsdkcore`` does; ``security_token`` adds ``X-Security-Token`` for temporary
  credentials.
- :class:`TokenAuth` sends a token the caller already has as ``X-Auth-Token``.
- :class:`PasswordTokenAuth` gets a project-scoped token from IAM (``POST /v3/auth/tokens``),
  caches it until shortly before it expires, and on a 401 refreshes once and replays the
  request. Concurrent requests share one refresh: a generation counter tells a request that
  waited on the lock whether someone else already refreshed the token it failed with.

Secrets are held as :class:`swrtui.redaction.Secret`; no ``repr`` or ``str`` shows them.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator, Generator

import httpx

from swrtui import clock, signing
from swrtui.client.errors import AuthError, error_from_response
from swrtui.client.models._parse import parse_time
from swrtui.redaction import Secret

# The headers the official SDK signs (Host is added by httpx when the request is built).
SIGNED_HEADERS = ("Host", "Content-Type", "User-Agent", "X-Project-Id", "X-Security-Token")
_SIGNED_LOWER = frozenset(name.lower() for name in SIGNED_HEADERS)


class AkSkAuth(httpx.Auth):
    """Access key / secret key signing; the signature is computed over the wire bytes."""

    def __init__(
        self,
        ak: str,
        sk: str | Secret,
        security_token: str | Secret | None = None,
        project_id: str | None = None,
    ) -> None:
        if not ak or not sk:
            raise ValueError("both an access key and a secret key are required")
        self.ak = ak
        self.sk = Secret(sk)
        self.security_token = Secret(security_token) if security_token else None
        self.project_id = project_id

    def __repr__(self) -> str:
        temporary = ", temporary" if self.security_token else ""
        return f"AkSkAuth(ak={self.ak!r}, sk=Secret('********'){temporary})"

    __str__ = __repr__

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request, sdk_date: str | None = None) -> None:
        """Add ``X-Sdk-Date`` and ``Authorization`` (and the project/token headers)."""
        if self.project_id:
            request.headers["X-Project-Id"] = self.project_id
        if self.security_token:
            request.headers["X-Security-Token"] = self.security_token.reveal()
        # Sign what goes on the wire: the already percent-encoded path and the query string
        # the client built in canonical form.
        raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
        # One pass over the headers (names come lower-cased; signing lower-cases them anyway).
        headers = {
            name: value for name, value in request.headers.items() if name in _SIGNED_LOWER
        }
        request.headers.update(
            signing.sign(
                access_key=self.ak,
                secret_key=self.sk.reveal(),
                method=request.method,
                raw_path=raw_path,
                query=signing.query_items(raw_query),
                headers=headers,
                body=request.content,
                sdk_date=sdk_date,
            )
        )


class TokenAuth(httpx.Auth):
    """An IAM token the caller already holds."""

    def __init__(self, token: str | Secret, project_id: str | None = None) -> None:
        if not token:
            raise ValueError("a token is required")
        self.token = Secret(token)
        self.project_id = project_id

    def __repr__(self) -> str:
        return "TokenAuth(token=Secret('********'))"

    __str__ = __repr__

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Auth-Token"] = self.token.reveal()
        if self.project_id:
            request.headers["X-Project-Id"] = self.project_id
        yield request


async def _read(response: httpx.Response) -> httpx.Response:
    await response.aread()
    return response


class PasswordTokenAuth(httpx.Auth):
    """IAM password login → project-scoped token, cached and refreshed on expiry or 401.

    The token request travels through the same client (and so the same transport, TLS
    settings and timeouts) as the request that needed it.
    """

    def __init__(
        self,
        iam_endpoint: str,
        domain: str,
        user: str,
        password: str | Secret,
        *,
        project_id: str | None = None,
        project_name: str | None = None,
        refresh_margin: float = 300.0,
    ) -> None:
        if not (project_id or project_name):
            raise ValueError("a project id or a project name is required for a scoped token")
        self.token_url = iam_endpoint.rstrip("/") + "/v3/auth/tokens"
        self.domain = domain
        self.user = user
        self.password = Secret(password)
        self.project_id = project_id
        self.project_name = project_name
        self.refresh_margin = refresh_margin
        self._token: Secret | None = None
        self._valid_until = 0.0  # time.monotonic() deadline, margin already subtracted
        self._generation = 0
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return (
            f"PasswordTokenAuth(domain={self.domain!r}, user={self.user!r}, "
            f"password=Secret('********'), project={self.project_id or self.project_name!r})"
        )

    __str__ = __repr__

    @property
    def generation(self) -> int:
        """How many tokens have been obtained so far."""
        return self._generation

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        raise RuntimeError("PasswordTokenAuth works with httpx.AsyncClient only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        # Overriding async_auth_flow means reading response bodies ourselves.
        if not self._fresh():
            async with self._lock:
                if not self._fresh():
                    self._accept(await _read((yield self._token_request())))
        used = self._generation
        response = yield self._with_token(request)
        if response.status_code != 401:
            return
        async with self._lock:
            if self._generation == used:  # nobody refreshed since our token was refused
                self._accept(await _read((yield self._token_request())))
        yield self._with_token(request)

    def _fresh(self) -> bool:
        return self._token is not None and time.monotonic() < self._valid_until

    def _with_token(self, request: httpx.Request) -> httpx.Request:
        assert self._token is not None
        request.headers["X-Auth-Token"] = self._token.reveal()
        return request

    def _token_request(self) -> httpx.Request:
        project = {"id": self.project_id} if self.project_id else {"name": self.project_name}
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": self.user,
                            "password": self.password.reveal(),
                            "domain": {"name": self.domain},
                        }
                    },
                },
                "scope": {"project": project},
            }
        }
        return httpx.Request(
            "POST",
            self.token_url,
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )

    def _accept(self, response: httpx.Response) -> None:
        if not response.is_success:
            raise error_from_response(response)
        token = response.headers.get("X-Subject-Token")
        if not token:
            raise AuthError(
                "IAM answered without an X-Subject-Token header",
                status=response.status_code,
                method="POST",
                url=self.token_url,
            )
        self._token = Secret(token)
        lifetime = self._lifetime(response)
        # A short-lived token must still be used for a while, not refreshed on every call.
        self._valid_until = time.monotonic() + lifetime - min(self.refresh_margin, lifetime / 2)
        self._generation += 1

    @staticmethod
    def _lifetime(response: httpx.Response) -> float:
        """Seconds until ``token.expires_at``; IAM's documented 24 h when it is missing."""
        try:
            expires = parse_time(response.json()["token"]["expires_at"])
        except (ValueError, KeyError, TypeError):
            expires = None
        if expires is None:
            return 24 * 3600.0
        return (expires - clock.now()).total_seconds()
