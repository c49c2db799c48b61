"""Resolve the project, organization and repository a request names; enforce the caller's role.

Order of checks, as the service does it: the name is valid (400), the thing exists and the
caller can see it (404 — other tenants' organizations are indistinguishable from missing
ones), the caller's role is high enough (403). Shared by every handler, so no handler needs
another's helpers.
"""

from __future__ import annotations

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.http import Call
from swrtui.emulator.state.store import (
    AUTH_EDIT,
    AUTH_MANAGE,
    AUTH_VIEW,
    Domain,
    Namespace,
    Repository,
    utcnow,
)

ROLE_NAMES = {1: "view", 3: "edit", 7: "manage"}


def namespace(call: Call, min_auth: int = 1, param: str = "namespace") -> Namespace:
    name = call.params[param]
    if not names.is_valid_organization(name):
        raise errors.invalid_org_name(name)
    ns = call.state.namespaces.get(name)
    if ns is None or not call.state.namespace_visible(call.me, ns):
        raise errors.org_not_found(name)
    if call.state.namespace_auth(call.me, ns) < min_auth:
        raise errors.forbidden(f"{ROLE_NAMES.get(min_auth, min_auth)} the organization {name}")
    return ns


def repository(
    call: Call, min_auth: int = 1, param: str = "repository", allow_shared: bool = False
) -> tuple[Namespace, Repository]:
    """``allow_shared``: a valid share to the caller's tenant grants read-only access."""
    ns_name = call.params["namespace"]
    if not names.is_valid_organization(ns_name):
        raise errors.invalid_org_name(ns_name)
    raw = call.params[param]
    if not names.is_valid_repository(raw):
        raise errors.invalid_repo_name(raw)
    repo_name = names.unescape_repository(raw)
    ns = call.state.namespaces.get(ns_name)
    repo = ns.repos.get(repo_name) if ns is not None else None
    shared = (
        allow_shared
        and min_auth <= AUTH_VIEW
        and repo is not None
        and shared_with(repo, call.tenant.name)
    )
    if ns is None or not (shared or call.state.namespace_visible(call.me, ns)):
        raise errors.org_not_found(ns_name)
    if repo is None or not (shared or call.state.repository_auth(call.me, ns, repo)):
        raise errors.repo_not_found(ns_name, repo_name)
    if not shared and call.state.repository_auth(call.me, ns, repo) < min_auth:
        raise errors.forbidden(
            f"{ROLE_NAMES.get(min_auth, min_auth)} the repository {ns_name}/{repo_name}"
        )
    return ns, repo


def manageable_repository(call: Call) -> tuple[Namespace, Repository]:
    """A repository the caller may delete or share: role 7 on it, or at least 3 on its org."""
    ns, repo = repository(call)
    state = call.state
    if state.namespace_auth(call.me, ns) < AUTH_EDIT and (
        state.repository_auth(call.me, ns, repo) < AUTH_MANAGE
    ):
        raise errors.forbidden(f"manage the repository {ns.name}/{repo.name}")
    return ns, repo


def own_project(call: Call) -> Domain:
    """The caller's tenant, after checking the ``project_id`` path parameter names it.

    Another project is the service's cross-account refusal (401 ``SVCSTG.SWR.4011064``),
    the same answer as a mismatching ``X-Project-Id`` header.
    """
    project = call.params["project_id"]
    if project != call.tenant.project_id:
        raise errors.wrong_project(project)
    return call.tenant


def shared_with(repo: Repository, domain_name: str) -> bool:
    """Whether ``repo`` is shared, unexpired, with the tenant called ``domain_name``."""
    grant = repo.access_domains.get(domain_name)
    return grant is not None and not grant.expired(utcnow())


def repo_path(host: str, ns: Namespace, repo: Repository) -> str:
    return f"{host}/{ns.name}/{repo.name}"


def registry_host(call: Call) -> str:
    return f"swr.{call.state.region}.myhuaweicloud.com"


def login_registry_host(call: Call) -> str:
    """Where ``docker login`` should go: the emulator's own host:port (it serves the
    registry on the same port as the API, as SWR's one registry host), unless the caller
    addressed it by a bare host name (the in-process demo, which no docker can reach, or
    an SWR API host name), which maps to SWR's registry host."""
    host = call.request.headers.get("host", "")
    if ":" not in host:
        return registry_host(call)
    return host


def internal_registry_host(call: Call) -> str:
    # The service reports an address inside the region's VPC; any fixed one will do here.
    return "10.125.0.198:20202"
