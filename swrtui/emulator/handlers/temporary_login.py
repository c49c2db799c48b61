"""Temporary login commands (reference 4.11.1) and the SDK's "enhanced" variant.

``POST /v2/manage/utils/secret`` answers a docker ``config.json``-style ``auths`` entry for
the region's registry, the ready ``docker login`` command in ``X-Swr-Dockerlogin`` and the
expiry in ``X-Swr-Expireat``. The user name is ``{project name}@{temporary key id}``; key
id and password are fresh random values on every call. The command is valid for 6 hours
(the user guide: "A temporary login command is valid for 6 hours").

``POST /v2/manage/utils/authorizationtoken`` (SDK ``create_authorization_token``, not in the
reference) answers the same shape with the user ``bearertoken@{key id}`` as in the online
documentation's example, the lower-case ``x-swr-expireat`` header the SDK reads, and a
24-hour validity (a guess: the documentation gives no duration).

``projectname``, when given, must be the caller's project (its name, or its id); any other
value is a 400 ``SVCSTG.SWR.4001025``. Any user of the tenant may ask: push and pull rights
are checked by the registry per organization, not here.
"""

from __future__ import annotations

import base64
import secrets
import string
from datetime import datetime, timedelta

from starlette.responses import Response

from swrtui import clock
from swrtui.emulator import access, errors, issued
from swrtui.emulator.backend import docker_logins
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route

SECRET_LIFETIME = timedelta(hours=6)
BEARER_LIFETIME = timedelta(hours=24)
_KEY_ALPHABET = string.ascii_uppercase + string.digits


def _temporary_key_id() -> str:
    # Shaped like an access key id: 20 upper-case letters and digits.
    return "".join(secrets.choice(_KEY_ALPHABET) for _ in range(20))


def _login_response(call: Call, user: str, expires: datetime, stamp: str, header: str) -> Response:
    host = access.login_registry_host(call)
    password = secrets.token_hex(32)
    # The emulator's registry accepts this login until it expires (only a hash is kept).
    docker_logins.issue(call.state, call.me, user, password, expires)
    auth = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    issued.announce("temporary-login password", password)
    issued.announce("temporary-login auth", auth)
    return ok(
        {"auths": {host: {"auth": auth}}},
        headers={
            "X-Swr-Dockerlogin": f"docker login -u {user} -p {password} {host}",
            header: stamp,
        },
    )


def _now() -> datetime:
    # Sub-second precision, as the service's expiry stamps have.
    return clock.now()


def _micros(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _millis(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


async def create_secret(call: Call) -> Response:
    project = call.query("projectname")
    tenant = call.tenant
    if project is not None and project not in (tenant.project_name, tenant.project_id):
        raise errors.invalid_parameter(f"projectname {project!r} is not a project of your account")
    user = f"{tenant.project_name}@{_temporary_key_id()}"
    expires = _now() + SECRET_LIFETIME
    return _login_response(call, user, expires, _micros(expires), "X-Swr-Expireat")


async def create_authorization_token(call: Call) -> Response:
    user = f"bearertoken@{_temporary_key_id()}"
    expires = _now() + BEARER_LIFETIME
    return _login_response(call, user, expires, _millis(expires), "x-swr-expireat")


routes = [
    Route("POST", "/v2/manage/utils/secret", create_secret),
    Route("POST", "/v2/manage/utils/authorizationtoken", create_authorization_token),
]
