"""Docker registry credentials for SWR: temporary (from the API) or long-term (computed).

- Temporary: :func:`temporary_login` calls ``POST /v2/manage/utils/secret`` (reference
  4.11.1) through ``client.temporary_login`` and keeps user, password, host and expiry.
- Long-term: :func:`long_term_login` computes, with no call, what SWR's console documents —
  user ``{region}@{AK}``, password the lowercase hex HMAC-SHA256 of the AK keyed with the SK,
  host ``swr.{region}.myhuaweicloud.com``. It only works with a permanent AK/SK.

Passwords are :class:`~swrtui.redaction.Secret` everywhere; :meth:`DockerCredentials.to_json`
is the one place that reveals one, and only when asked to.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from swrtui import clock
from swrtui.client import SwrClient, registry_host
from swrtui.redaction import Secret, reveal
from swrtui.services.errors import BadArgument

TEMPORARY = "temporary"
LONG_TERM = "long-term"


@dataclass(frozen=True)
class DockerCredentials:
    username: str
    password: Secret
    host: str
    expires_at: datetime | None
    kind: str

    def auth(self) -> str:
        """The base64 ``user:password`` docker keeps in ``config.json``."""
        pair = f"{self.username}:{self.password.reveal()}"
        return base64.b64encode(pair.encode("utf-8")).decode("ascii")

    def valid_for(self, now: datetime | None = None) -> float | None:
        """Seconds left before expiry (``None``: does not expire)."""
        if self.expires_at is None:
            return None
        return (self.expires_at - (now or clock.now())).total_seconds()

    def to_json(self, reveal_password: bool = False) -> dict[str, Any]:
        """``{"username", "password", "host", "expires_at"}``; the password masked unless asked."""
        expires = self.expires_at
        return {
            "username": self.username,
            "password": self.password.reveal() if reveal_password else str(self.password),
            "host": self.host,
            "expires_at": expires.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
            if expires
            else None,
        }


async def temporary_login(client: SwrClient, project_name: str | None = None) -> DockerCredentials:
    """A fresh temporary login (valid for hours) from the service."""
    login = await client.temporary_login.create(project_name)
    return DockerCredentials(
        username=login.username,
        password=login.password,
        host=login.registry,
        expires_at=login.expires_at,
        kind=TEMPORARY,
    )


def long_term_password(ak: str, sk: str | Secret) -> Secret:
    """Lowercase hex HMAC-SHA256(key=SK, message=AK): SWR's long-term login key."""
    secret_key = reveal(sk) or ""
    digest = hmac.new(secret_key.encode("utf-8"), ak.encode("utf-8"), hashlib.sha256)
    return Secret(digest.hexdigest())


def long_term_login(
    region: str, ak: str, sk: str | Secret, host: str | None = None
) -> DockerCredentials:
    """The long-term login for ``region`` (``host`` overrides the region's registry)."""
    if not region or not ak or not reveal(sk):
        raise BadArgument("a long-term login needs the region, the AK and the SK")
    return DockerCredentials(
        username=f"{region}@{ak}",
        password=long_term_password(ak, sk),
        host=host or registry_host(region),
        expires_at=None,
        kind=LONG_TERM,
    )
