"""Shared account management (reference 4.4): ``client.shared_accounts``.

A shared account is another tenant (by account name) allowed to pull a private repository
until a deadline (``"forever"`` or a time).
"""

from __future__ import annotations

import builtins
from datetime import datetime, timezone
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models.shared_accounts import FOREVER, PERMITS, SharedAccount

SHARES = "/v2/manage/namespaces/{namespace}/repositories/{repository}/access-domains"
ONE = SHARES + "/{access_domain}"


def wire_deadline(deadline: str | datetime) -> str:
    """``"forever"``, or a time as ``2030-10-01T16:00:00Z`` (naive times are taken as UTC)."""
    if isinstance(deadline, datetime):
        moment = deadline if deadline.tzinfo else deadline.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return validation.required(deadline, "deadline")


def _grant(permit: str, deadline: str | datetime, description: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "permit": validation.one_of(permit, PERMITS, "permit"),
        "deadline": wire_deadline(deadline),
    }
    if description is not None:
        body["description"] = description
    return body


class SharedAccounts(Area):
    def _params(self, org: str, repo: str, account: str | None = None) -> dict[str, str]:
        params = validation.repository_params(org, repo)
        if account is not None:
            params["access_domain"] = validation.required(account, "account name")
        return params

    async def list(self, org: str, repo: str) -> builtins.list[SharedAccount]:
        documents, _ = await self._client.get_page(SHARES, self._params(org, repo))
        return [SharedAccount.from_api(item) for item in documents]

    async def get(self, org: str, repo: str, account: str) -> SharedAccount:
        """The share with ``account``; ``exist`` is false when there is none."""
        document = await self._client.get_json(ONE, self._params(org, repo, account))
        return SharedAccount.from_api(document)

    async def exists(self, org: str, repo: str, account: str) -> bool:
        return (await self.get(org, repo, account)).exist

    async def create(
        self,
        org: str,
        repo: str,
        account: str,
        *,
        deadline: str | datetime = FOREVER,
        permit: str = "read",
        description: str | None = None,
    ) -> None:
        """Let tenant ``account`` pull this repository until ``deadline``."""
        params = self._params(org, repo)
        body = {
            "access_domain": validation.required(account, "account name"),
            **_grant(permit, deadline, description),
        }
        await self._client.request("POST", SHARES, params, json_body=body)

    async def update(
        self,
        org: str,
        repo: str,
        account: str,
        *,
        deadline: str | datetime,
        permit: str = "read",
        description: str | None = None,
    ) -> None:
        params = self._params(org, repo, account)
        await self._client.request(
            "PATCH", ONE, params, json_body=_grant(permit, deadline, description)
        )

    async def delete(self, org: str, repo: str, account: str) -> None:
        await self._client.request("DELETE", ONE, self._params(org, repo, account))
