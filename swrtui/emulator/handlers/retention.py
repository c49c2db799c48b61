"""Image retention policies (reference 4.10): create, list, show, update, delete, records.

Thin over :mod:`swrtui.emulator.backend.retention`, which validates policies and runs them.
Reading needs a role of at least view on the repository; creating, modifying and deleting
need edit. Records are listed newest first; ``limit`` and ``offset`` may be given alone.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from swrtui.emulator import access
from swrtui.emulator.backend import retention
from swrtui.emulator.http import Call, created, merged_query, ok, paged, parse_count
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import AUTH_EDIT, Retention, RetentionLog, iso, utcnow

BASE = "/v2/manage/namespaces/{namespace}/repos/{repository}/retentions"


def _describe(policy: Retention) -> dict[str, Any]:
    return {
        "algorithm": policy.algorithm,
        "id": policy.id,
        "rules": policy.rules,
        "scope": policy.scope,
    }


async def create_retention(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    policy = retention.create_policy(call.state, ns, repo, call.json_object(), utcnow())
    return created({"id": policy.id})


async def list_retentions(call: Call) -> Response:
    _, repo = access.repository(call)
    return ok([_describe(p) for p in sorted(repo.retentions.values(), key=lambda p: p.id)])


async def show_retention(call: Call) -> Response:
    _, repo = access.repository(call)
    return ok(_describe(retention.existing_policy(repo, call.params["retention_id"])))


async def update_retention(call: Call) -> Response:
    ns, repo = access.repository(call, min_auth=AUTH_EDIT)
    policy = retention.existing_policy(repo, call.params["retention_id"])
    retention.update_policy(call.state, ns, repo, policy, call.json_object(), utcnow())
    return created()


async def delete_retention(call: Call) -> Response:
    _, repo = access.repository(call, min_auth=AUTH_EDIT)
    del repo.retentions[retention.existing_policy(repo, call.params["retention_id"]).id]
    # The reference's status table says 200, and its example application shows "{}".
    return ok({})


def _describe_log(log: RetentionLog) -> dict[str, Any]:
    return {
        "created_at": iso(log.created_at),
        "id": log.id,
        "namespace": log.namespace,
        "repo": log.repo,
        "retention_id": log.retention_id,
        "rule_type": log.rule_type,
        "tag": log.tag,
    }


async def list_retention_histories(call: Call) -> Response:
    _, repo = access.repository(call)
    query = merged_query(call, ("limit", "offset"))
    logs = sorted(repo.retention_logs, key=lambda log: (log.created_at, log.id), reverse=True)
    page, content_range = paged(
        logs, parse_count(query.get("offset"), "offset"), parse_count(query.get("limit"), "limit")
    )
    return ok(
        {"retention_log": [_describe_log(log) for log in page], "total": len(logs)},
        headers={"Content-Range": content_range},
    )


routes = [
    Route("POST", BASE, create_retention),
    Route("GET", BASE, list_retentions),
    Route("GET", BASE + "/histories", list_retention_histories),
    Route("GET", BASE + "/{retention_id}", show_retention),
    Route("PATCH", BASE + "/{retention_id}", update_retention),
    Route("DELETE", BASE + "/{retention_id}", delete_retention),
]
