"""Image retention policies (reference 4.10): valid policies, their changes, and runs.

:func:`execute_policies` is the retention run behind ``POST /_emulator/retention/run``
(the tags chosen by :mod:`swrtui.emulator.backend.retention_rules` are deleted and
recorded); creating or changing a policy runs it on its repository.

Choices where the reference is silent:

- One policy per repository, as the user guide's constraint says; a second create is a 400
  (``SVCSTG.SWR.4001025``: the create API's status table has no 409).
- As the user guide says, a policy "takes effect immediately": creating or modifying one runs
  it on its repository at once. Later pushes are handled by the next run.
- Parameters are decimal strings (``"30"``) within the console's bounds: days 1-365,
  num 1-1000. ``label`` patterns must be valid tag names; ``regexp`` patterns must compile.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.backend.images import forget_unreferenced
from swrtui.emulator.backend.retention_rules import (
    ALGORITHMS,
    SELECTOR_KINDS,
    TEMPLATES,
    select_for_deletion,
)
from swrtui.emulator.fields import required_str
from swrtui.emulator.state.store import (
    EmulatorState,
    Namespace,
    Repository,
    Retention,
    RetentionLog,
    utcnow,
)

_NUMBER = re.compile(r"[0-9]{1,9}")


# --- validation ----------------------------------------------------------------------------


def _policy_body(body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    algorithm = required_str(body, "algorithm")
    if algorithm not in ALGORITHMS:
        raise errors.invalid_parameter(f"algorithm must be 'or', got {algorithm!r}")
    rules = body.get("rules")
    if rules is None:
        raise errors.missing_parameter("rules")
    if not isinstance(rules, list) or not rules:
        raise errors.invalid_parameter("rules must be a non-empty array of rules")
    return algorithm, [_rule(raw, index) for index, raw in enumerate(rules)]


def _rule(raw: Any, index: int) -> dict[str, Any]:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise errors.invalid_parameter(f"{where} must be an object")
    template = required_str(raw, "template")
    if template not in TEMPLATES:
        raise errors.invalid_parameter(
            f"{where}.template must be date_rule or tag_rule, got {template!r}"
        )
    selectors = raw.get("tag_selectors")
    if selectors is None:
        raise errors.missing_parameter(f"{where}.tag_selectors")
    if not isinstance(selectors, list):
        raise errors.invalid_parameter(f"{where}.tag_selectors must be an array")
    return {
        "template": template,
        "params": _params(raw.get("params"), template, where),
        "tag_selectors": [
            _selector(s, f"{where}.tag_selectors[{i}]") for i, s in enumerate(selectors)
        ],
    }


def _params(raw: Any, template: str, where: str) -> dict[str, str]:
    key, low, high = TEMPLATES[template]
    if raw is None:
        raise errors.missing_parameter(f"{where}.params")
    if not isinstance(raw, dict) or set(raw) != {key}:
        raise errors.invalid_parameter(f'{where}.params must be {{"{key}": "<number>"}}')
    value = raw[key]
    if not isinstance(value, str) or not _NUMBER.fullmatch(value) or not low <= int(value) <= high:
        raise errors.invalid_parameter(
            f"{where}.params.{key} must be a string holding a number from {low} to {high}"
        )
    return {key: str(int(value))}


def _selector(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise errors.invalid_parameter(f"{where} must be an object")
    kind = required_str(raw, "kind")
    pattern = required_str(raw, "pattern")
    if kind not in SELECTOR_KINDS:
        raise errors.invalid_parameter(f"{where}.kind must be label or regexp, got {kind!r}")
    if kind == "label" and not names.is_valid_tag(pattern):
        raise errors.invalid_parameter(f"{where}.pattern is not a valid image tag: {pattern!r}")
    if kind == "regexp":
        try:
            re.compile(pattern)
        # A huge repeat count overflows, deep nesting recurses: both are bad patterns too.
        except (re.error, OverflowError, RecursionError) as exc:
            raise errors.invalid_parameter(
                f"{where}.pattern is not a regular expression ({exc})"
            ) from None
    return {"kind": kind, "pattern": pattern}


# --- policies ------------------------------------------------------------------------------


def existing_policy(repo: Repository, raw_id: str) -> Retention:
    """The policy whose id is the path segment ``raw_id``."""
    if not _NUMBER.fullmatch(raw_id):
        raise errors.invalid_parameter(f"retention_id must be an integer, got {raw_id!r}")
    policy = repo.retentions.get(int(raw_id))
    if policy is None:
        raise errors.not_found(f"retention policy {raw_id}")
    return policy


def create_policy(
    state: EmulatorState, ns: Namespace, repo: Repository, body: dict[str, Any], when: datetime
) -> Retention:
    """Add the policy ``body`` describes (one per repository) and run it at once."""
    algorithm, rules = _policy_body(body)
    if repo.retentions:
        existing = next(iter(repo.retentions))
        raise errors.invalid_parameter(
            f"the repository already has a retention policy (id {existing}); delete it first"
        )
    policy = Retention(id=state.next_id(), algorithm=algorithm, rules=rules)
    repo.retentions[policy.id] = policy
    _run_repository(state, ns, repo, when)
    return policy


def update_policy(
    state: EmulatorState,
    ns: Namespace,
    repo: Repository,
    policy: Retention,
    body: dict[str, Any],
    when: datetime,
) -> None:
    """Replace the policy's rules with those ``body`` describes and run it at once."""
    policy.algorithm, policy.rules = _policy_body(body)
    _run_repository(state, ns, repo, when)


# --- retention runs ------------------------------------------------------------------------


def _run_repository(
    state: EmulatorState, ns: Namespace, repo: Repository, now: datetime
) -> list[dict[str, Any]]:
    deleted: list[dict[str, Any]] = []
    for policy in sorted(repo.retentions.values(), key=lambda p: p.id):
        document = {"algorithm": policy.algorithm, "rules": policy.rules}
        pushed = {name: tag.updated for name, tag in repo.tags.items()}
        for tag, rule_type in select_for_deletion(document, pushed, now):
            forget_unreferenced(repo, repo.tags.pop(tag).digest)
            repo.retention_logs.append(
                RetentionLog(
                    id=state.next_id(),
                    retention_id=policy.id,
                    namespace=ns.name,
                    repo=repo.name,
                    rule_type=rule_type,
                    tag=tag,
                    created_at=now,
                )
            )
            deleted.append(
                {
                    "namespace": ns.name,
                    "repository": repo.name,
                    "tag": tag,
                    "retention_id": policy.id,
                    "rule_type": rule_type,
                }
            )
    return deleted


def execute_policies(
    state: EmulatorState,
    namespace: str | None = None,
    repository: str | None = None,
    *,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Run every retention policy (of one organization / repository when named).

    ``repository`` may be given in natural (``a/b``) or escaped (``a$b``) form. Returns one
    entry per deleted tag.
    """
    moment = now or utcnow()
    wanted_repo = names.unescape_repository(repository) if repository else None
    deleted: list[dict[str, Any]] = []
    for ns in sorted(state.namespaces.values(), key=lambda n: n.name):
        if namespace and ns.name != namespace:
            continue
        for repo in sorted(ns.repos.values(), key=lambda r: r.name):
            if wanted_repo and repo.name != wanted_repo:
                continue
            deleted += _run_repository(state, ns, repo, moment)
    return deleted
