"""Temporary login commands (reference 4.11.1) and authorization tokens: ``client.temporary_login``.

Both are POSTs without a body whose answer is partly in headers, so they go through
``request_json`` and hand body and headers to :meth:`LoginCredentials.from_api`.
"""

from __future__ import annotations

import httpx

from swrtui.client import errors, validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models._parse import mapping
from swrtui.client.models.temporary_login import LoginCredentials

SECRET = "/v2/manage/utils/secret"
AUTHORIZATION_TOKEN = "/v2/manage/utils/authorizationtoken"


def _login(document: object, response: httpx.Response) -> LoginCredentials:
    login = LoginCredentials.from_api(mapping(document), response.headers)
    if login is None:
        # Say what was missing, never what was there: the body and headers hold a password.
        raise errors.ServerError(
            "the response holds no usable docker login (X-Swr-Dockerlogin or auths)",
            error_code="CLIENT.BAD_RESPONSE",
            status=response.status_code,
            request_id=response.headers.get("X-Request-Id"),
            method=response.request.method,
            url=str(response.request.url),
        )
    return login


class TemporaryLogin(Area):
    async def create(self, project_name: str | None = None) -> LoginCredentials:
        """A temporary ``docker login`` (6 hours) for the project's registry.

        ``project_name`` (default: the caller's project) must be the caller's project.
        """
        if project_name is not None:
            validation.required(project_name, "project name")
        document, response = await self._client.request_json(
            "POST", SECRET, query={"projectname": project_name}
        )
        return _login(document, response)

    async def create_authorization_token(self) -> LoginCredentials:
        """A ``bearertoken@...`` docker login (the SDK's ``create_authorization_token``)."""
        document, response = await self._client.request_json("POST", AUTHORIZATION_TOKEN)
        return _login(document, response)
