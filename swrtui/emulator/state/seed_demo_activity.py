"""What happened around the demo seed's images: grants, policies, triggers, syncs, sharing, traffic.

Split from :mod:`swrtui.emulator.state.seed_demo`, which builds the organizations, repositories and
tags this module decorates. Deterministic like it: one ``random.Random`` and fixed dates.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from swrtui.emulator.state.store import (
    AUTH_EDIT,
    AUTH_VIEW,
    AccessDomain,
    Deployment,
    EmulatorState,
    Permission,
    Repository,
    Retention,
    RetentionLog,
    SyncJob,
    SyncRepo,
    Trigger,
    TriggerHistory,
    User,
)
from swrtui.emulator.state.tenants import DEMO_DOMAIN_ID, PARTNER_DOMAIN_ID

GB = 1024**3
CLUSTER_ID = "5b28c12f-dc10-11e9-97b3-0255ac1001b5"
# A retention policy as reference 4.10.1 shows it: drop tags older than 90 days, keep latest.
KEEP_90_DAYS: dict[str, Any] = {
    "template": "date_rule",
    "params": {"days": "90"},
    "tag_selectors": [{"kind": "label", "pattern": "latest"}],
}
KEEP_NEWEST_20: dict[str, Any] = {
    "template": "tag_rule",
    "params": {"num": "20"},
    "tag_selectors": [{"kind": "regexp", "pattern": "^release-.*"}],
}


def add_activity(state: EmulatorState, rng: random.Random, anchor: datetime) -> None:
    demo = state.domains[DEMO_DOMAIN_ID]
    admin, alice, bob = (demo.users[i] for i in ("u-admin-0001", "u-dev-0002", "u-ops-0003"))
    _grant_permissions(state, alice, bob)
    _add_retention(state, _repo(state, "platform", "api-gateway"), KEEP_90_DAYS, anchor)
    _add_retention(state, _repo(state, "demo", "tools/ci-runner"), KEEP_NEWEST_20, anchor)
    _add_trigger(_repo(state, "platform", "frontend/web-portal"), admin, anchor)
    _add_sync(state, rng, _repo(state, "demo", "nginx"), admin, anchor)
    _share(_repo(state, "demo", "tools/ci-runner"), "partner-account", "forever", admin, anchor)
    until = f"{anchor + timedelta(days=240):%Y-%m-%d}T00:00:00.000Z"
    _share(_repo(state, "platform", "api-gateway"), "partner-account", until, admin, anchor)
    partner_admin = state.domains[PARTNER_DOMAIN_ID].users["u-partner-0001"]
    shared_base = _repo(state, "partner-tools", "shared-base")
    _share(shared_base, demo.name, "forever", partner_admin, anchor)
    _add_traffic(state, rng, anchor)


def _repo(state: EmulatorState, org: str, name: str) -> Repository:
    return state.namespaces[org].repos[name]


def _grant_permissions(state: EmulatorState, alice: User, bob: User) -> None:
    """Alice edits platform, Bob views data-team; repository-level grants on top.

    Alice sees ml-lab only through her grant on one of its repositories, the case the
    organization list's ``mode=visible`` exists for.
    """
    state.namespaces["platform"].permissions[alice.id] = Permission(alice.id, alice.name, AUTH_EDIT)
    state.namespaces["data-team"].permissions[bob.id] = Permission(bob.id, bob.name, AUTH_VIEW)
    bert = _repo(state, "ml-lab", "models/bert-base")
    bert.permissions[alice.id] = Permission(alice.id, alice.name, AUTH_VIEW)
    runner = _repo(state, "demo", "tools/ci-runner")
    runner.permissions[bob.id] = Permission(bob.id, bob.name, AUTH_EDIT)


def _add_retention(
    state: EmulatorState, repo: Repository, rule: dict[str, Any], anchor: datetime
) -> None:
    """A policy plus the record of its last run, which deleted a few long-gone tags."""
    policy = Retention(id=state.next_id(), algorithm="or", rules=[json.loads(json.dumps(rule))])
    repo.retentions[policy.id] = policy
    namespace = next(ns.name for ns in state.namespaces.values() if ns.id == repo.ns_id)
    for index, tag in enumerate(("sha-1f0c2a9", "sha-77ab310", "sha-0e93d5c")):
        repo.retention_logs.append(
            RetentionLog(
                id=state.next_id(),
                retention_id=policy.id,
                namespace=namespace,
                repo=repo.name,
                rule_type=json.dumps(rule, separators=(",", ":")),
                tag=tag,
                created_at=anchor - timedelta(days=7, minutes=index),
            )
        )


def _add_trigger(repo: Repository, creator: User, anchor: datetime) -> None:
    created = anchor - timedelta(days=200)
    target = Deployment(
        action="update",
        app_type="deployments",
        application="web-portal",
        cluster_id=CLUSTER_ID,
        cluster_name="prod-cce",
        cluster_ns="portal",
        condition=".*",
        container="",
    )
    trigger = Trigger(
        name="deploy-web-portal",
        enable="true",
        trigger_mode="cce",
        trigger_type="all",
        creator_name=creator.name,
        created_at=created,
        **asdict(target),
    )
    recent = sorted(repo.tags.values(), key=lambda t: t.updated)[-5:]
    for tag in recent:
        failed = tag.name.endswith("3")
        trigger.history.append(
            TriggerHistory(
                created_at=tag.updated + timedelta(seconds=40),
                creator_name=creator.name,
                detail="deployment portal/web-portal not ready in 300s" if failed else "",
                result="failed" if failed else "success",
                tag=tag.name,
                **asdict(target),
            )
        )
    repo.triggers[trigger.name] = trigger


def _add_sync(
    state: EmulatorState, rng: random.Random, repo: Repository, admin: User, anchor: datetime
) -> None:
    """An automatic sync to another region, and the jobs it and manual syncs ran."""
    region, remote = "ap-southeast-1", "demo-mirror"
    created = anchor - timedelta(days=160)
    repo.sync_repos.append(SyncRepo(state.next_id(), region, remote, True, False, created, created))
    synced = sorted(repo.tags.values(), key=lambda t: t.updated)[-12:]
    for tag in synced:
        status = rng.choice(("success",) * 8 + ("failed", "timeout"))
        started = max(tag.updated, created) + timedelta(minutes=1)
        repo.sync_jobs.append(
            SyncJob(
                id=state.next_id(),
                remote_region_id=region,
                remote_namespace=remote,
                tag=tag.name,
                override=False,
                status=status,
                operator_id=admin.id,
                operator_name=admin.name,
                created_at=started,
                updated_at=started + timedelta(seconds=rng.randint(8, 240)),
            )
        )


def _share(
    repo: Repository, domain_name: str, deadline: str, creator: User, anchor: datetime
) -> None:
    when = anchor - timedelta(days=90)
    repo.access_domains[domain_name] = AccessDomain(
        access_domain=domain_name,
        permit="read",
        deadline=deadline,
        description=f"pull access for {domain_name}",
        creator_id=creator.id,
        creator_name=creator.name,
        created=when,
        updated=when,
    )


def _add_traffic(state: EmulatorState, rng: random.Random, anchor: datetime) -> None:
    """Bytes pulled per day over the 30 days before the anchor, busier on weekdays."""
    for domain in state.domains.values():
        scale = 1.0 if domain.id == DEMO_DOMAIN_ID else 0.05
        for back in range(30, 0, -1):
            day = anchor - timedelta(days=back)
            weekday = day.weekday() < 5
            volume = rng.uniform(2.0, 6.5) * GB * (1.0 if weekday else 0.35) * scale
            domain.downflow[f"{day:%Y-%m-%d}"] = int(volume)
