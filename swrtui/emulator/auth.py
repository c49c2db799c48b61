"""Who is calling: AK/SK signatures, IAM tokens, and the IAM token endpoint itself.

AK/SK requests are checked with :mod:`swrtui.signing` (the same code the client signs with,
itself pinned to the official signer by tests) within a 15-minute clock-skew window.
Temporary AK/SK (users holding a ``security_token``) must also present that token as a
signed ``X-Security-Token``; permanent keys must not send one.
``X-Auth-Token`` values are the tokens this emulator issued on ``POST /v3/auth/tokens``
(password method, project scope, 24 h validity), so token auth can be exercised end to end.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse, Response

from swrtui import signing
from swrtui.emulator import errors, issued
from swrtui.emulator.http import Call
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import Domain, Token, User, iso, utcnow

if TYPE_CHECKING:
    from starlette.requests import Request

    from swrtui.emulator.state.store import EmulatorState

TOKEN_LIFETIME = timedelta(hours=24)


def check_before_body(request: Request, state: EmulatorState) -> None:
    """Refuse a caller without usable credentials before the body is read.

    A signature covers the body, so it is verified only once the body is in; but whether
    credentials are there at all, the Authorization header is well-formed, the access key is
    known and an IAM token is valid needs no body. Checking those first means an
    unauthenticated caller can never make the emulator read (let alone buffer) a body.
    """
    headers = request.headers
    if "authorization" in headers:
        try:
            access_key = signing.parse_authorization(headers["authorization"]).access_key
        except signing.SignatureError as exc:
            raise errors.bad_signature(exc.reason) from None
        if state.user_by_access_key(access_key) is None:
            raise errors.bad_signature("unknown access key")
    elif "x-auth-token" in headers:
        _token_user(state, headers["x-auth-token"])
    else:
        raise errors.no_credentials()


def authenticate(call: Call) -> tuple[User, Domain]:
    headers = call.request.headers
    if "authorization" in headers:
        user = _from_signature(call)
    elif "x-auth-token" in headers:
        user = _token_user(call.state, headers["x-auth-token"])
    else:
        raise errors.no_credentials()
    domain = call.state.domains[user.domain_id]
    project = headers.get("x-project-id")
    if project and project != domain.project_id:
        raise errors.wrong_project(project)
    return user, domain


def _from_signature(call: Call) -> User:
    request = call.request
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    try:
        access_key = signing.verify(
            method=request.method,
            raw_path=raw_path.decode("latin-1"),
            raw_query=request.scope.get("query_string", b"").decode("latin-1"),
            headers=dict(request.headers.items()),
            body=call.body,
            secret_for=call.state.secrets_by_access_key(),
        )
    except signing.SignatureError as exc:
        raise errors.bad_signature(exc.reason) from None
    user = call.state.user_by_access_key(access_key)
    if user is None:  # verify() already refused unknown keys; keeps the type checker honest
        raise errors.bad_signature("unknown access key")
    _check_security_token(user, request.headers)
    return user


def _check_security_token(user: User, headers: Mapping[str, str]) -> None:
    """Temporary AK/SK work only with their own, signed, X-Security-Token; permanent ones without.

    A security token on a permanent key is refused too: IAM would not find the key among
    temporary credentials, and accepting it would hide a client that mixes up credentials.
    """
    presented = headers.get("x-security-token")
    if user.security_token is None:
        if presented is not None:
            raise errors.bad_signature("a security token was sent with a permanent access key")
        return
    if presented is None:
        raise errors.bad_signature("temporary access key used without its security token")
    signed = signing.parse_authorization(headers["authorization"]).signed_headers
    if "x-security-token" not in signed:
        raise errors.bad_signature("header 'x-security-token' must be signed")
    if not secrets.compare_digest(presented.encode(), user.security_token.encode()):
        raise errors.bad_signature("the security token does not belong to this access key")


def _token_user(state: EmulatorState, value: str) -> User:
    token = state.tokens.get(value)
    if token is None or token.expires_at <= utcnow():
        raise errors.bad_token()
    user = state.all_users().get(token.user_id)
    if user is None:
        raise errors.bad_token()
    return user


# --- IAM: POST /v3/auth/tokens -------------------------------------------------------------


def _iam_error(status: int, code: str, message: str) -> Response:
    # IAM's own error shape differs from SWR's: {"error": {"code", "message", "title"}}.
    # The error_code/error_msg pair is added so every client parses it the same way.
    return JSONResponse(
        {
            "error": {"code": status, "message": message, "title": "Unauthorized"},
            "error_code": code,
            "error_msg": message,
        },
        status_code=status,
    )


def _password_identity(body: dict[str, Any]) -> tuple[str, str, str]:
    try:
        identity = body["auth"]["identity"]
        if "password" not in identity.get("methods", []):
            raise KeyError("methods")
        user = identity["password"]["user"]
        return user["name"], user["password"], user["domain"]["name"]
    except (KeyError, TypeError) as exc:
        raise errors.ApiError(
            400, "IAM.0011", f"Request parameter error: missing auth field {exc}"
        ) from None


def _scoped_domain(call: Call, body: dict[str, Any], domain: Domain) -> None:
    scope = body.get("auth", {}).get("scope", {})
    project = scope.get("project") if isinstance(scope, dict) else None
    if not isinstance(project, dict):
        return
    wanted = project.get("id") or project.get("name")
    if wanted and wanted not in (domain.project_id, domain.project_name):
        raise errors.ApiError(400, "IAM.0013", f"The project {wanted} does not exist.")


async def issue_token(call: Call) -> Response:
    body = call.json_object()
    try:
        user_name, password, domain_name = _password_identity(body)
    except errors.ApiError as exc:
        return _iam_error(exc.status, exc.code, exc.message)
    domain = call.state.domain_by_name(domain_name)
    user = domain.user_named(user_name) if domain else None
    if domain is None or user is None or not secrets.compare_digest(user.password, password):
        return _iam_error(401, "IAM.0002", "The username or password is incorrect.")
    try:
        _scoped_domain(call, body, domain)
    except errors.ApiError as exc:
        return _iam_error(exc.status, exc.code, exc.message)
    now = utcnow()
    token = Token(
        value="MIIE" + secrets.token_urlsafe(48),
        user_id=user.id,
        domain_id=domain.id,
        project_id=domain.project_id,
        expires_at=now + TOKEN_LIFETIME,
    )
    call.state.tokens[token.value] = token
    issued.announce("IAM token", token.value)
    document = _token_document(token, user, domain, now)
    return JSONResponse(document, status_code=201, headers={"X-Subject-Token": token.value})


def _token_document(token: Token, user: User, domain: Domain, now: datetime) -> dict[str, Any]:
    """The IAM answer's body for a project-scoped password token."""
    return {
        "token": {
            "expires_at": iso(token.expires_at),
            "issued_at": iso(now),
            "methods": ["password"],
            "project": {
                "id": domain.project_id,
                "name": domain.project_name,
                "domain": {"id": domain.id, "name": domain.name},
            },
            "user": {
                "id": user.id,
                "name": user.name,
                "domain": {"id": domain.id, "name": domain.name},
                "password_expires_at": "",
            },
            "roles": [{"id": "0", "name": "te_admin" if user.is_admin else "op_restricted"}],
            "catalog": [],
        }
    }


routes = [Route("POST", "/v3/auth/tokens", issue_token, authenticated=False)]
