"""The token realm ``/swr/auth/v2/registry/auth/`` and the checks of bearer tokens.

As SWR's: Basic credentials (a temporary login the API issued, valid until its expiry, or
the long-term login) or none (anonymous: pull on public repositories only) buy a bearer
token that carries exactly the actions its scope asked for and the caller holds: pull needs
read (1) on the repository or organization, push edit (3) — on the organization when the
repository does not exist yet, since the first push creates it — and delete what the API's
tag delete needs (edit, 3).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import JSONResponse

from swrtui import names
from swrtui.emulator.backend import docker_logins
from swrtui.emulator.registry.errors import RegistryError, unauthorized
from swrtui.emulator.state.store import (
    AUTH_EDIT,
    AUTH_VIEW,
    EmulatorState,
    RegistryToken,
    User,
    utcnow,
)

REALM_PATH = "/swr/auth/v2/registry/auth/"
SERVICE = "dockyard"
TOKEN_LIFETIME = timedelta(minutes=5)
CATALOG = "registry:catalog"


def realm(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}{REALM_PATH}"


def challenge(request: Request, repository: str | None, actions: str) -> str:
    text = f'Bearer realm="{realm(request)}",service="{SERVICE}"'
    if repository is not None:
        text += f',scope="repository:{repository}:{actions}"'
    return text


def _basic_user(state: EmulatorState, header: str) -> User | None:
    """The caller named by a Basic header; refuses wrong, expired or malformed ones."""
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise RegistryError("UNAUTHORIZED", "malformed Basic credentials") from None
    name, _, password = decoded.partition(":")
    user = docker_logins.check(state, name, password, utcnow())
    if user is None:
        raise RegistryError("UNAUTHORIZED", "incorrect username or password, or expired login")
    return user


def allowed_actions(state: EmulatorState, user: User | None, repository: str) -> set[str]:
    """What ``user`` (None: anonymous) may do on ``org/repo``."""
    org, _, repo_name = repository.partition("/")
    ns = state.namespaces.get(org)
    if ns is None or not repo_name or not names.is_valid_organization(org):
        return set()
    repo = ns.repos.get(repo_name)
    if user is None:
        return {"pull"} if repo is not None and repo.is_public else set()
    if repo is None:
        # Not there yet: the org role decides, so a token fetched before the first push
        # still reads back what that push creates.
        org_role = state.namespace_auth(user, ns)
        reads = {"pull"} if org_role >= AUTH_VIEW else set()
        return reads | ({"push", "delete"} if org_role >= AUTH_EDIT else set())
    role = state.repository_auth(user, ns, repo)
    domain = state.domains.get(user.domain_id)
    shared = domain is not None and repo.access_domains.get(domain.name) is not None
    granted = {"pull"} if role >= AUTH_VIEW or repo.is_public or shared else set()
    if role >= AUTH_EDIT:
        granted |= {"push", "delete"}
    return granted


def _scopes(request: Request) -> list[tuple[str, set[str]]]:
    wanted = []
    for scope in request.query_params.getlist("scope"):
        for part in scope.split(" "):
            kind, _, rest = part.partition(":")
            name, _, actions = rest.rpartition(":")
            if kind in ("repository", "registry") and name:
                wanted.append(
                    (f"{kind}:{name}" if kind == "registry" else name, set(actions.split(",")))
                )
    return wanted


def issue(state: EmulatorState, request: Request) -> JSONResponse:
    header = request.headers.get("authorization", "")
    user = _basic_user(state, header) if header.lower().startswith("basic ") else None
    access: dict[str, set[str]] = {}
    for name, actions in _scopes(request):
        if name == CATALOG:
            granted = {"*"} if user is not None else set()
        else:
            granted = allowed_actions(state, user, name)
        access[name] = actions & granted if "*" not in actions else granted
    value = secrets.token_urlsafe(32)
    now = utcnow()
    state.registry_tokens[value] = RegistryToken(
        user.id if user else None, access, now + TOKEN_LIFETIME
    )
    body = {
        "token": value,
        "access_token": value,
        "expires_in": int(TOKEN_LIFETIME.total_seconds()),
        "issued_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return JSONResponse(body)


def bearer(state: EmulatorState, request: Request) -> RegistryToken | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    token = state.registry_tokens.get(header[7:].strip())
    if token is None or token.expires_at <= utcnow():
        return None
    return token


def require(state: EmulatorState, request: Request, repository: str, action: str) -> RegistryToken:
    """The request's token if it grants ``action`` on ``repository``; else the 401 challenge."""
    token = bearer(state, request)
    if token is None or action not in token.access.get(repository, set()):
        wanted = "pull" if action == "pull" else f"pull,{action}"
        raise unauthorized(challenge(request, repository, wanted))
    return token
