"""Triggers (reference 4.9, ``ShowTriggerResponse`` / ``TriggerHistories``).

A trigger rolls a CCE or CCI workload to a newly pushed tag. ``enable`` travels as the
strings ``"true"``/``"false"`` and is a bool here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui.client.models import _parse

ACTIONS = ("update",)
APP_TYPES = ("deployments", "statefulsets")
TRIGGER_TYPES = ("all", "tag", "regular")
TRIGGER_MODES = ("cce", "cci")
MATCH_ALL = ".*"


@dataclass(frozen=True)
class TriggerTarget:
    """The workload a trigger updates, and the tags it reacts to."""

    action: str
    app_type: str
    application: str
    cluster_id: str
    cluster_name: str
    cluster_ns: str
    condition: str
    container: str
    created_at: datetime | None
    creator_name: str

    @staticmethod
    def fields_from_api(document: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "action": _parse.text(document, "action"),
            "app_type": _parse.text(document, "app_type"),
            "application": _parse.text(document, "application"),
            "cluster_id": _parse.text(document, "cluster_id"),
            "cluster_name": _parse.text(document, "cluster_name"),
            "cluster_ns": _parse.text(document, "cluster_ns"),
            "condition": _parse.text(document, "condition"),
            "container": _parse.text(document, "container"),
            "created_at": _parse.time(document, "created_at"),
            "creator_name": _parse.text(document, "creator_name"),
        }


@dataclass(frozen=True)
class TriggerRun(TriggerTarget):
    """One firing of a trigger: the tag pushed and how the rollout went."""

    tag: str = ""
    result: str = ""  # "success" or "failed"
    detail: str = ""

    @property
    def succeeded(self) -> bool:
        return self.result == "success"

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> TriggerRun:
        document = _parse.mapping(document)
        return cls(
            **cls.fields_from_api(document),
            tag=_parse.text(document, "tag"),
            result=_parse.text(document, "result"),
            detail=_parse.text(document, "detail"),
        )


@dataclass(frozen=True)
class Trigger(TriggerTarget):
    name: str = ""
    enable: bool = False
    trigger_mode: str = ""
    trigger_type: str = ""
    # Newest first, as the service lists them.
    history: tuple[TriggerRun, ...] = ()

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> Trigger:
        document = _parse.mapping(document)
        runs = document.get("trigger_history")
        return cls(
            **cls.fields_from_api(document),
            name=_parse.text(document, "name"),
            enable=_parse.boolean(document, "enable"),
            trigger_mode=_parse.text(document, "trigger_mode"),
            trigger_type=_parse.text(document, "trigger_type"),
            history=tuple(TriggerRun.from_api(run) for run in _parse.items(runs) if run),
        )
