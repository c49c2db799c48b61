"""Shared accounts (reference 4.4): share a repository with another tenant for pulling.

A share names another tenant by its domain name, grants ``read`` only, and lasts until a
UTC deadline or ``forever``. Only the repository's own tenant manages its shares; while a
share is valid the other tenant's users can read the repository (see
``access.repository(allow_shared=True)``) and find it in the ``thirdparty`` shared list.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from starlette.responses import Response

from swrtui.emulator import access, errors
from swrtui.emulator.backend.repositories import check_description
from swrtui.emulator.fields import optional_str, required_str
from swrtui.emulator.http import Call, created, no_content, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AccessDomain, Namespace, Repository, iso, utcnow

BASE = "/v2/manage/namespaces/{namespace}/repositories/{repository}/access-domains"
PERMITS = ("read",)
FOREVER = "forever"
# "By default, 100 records will be returned."
LIST_LIMIT = 100


def _describe(ns: Namespace, repo: Repository, share: AccessDomain) -> dict[str, Any]:
    return {
        "namespace": ns.name,
        "repository": repo.name,
        "access_domain": share.access_domain,
        "permit": share.permit,
        "deadline": share.deadline,
        "description": share.description,
        "creator_id": share.creator_id,
        "creator_name": share.creator_name,
        "created": iso(share.created),
        "updated": iso(share.updated),
        "status": not share.expired(utcnow()),
    }


def _permit(body: dict[str, Any]) -> str:
    permit = required_str(body, "permit")
    if permit not in PERMITS:
        raise errors.invalid_permission(f"permit must be 'read', got {permit!r}")
    return permit


def _deadline(body: dict[str, Any]) -> str:
    """``forever`` or a future date/time (UTC unless an offset is given), kept as ``iso()``."""
    text = required_str(body, "deadline")
    if text == FOREVER:
        return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise errors.invalid_parameter(
            f"deadline must be 'forever' or a date/time like 2030-10-01T16:00:00Z, got {text!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    if moment <= utcnow():
        raise errors.invalid_parameter(f"deadline must be in the future, got {text!r}")
    try:
        return iso(moment) or text
    except OverflowError:  # e.g. 9999-12-31T23:59:59-01:00 is past year 9999 in UTC
        raise errors.invalid_parameter(f"deadline is out of range, got {text!r}") from None


def _share(call: Call, repo: Repository) -> AccessDomain:
    name = call.params["access_domain"]
    share = repo.access_domains.get(name)
    if share is None:
        raise errors.share_not_found(name)
    return share


async def create_repo_domains(call: Call) -> Response:
    _, repo = access.manageable_repository(call)
    body = call.json_object()
    domain = required_str(body, "access_domain")
    if call.state.domain_by_name(domain) is None:
        raise errors.invalid_domain(f"no account named {domain!r}")
    if domain == call.tenant.name:
        raise errors.invalid_domain("a repository cannot be shared with its own account")
    permit, deadline = _permit(body), _deadline(body)
    description = check_description(optional_str(body, "description"))
    if domain in repo.access_domains:
        raise errors.share_exists(domain)
    now = utcnow()
    repo.access_domains[domain] = AccessDomain(
        access_domain=domain,
        permit=permit,
        deadline=deadline,
        description=description,
        creator_id=call.me.id,
        creator_name=call.me.name,
        created=now,
        updated=now,
    )
    return created()


async def list_repo_domains(call: Call) -> Response:
    ns, repo = access.repository(call)
    shares = sorted(repo.access_domains.values(), key=lambda s: s.access_domain)
    return ok([_describe(ns, repo, share) for share in shares[:LIST_LIMIT]])


async def show_access_domain(call: Call) -> Response:
    ns, repo = access.repository(call)
    share = repo.access_domains.get(call.params["access_domain"])
    if share is None:
        # The service answers 200 with exist=false rather than 404.
        return ok(
            {
                "exist": False,
                "namespace": ns.name,
                "repository": repo.name,
                "access_domain": call.params["access_domain"],
            }
        )
    return ok({"exist": True, **_describe(ns, repo, share)})


async def update_repo_domains(call: Call) -> Response:
    _, repo = access.manageable_repository(call)
    share = _share(call, repo)
    body = call.json_object()
    permit, deadline = _permit(body), _deadline(body)
    if body.get("description") is not None:
        share.description = check_description(optional_str(body, "description"))
    share.permit, share.deadline, share.updated = permit, deadline, utcnow()
    return created()


async def delete_repo_domains(call: Call) -> Response:
    _, repo = access.manageable_repository(call)
    del repo.access_domains[_share(call, repo).access_domain]
    return no_content()


routes = [
    Route("POST", BASE, create_repo_domains),
    Route("GET", BASE, list_repo_domains),
    Route("GET", BASE + "/{access_domain}", show_access_domain),
    Route("PATCH", BASE + "/{access_domain}", update_repo_domains),
    Route("DELETE", BASE + "/{access_domain}", delete_repo_domains),
]
