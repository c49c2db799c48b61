"""The registry's token dance: a 401 challenge → the token realm → a bearer token per scope.

The registry answers ``401`` with ``WWW-Authenticate: Bearer realm="...",service="...",
scope="repository:org/repo:pull"``. :class:`TokenCache` asks the realm for a token with Basic
credentials from an injected async callable (the services hand it the login service's
temporary login; ``None`` means anonymous), keeps the token per scope until shortly before
it expires, and never sends the credentials anywhere but the realm the registry named.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from swrtui import clock
from swrtui.redaction import Secret
from swrtui.registry.errors import RegistryProtocolError, RegistryUnreachable, from_response

# ``(username, password)`` for the realm, or None to ask anonymously.
Credentials = Callable[[], Awaitable[tuple[str, Secret] | None]]

# The distribution spec's default when the realm does not say how long a token lives.
DEFAULT_TOKEN_LIFETIME = timedelta(seconds=60)
# A token this close to its expiry is fetched again: the request may take a moment.
TOKEN_MARGIN = timedelta(seconds=10)
_PARAM = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Challenge:
    realm: str
    service: str
    scope: str


def parse_challenge(header: str) -> Challenge | None:
    """A ``Bearer`` challenge's parameters; None for any other scheme."""
    scheme, _, params = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    values = dict(_PARAM.findall(params))
    if not values.get("realm"):
        return None
    return Challenge(values["realm"], values.get("service", ""), values.get("scope", ""))


@dataclass
class _Token:
    value: str
    expires_at: datetime


class TokenCache:
    """Bearer tokens per scope, fetched from the realm a challenge names."""

    def __init__(self, http: httpx.AsyncClient, credentials: Credentials, registry: str) -> None:
        self._http = http
        self._credentials = credentials
        self._registry = urlsplit(registry)
        self._tokens: dict[str, _Token] = {}
        self.fetched = 0

    def cached(self, scope: str) -> str | None:
        token = self._tokens.get(scope)
        if token is None or token.expires_at - TOKEN_MARGIN <= clock.now():
            return None
        return token.value

    def forget(self, scope: str) -> None:
        self._tokens.pop(scope, None)

    async def fetch(self, challenge: Challenge, scope: str) -> str:
        """A fresh token for ``scope`` (the challenge's own scope when it names one)."""
        self._check_realm(challenge.realm)
        params = {"service": challenge.service, "scope": challenge.scope or scope}
        login = await self._credentials()
        auth = (login[0], login[1].reveal()) if login is not None else None
        try:
            answer = await self._http.get(challenge.realm, params=params, auth=auth)
        except httpx.HTTPError as exc:
            raise RegistryUnreachable(f"token realm: {type(exc).__name__}") from None
        self.fetched += 1
        if answer.status_code != 200:
            raise from_response(answer)
        value, lifetime = _token_of(answer)
        self._tokens[scope] = _Token(value, clock.now() + lifetime)
        return value

    def _check_realm(self, realm: str) -> None:
        # Credentials go over TLS whenever the registry itself is reached over TLS.
        parts = urlsplit(realm)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RegistryProtocolError(f"the token realm {realm!r} is not a URL")
        if self._registry.scheme == "https" and parts.scheme != "https":
            raise RegistryProtocolError(f"the token realm {realm!r} would get credentials in clear")


def _token_of(answer: httpx.Response) -> tuple[str, timedelta]:
    try:
        document = answer.json()
        value = document.get("token") or document.get("access_token")
        expires_in = document.get("expires_in")
    except (ValueError, AttributeError):
        raise RegistryProtocolError("the token realm answered no JSON object") from None
    if not isinstance(value, str) or not value:
        raise RegistryProtocolError("the token realm answered no token")
    if isinstance(expires_in, int) and not isinstance(expires_in, bool) and expires_in > 0:
        return value, timedelta(seconds=expires_in)
    return value, DEFAULT_TOKEN_LIFETIME
