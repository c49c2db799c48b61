"""The docker credential-helper protocol, for ``docker-credential-swr``.

Docker runs ``docker-credential-swr ACTION`` and talks over stdin/stdout:

- ``get``: the server URL on stdin → ``{"ServerURL", "Username", "Secret"}`` on stdout. For
  the profile's registry host this is a temporary login, reused from the cache until shortly
  before it expires and minted fresh otherwise.
- ``store``: ``{"ServerURL", "Username", "Secret"}`` on stdin. Accepted and not kept: the
  credentials are minted from the profile, so a password from ``docker login`` is not needed.
- ``erase``: the server URL on stdin; drops the cached login for it.
- ``list``: ``{ServerURL: Username}`` of the cached logins.

Whenever the helper cannot help (another registry, no credentials, a failed call) it prints
exactly ``credentials not found in native keychain`` on stdout and exits 1 — what docker
treats as "no credentials" — and says why on stderr (redacted).

:func:`handle` is the protocol with the fetching and the cache injected; the console script
in :mod:`swrtui.cli.docker_credential` wires them to the active profile.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from swrtui import clock
from swrtui.services.errors import ServiceError
from swrtui.services.login.credentials import DockerCredentials

NOT_FOUND = "credentials not found in native keychain"
ACTIONS = ("get", "store", "erase", "list")
# A cached login this close to its expiry is replaced: a pull may take minutes.
EXPIRY_MARGIN = timedelta(minutes=10)

Fetch = Callable[[], Awaitable[DockerCredentials]]


class HelperError(ServiceError):
    """Answer docker with ``str(self)`` on stdout and exit 1; ``detail`` goes to stderr."""

    code = "LOGIN.HELPER"
    title = "Credential helper"

    def __init__(self, message: str = NOT_FOUND, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class LoginCache(Protocol):
    def get(self, host: str) -> DockerCredentials | None: ...

    def put(self, host: str, credentials: DockerCredentials) -> None: ...

    def erase(self, host: str) -> None: ...

    def hosts(self) -> Iterable[str]: ...


class MemoryCache:
    """Logins in this process's memory (front ends that live longer than one docker call)."""

    def __init__(self) -> None:
        self._logins: dict[str, DockerCredentials] = {}

    def get(self, host: str) -> DockerCredentials | None:
        return self._logins.get(host)

    def put(self, host: str, credentials: DockerCredentials) -> None:
        self._logins[host] = credentials

    def erase(self, host: str) -> None:
        self._logins.pop(host, None)

    def hosts(self) -> Iterable[str]:
        return list(self._logins)


def normalize_server(server: str) -> str:
    """``https://SWR.example.com/v2/`` → ``swr.example.com`` (host[:port], lower case)."""
    text = server.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    return text.split("/", 1)[0].lower()


def fresh(credentials: DockerCredentials | None, now: datetime) -> bool:
    if credentials is None:
        return False
    left = credentials.valid_for(now)
    return left is None or left > EXPIRY_MARGIN.total_seconds()


@dataclass
class Helper:
    """The protocol for one profile: the registry hosts it serves, how to log in, a cache."""

    hosts: frozenset[str]
    fetch: Fetch
    cache: LoginCache
    now: Callable[[], datetime] = clock.now

    async def get(self, server_url: str) -> dict[str, str]:
        host = normalize_server(server_url)
        if not host or host not in self.hosts:
            raise HelperError(detail=f"{host or 'no server'} is not this profile's registry")
        login = self.cache.get(host)
        if not fresh(login, self.now()):
            try:
                login = await self.fetch()
            except Exception as exc:
                raise HelperError(detail=f"temporary login failed: {exc}") from None
            self.cache.put(host, login)
        assert login is not None
        return {
            "ServerURL": server_url,
            "Username": login.username,
            "Secret": login.password.reveal(),
        }

    async def handle(self, action: str, stdin: str) -> str:
        """The text to print on stdout for ``action``; raises :class:`HelperError`."""
        if action == "get":
            return json.dumps(await self.get(stdin.strip()))
        if action == "store":
            try:
                document = json.loads(stdin)
            except ValueError:
                raise HelperError('store expects {"ServerURL", "Username", "Secret"}') from None
            if not isinstance(document, dict) or "ServerURL" not in document:
                raise HelperError('store expects {"ServerURL", "Username", "Secret"}')
            return ""
        if action == "erase":
            self.cache.erase(normalize_server(stdin))
            return ""
        if action == "list":
            entries = {
                h: login.username for h in self.cache.hosts() if (login := self.cache.get(h))
            }
            return json.dumps(entries)
        raise HelperError(f"unknown action {action!r}: use one of {', '.join(ACTIONS)}")
