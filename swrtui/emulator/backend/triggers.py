"""Triggers (reference 4.9): what a valid trigger is, and firing them when a tag lands.

A trigger tells SWR to roll a CCE or CCI workload to a new image when a matching tag is
pushed. The emulator has no clusters: :func:`fire_triggers` (called when a tag lands)
records a ``trigger_history`` entry per enabled, matching trigger, as the service does
after rolling the workload.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import datetime
from typing import Any

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.fields import optional_str, required_str
from swrtui.emulator.state.store import (
    EmulatorState,
    Namespace,
    Repository,
    Trigger,
    TriggerHistory,
    User,
)

ACTIONS = ("update",)
APP_TYPES = ("deployments", "statefulsets")
TRIGGER_TYPES = ("all", "tag", "regular")
TRIGGER_MODES = ("cce", "cci")
ENABLE_VALUES = ("true", "false")
MATCH_ALL = ".*"

# The console's rule for trigger names; they also travel as a path segment.
_TRIGGER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# Workloads, containers and Kubernetes namespaces are DNS-1123 labels.
_K8S_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?")
# CCE cluster names: 4-128 characters, a lowercase letter first, no trailing hyphen.
_CLUSTER_NAME = re.compile(r"[a-z][a-z0-9-]{2,126}[a-z0-9]")
_CLUSTER_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _choice(body: dict[str, Any], field: str, allowed: tuple[str, ...], default: str = "") -> str:
    # An empty optional value means the default, as when the field is left out.
    value = (optional_str(body, field) or default) if default else required_str(body, field)
    if value not in allowed:
        raise errors.invalid_parameter(f"{field} must be one of {', '.join(allowed)}")
    return value


def _matching(body: dict[str, Any], field: str, pattern: re.Pattern[str], optional: bool) -> str:
    value = optional_str(body, field) if optional else required_str(body, field)
    if value and not pattern.fullmatch(value):
        raise errors.invalid_parameter(f"invalid {field}: {value!r}")
    return value


def _condition(body: dict[str, Any], trigger_type: str) -> str:
    condition = required_str(body, "condition")
    if trigger_type == "all" and condition != MATCH_ALL:
        raise errors.invalid_parameter("condition must be '.*' when trigger_type is all")
    if trigger_type == "tag" and not names.is_valid_tag(condition):
        raise errors.invalid_tag_name(condition)
    if trigger_type == "regular":
        try:
            re.compile(condition)
        # A huge repeat count overflows, deep nesting recurses: both are bad patterns too.
        except (re.error, OverflowError, RecursionError) as exc:
            raise errors.invalid_parameter(f"condition is not a valid regex ({exc})") from None
    return condition


def _cluster(body: dict[str, Any], mode: str) -> tuple[str, str]:
    cluster_id = _matching(body, "cluster_id", _CLUSTER_ID, optional=True)
    cluster_name = _matching(body, "cluster_name", _CLUSTER_NAME, optional=True)
    if mode == "cce" and not (cluster_id and cluster_name):
        raise errors.missing_parameter("cluster_id and cluster_name (trigger_mode cce)")
    if mode == "cci" and (cluster_id or cluster_name):
        raise errors.invalid_parameter("cluster_id and cluster_name must be empty for cci")
    return cluster_id, cluster_name


def new_trigger(body: dict[str, Any], creator: User, when: datetime) -> Trigger:
    """The trigger a create request's ``body`` describes, every field checked."""
    name = required_str(body, "name")
    if not _TRIGGER_NAME.fullmatch(name):
        raise errors.invalid_parameter(f"invalid trigger name {name!r}")
    trigger_type = _choice(body, "trigger_type", TRIGGER_TYPES)
    mode = _choice(body, "trigger_mode", TRIGGER_MODES, default="cce")
    cluster_id, cluster_name = _cluster(body, mode)
    return Trigger(
        name=name,
        action=_choice(body, "action", ACTIONS),
        app_type=_choice(body, "app_type", APP_TYPES),
        application=_matching(body, "application", _K8S_LABEL, optional=False),
        cluster_id=cluster_id,
        cluster_name=cluster_name,
        cluster_ns=_matching(body, "cluster_ns", _K8S_LABEL, optional=False),
        condition=_condition(body, trigger_type),
        container=_matching(body, "container", _K8S_LABEL, optional=True),
        enable=enabled(body),
        trigger_mode=mode,
        trigger_type=trigger_type,
        creator_name=creator.name,
        created_at=when,
    )


def enabled(body: dict[str, Any]) -> str:
    """The request's ``enable`` switch: ``"true"`` or ``"false"``."""
    return _choice(body, "enable", ENABLE_VALUES)


def add_trigger(repo: Repository, trigger: Trigger) -> None:
    if trigger.name in repo.triggers:
        raise errors.conflict(f"The trigger already exists: {trigger.name}")
    repo.triggers[trigger.name] = trigger


def existing_trigger(repo: Repository, name: str) -> Trigger:
    trigger = repo.triggers.get(name)
    if trigger is None:
        raise errors.not_found(f"trigger {name}")
    return trigger


def matches(trigger: Trigger, tag_name: str) -> bool:
    if trigger.trigger_type == "all":
        return True
    if trigger.trigger_type == "tag":
        return trigger.condition == tag_name
    return re.fullmatch(trigger.condition, tag_name) is not None


def fire_triggers(
    state: EmulatorState, ns: Namespace, repo: Repository, tag_name: str, when: datetime
) -> list[TriggerHistory]:
    """Record a rollout for every enabled trigger of ``repo`` that ``tag_name`` matches."""
    image = f"swr.{state.region}.myhuaweicloud.com/{ns.name}/{repo.name}:{tag_name}"
    fired = []
    for trigger in repo.triggers.values():
        if trigger.enable != "true" or not matches(trigger, tag_name):
            continue
        entry = TriggerHistory(
            **asdict(trigger.deployment()),
            created_at=when,
            creator_name=trigger.creator_name,
            detail=f"{trigger.app_type}/{trigger.application} in {trigger.cluster_ns} "
            f"updated to {image}",
            result="success",
            tag=tag_name,
        )
        trigger.history.append(entry)
        fired.append(entry)
    return fired
