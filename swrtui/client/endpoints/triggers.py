"""Trigger management (reference 4.9): ``client.triggers``."""

from __future__ import annotations

import builtins
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.errors import ValidationError
from swrtui.client.models.triggers import (
    ACTIONS,
    APP_TYPES,
    MATCH_ALL,
    TRIGGER_MODES,
    TRIGGER_TYPES,
    Trigger,
)

TRIGGERS = "/v2/manage/namespaces/{namespace}/repos/{repository}/triggers"
ONE = TRIGGERS + "/{trigger}"


def _wire_bool(value: bool) -> str:
    return "true" if value else "false"


def _condition(trigger_type: str, condition: str | None) -> str:
    if trigger_type == "all":
        if condition not in (None, MATCH_ALL):
            raise ValidationError("a trigger of type 'all' takes no condition (it is '.*')")
        return MATCH_ALL
    if condition is None:
        raise ValidationError(f"a trigger of type {trigger_type!r} needs a condition")
    if trigger_type == "tag":
        validation.tag(condition)
    return validation.required(condition, "condition")


def _cluster(mode: str, cluster_id: str | None, cluster_name: str | None) -> dict[str, str]:
    if mode == "cce" and not (cluster_id and cluster_name):
        raise ValidationError("a cce trigger needs cluster_id and cluster_name")
    if mode == "cci" and (cluster_id or cluster_name):
        raise ValidationError("a cci trigger takes no cluster_id or cluster_name")
    return {"cluster_id": cluster_id or "", "cluster_name": cluster_name or ""}


class Triggers(Area):
    def _params(self, org: str, repo: str, name: str) -> dict[str, str]:
        return {
            **validation.repository_params(org, repo),
            "trigger": validation.required(name, "trigger name"),
        }

    async def list(self, org: str, repo: str) -> builtins.list[Trigger]:
        documents, _ = await self._client.get_page(
            TRIGGERS, validation.repository_params(org, repo)
        )
        return [Trigger.from_api(item) for item in documents]

    async def get(self, org: str, repo: str, name: str) -> Trigger:
        return Trigger.from_api(await self._client.get_json(ONE, self._params(org, repo, name)))

    async def create(
        self,
        org: str,
        repo: str,
        name: str,
        *,
        cluster_ns: str,
        application: str,
        app_type: str = "deployments",
        trigger_type: str = "all",
        condition: str | None = None,
        trigger_mode: str = "cce",
        cluster_id: str | None = None,
        cluster_name: str | None = None,
        container: str | None = None,
        enable: bool = True,
        action: str = "update",
    ) -> None:
        """Roll ``application`` (in ``cluster_ns``) to each pushed tag that matches.

        ``trigger_type`` ``all`` matches every tag, ``tag`` the one tag ``condition``,
        ``regular`` the regex ``condition``. ``cce`` triggers name their cluster.
        """
        params = validation.repository_params(org, repo)
        trigger_type = validation.one_of(trigger_type, TRIGGER_TYPES, "trigger type")
        mode = validation.one_of(trigger_mode, TRIGGER_MODES, "trigger mode")
        body: dict[str, Any] = {
            "name": validation.required(name, "trigger name"),
            "action": validation.one_of(action, ACTIONS, "action"),
            "app_type": validation.one_of(app_type, APP_TYPES, "app type"),
            "application": validation.required(application, "application"),
            "cluster_ns": validation.required(cluster_ns, "cluster namespace"),
            "condition": _condition(trigger_type, condition),
            "container": container or "",
            "enable": _wire_bool(enable),
            "trigger_mode": mode,
            "trigger_type": trigger_type,
            **_cluster(mode, cluster_id, cluster_name),
        }
        await self._client.request("POST", TRIGGERS, params, json_body=body)

    async def update(self, org: str, repo: str, name: str, *, enable: bool) -> None:
        """Switch a trigger on or off (the only change the API allows)."""
        params = self._params(org, repo, name)
        await self._client.request("PATCH", ONE, params, json_body={"enable": _wire_bool(enable)})

    async def delete(self, org: str, repo: str, name: str) -> None:
        await self._client.request("DELETE", ONE, self._params(org, repo, name))
