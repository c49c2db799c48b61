"""Trigger management (reference 4.9): create, list, show, enable/disable, delete triggers.

Thin over :mod:`swrtui.emulator.backend.triggers`, which validates triggers and fires them.
Reading takes any role on the repository, changing takes Edit.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.responses import Response

from swrtui.emulator import access
from swrtui.emulator.backend import triggers
from swrtui.emulator.http import Call, created, no_content, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_EDIT, Repository, Trigger, TriggerHistory, iso, utcnow

PATH = "/v2/manage/namespaces/{namespace}/repos/{repository}/triggers"
ITEM = PATH + "/{trigger}"


def _target(entry: Trigger | TriggerHistory) -> dict[str, str]:
    """The deployment fields, when and by whom: common to a trigger and its history."""
    return {
        **asdict(entry.deployment()),
        "created_at": iso(entry.created_at) or "",
        "creator_name": entry.creator_name,
    }


def _describe(trigger: Trigger) -> dict[str, Any]:
    history = [
        {**_target(h), "detail": h.detail, "result": h.result, "tag": h.tag}
        for h in sorted(trigger.history, key=lambda h: h.created_at, reverse=True)
    ]
    return {
        **_target(trigger),
        "enable": trigger.enable,
        "name": trigger.name,
        # The reference's list example shows null for a trigger that never fired.
        "trigger_history": history or None,
        "trigger_mode": trigger.trigger_mode,
        "trigger_type": trigger.trigger_type,
    }


def _existing(call: Call, min_auth: int = 1) -> tuple[Repository, Trigger]:
    _, repo = access.repository(call, min_auth=min_auth)
    return repo, triggers.existing_trigger(repo, call.params["trigger"])


async def create_trigger(call: Call) -> Response:
    _, repo = access.repository(call, min_auth=AUTH_EDIT)
    triggers.add_trigger(repo, triggers.new_trigger(call.json_object(), call.me, utcnow()))
    return created()


async def list_triggers_details(call: Call) -> Response:
    _, repo = access.repository(call)
    listed = sorted(repo.triggers.values(), key=lambda t: (t.created_at, t.name))
    return ok([_describe(t) for t in listed])


async def show_trigger(call: Call) -> Response:
    _, trigger = _existing(call)
    return ok(_describe(trigger))


async def update_trigger(call: Call) -> Response:
    _, trigger = _existing(call, min_auth=AUTH_EDIT)
    # Only the switch can change; other fields in the body are ignored, as in 4.9.5.
    trigger.enable = triggers.enabled(call.json_object())
    return created()


async def delete_trigger(call: Call) -> Response:
    repo, trigger = _existing(call, min_auth=AUTH_EDIT)
    del repo.triggers[trigger.name]
    return no_content()


routes = [
    Route("POST", PATH, create_trigger),
    Route("GET", PATH, list_triggers_details),
    Route("GET", ITEM, show_trigger),
    Route("PATCH", ITEM, update_trigger),
    Route("DELETE", ITEM, delete_trigger),
]
