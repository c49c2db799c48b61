"""Image (repository) permission management (reference 4.7): grant, revoke, change, show.

Per 4.7.1's constraint, granting (and so changing or revoking) a repository role takes the
Edit role or higher on the organization, or the Manage role on the repository itself;
showing the grants takes any role on the repository. Grants feed
``EmulatorState.repository_auth`` and make the organization visible to the grantee.
"""

from __future__ import annotations

from starlette.responses import Response

from swrtui.emulator import access, errors
from swrtui.emulator.backend import grants
from swrtui.emulator.http import Call, created, no_content, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_EDIT, AUTH_MANAGE, Namespace, Permission, Repository

PATH = "/v2/manage/namespaces/{namespace}/repos/{repository}/access"


def _entries(call: Call) -> list[Permission]:
    return grants.read_user_auths(call.json_list(), call.tenant, call.me, grants.REPOSITORY)


def _holder(repo: Repository) -> grants.Holder:
    return grants.Holder(repo.permissions, repo.creator_id, repo.creator_name)


def _grantable(call: Call) -> tuple[Namespace, Repository]:
    ns, repo = access.repository(call)
    state, me = call.state, call.me
    if (
        state.namespace_auth(me, ns) < AUTH_EDIT
        and state.repository_auth(me, ns, repo) < AUTH_MANAGE
    ):
        raise errors.forbidden(f"grant permissions on the repository {ns.name}/{repo.name}")
    return ns, repo


async def create_user_repository_auth(call: Call) -> Response:
    _, repo = _grantable(call)
    grants.create(_holder(repo), _entries(call), grants.REPOSITORY)
    return created()


async def delete_user_repository_auth(call: Call) -> Response:
    _, repo = _grantable(call)
    grants.delete(_holder(repo), grants.read_user_ids(call.json_list(), call.me), grants.REPOSITORY)
    return no_content()


async def update_user_repository_auth(call: Call) -> Response:
    _, repo = _grantable(call)
    grants.update(_holder(repo), _entries(call), grants.REPOSITORY)
    # 4.7.3 answers 201 on a successful update.
    return created()


async def show_user_repository_auth(call: Call) -> Response:
    ns, repo = access.repository(call)
    # The reference's table calls "name" the organization name (a copy of 4.6.4's table);
    # next to the repository's id, the repository's own name is the consistent reading.
    document = {"id": repo.id, "name": repo.name}
    document.update(
        grants.describe(call.me, _holder(repo), call.state.repository_auth(call.me, ns, repo))
    )
    return ok(document)


routes = [
    Route("POST", PATH, create_user_repository_auth),
    Route("DELETE", PATH, delete_user_repository_auth),
    Route("PATCH", PATH, update_user_repository_auth),
    Route("GET", PATH, show_user_repository_auth),
]
