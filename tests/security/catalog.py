"""A valid request for every emulator route, the role each needs, and the state they act on.

:func:`target_document` builds (once, through the API as the demo admin) a small tenant
layout: organization ``sec-org`` with repository ``team/app`` (tags, a trigger, a retention
policy, an automatic sync task, a share with ``partner-account``, view grants for ops-bob)
and an empty organization ``sec-empty``. :data:`SAMPLES` holds one request per route that
succeeds for the admin on that state; :data:`REQUIREMENTS` says what role each route needs,
read from the handlers' code (``access.namespace(min_auth=...)``,
``access.repository(min_auth=...)``, ``manageable_repository`` and ``_grantable``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import httpx

from swrtui import names
from swrtui.client import AkSkAuth
from swrtui.emulator.app import create_app
from swrtui.emulator.state import seeds
from swrtui.emulator.state.snapshot import from_document, to_document
from swrtui.emulator.state.store import EmulatorState

ORG, EMPTY_ORG, REPO, TAG = "sec-org", "sec-empty", "team/app", "v1"
TRIGGER, MIRROR, PARTNER = "deploy-app", "sec-mirror", seeds.PARTNER_DOMAIN_NAME
ALICE = (
    "u-dev-0002",
    "dev-alice",
    "DEMOSWRTUIALICE00002",
    "alice0secret0key0for0the0swrtui0emulat",
)
BOB = ("u-ops-0003", "ops-bob")
PARTNER_ADMIN = ("PARTNERSWRTUIADMIN01", "partner0secret0key0for0swrtui0emulator0")
ENDPOINT = "https://swr-api.cn-north-4.myhuaweicloud.com"

REPO_PATH = "/v2/manage/namespaces/{namespace}/repos/{repository}"
SHARES = "/v2/manage/namespaces/{namespace}/repositories/{repository}/access-domains"
RETENTIONS = REPO_PATH + "/retentions"


@dataclass(frozen=True)
class Sample:
    """One request: path parameters (natural names), query, JSON body, state preparation."""

    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    # Makes the state fit a create (e.g. drops the policy a second create would refuse).
    prepare: Callable[[EmulatorState], None] | None = None

    @property
    def org(self) -> str | None:
        return self.params.get("namespace")


def _repo() -> dict[str, str]:
    return {"namespace": ORG, "repository": REPO}


def _app_repo(state: EmulatorState) -> Any:
    return state.namespaces[ORG].repos[REPO]


def _drop_share(state: EmulatorState) -> None:
    _app_repo(state).access_domains.clear()


def _drop_retention(state: EmulatorState) -> None:
    _app_repo(state).retentions.clear()


def _drop_bob_org_grant(state: EmulatorState) -> None:
    state.namespaces[ORG].permissions.pop(BOB[0], None)


def _drop_bob_repo_grant(state: EmulatorState) -> None:
    _app_repo(state).permissions.pop(BOB[0], None)


def _grant(auth: int) -> list[dict[str, Any]]:
    return [{"user_id": BOB[0], "user_name": BOB[1], "auth": auth}]


TRIGGER_BODY = {
    "name": "t-new",
    "action": "update",
    "app_type": "deployments",
    "application": "web",
    "cluster_ns": "default",
    "condition": "v[0-9]+",
    "enable": "true",
    "trigger_mode": "cci",
    "trigger_type": "regular",
}
RETENTION_BODY = {
    "algorithm": "or",
    "rules": [
        {
            "template": "tag_rule",
            "params": {"num": "10"},
            "tag_selectors": [{"kind": "regexp", "pattern": "^rc-"}],
        }
    ],
}
SYNC_TARGET = {"remoteRegionId": "cn-east-3", "remoteNamespace": MIRROR}


def samples(retention_id: int) -> dict[tuple[str, str], Sample]:
    repo, tag = _repo(), {**_repo(), "tag": TAG}
    share = {**_repo(), "access_domain": PARTNER}
    policy = {**_repo(), "retention_id": str(retention_id)}
    trigger = {**_repo(), "trigger": TRIGGER}
    return {
        ("POST", "/v2/manage/namespaces"): Sample(body={"namespace": "sec-new"}),
        ("GET", "/v2/manage/namespaces"): Sample(query={"namespace": ORG}),
        ("GET", "/v2/manage/namespaces/{namespace}"): Sample({"namespace": ORG}),
        ("DELETE", "/v2/manage/namespaces/{namespace}"): Sample({"namespace": EMPTY_ORG}),
        ("POST", "/v2/manage/namespaces/{namespace}/repos"): Sample(
            {"namespace": ORG}, body={"repository": "new/repo", "is_public": False}
        ),
        ("GET", REPO_PATH): Sample(repo),
        ("PATCH", REPO_PATH): Sample(repo, body={"is_public": True, "description": "x"}),
        ("DELETE", REPO_PATH): Sample(repo),
        ("GET", "/v2/manage/repos"): Sample(query={"namespace": ORG}),
        ("GET", "/v2/manage/shared-repositories"): Sample(
            query={"center": "self", "namespace": ORG}
        ),
        ("GET", "/v3/manage/repos"): Sample(query={"namespace": ORG}),
        ("GET", REPO_PATH + "/tags"): Sample(repo),
        ("POST", REPO_PATH + "/tags"): Sample(
            repo, body={"source_tag": TAG, "destination_tag": "v9"}
        ),
        ("GET", REPO_PATH + "/tags/{tag}"): Sample(tag),
        ("DELETE", REPO_PATH + "/tags/{tag}"): Sample(tag),
        ("GET", "/v3/manage/namespaces/{namespace}/repos/{repository}/tags"): Sample(repo),
        ("POST", SHARES): Sample(
            repo,
            body={"access_domain": PARTNER, "permit": "read", "deadline": "2099-01-01T00:00:00Z"},
            prepare=_drop_share,
        ),
        ("GET", SHARES): Sample(repo),
        ("GET", SHARES + "/{access_domain}"): Sample(share),
        ("PATCH", SHARES + "/{access_domain}"): Sample(
            share, body={"permit": "read", "deadline": "forever", "description": "d"}
        ),
        ("DELETE", SHARES + "/{access_domain}"): Sample(share),
        ("GET", "/"): Sample(),
        ("GET", "/{api_version}"): Sample({"api_version": "v2"}),
        ("POST", "/v2/manage/namespaces/{namespace}/access"): Sample(
            {"namespace": ORG}, body=_grant(1), prepare=_drop_bob_org_grant
        ),
        ("DELETE", "/v2/manage/namespaces/{namespace}/access"): Sample(
            {"namespace": ORG}, body=[BOB[0]]
        ),
        ("PATCH", "/v2/manage/namespaces/{namespace}/access"): Sample(
            {"namespace": ORG}, body=_grant(3)
        ),
        ("GET", "/v2/manage/namespaces/{namespace}/access"): Sample({"namespace": ORG}),
        ("POST", REPO_PATH + "/access"): Sample(repo, body=_grant(1), prepare=_drop_bob_repo_grant),
        ("DELETE", REPO_PATH + "/access"): Sample(repo, body=[BOB[0]]),
        ("PATCH", REPO_PATH + "/access"): Sample(repo, body=_grant(3)),
        ("GET", REPO_PATH + "/access"): Sample(repo),
        ("GET", REPO_PATH + "/sync_job"): Sample(repo, query={"filter": "limit::10|offset::0"}),
        ("GET", REPO_PATH + "/sync_repo"): Sample(repo),
        ("POST", REPO_PATH + "/sync_repo"): Sample(
            repo, body={"remoteRegionId": "cn-east-3", "remoteNamespace": "sec-other"}
        ),
        ("DELETE", REPO_PATH + "/sync_repo"): Sample(repo, body=SYNC_TARGET),
        ("POST", REPO_PATH + "/sync_images"): Sample(repo, body={**SYNC_TARGET, "imageTag": [TAG]}),
        ("GET", "/v2/manage/regions"): Sample(),
        ("POST", REPO_PATH + "/triggers"): Sample(repo, body=TRIGGER_BODY),
        ("GET", REPO_PATH + "/triggers"): Sample(repo),
        ("GET", REPO_PATH + "/triggers/{trigger}"): Sample(trigger),
        ("PATCH", REPO_PATH + "/triggers/{trigger}"): Sample(trigger, body={"enable": "false"}),
        ("DELETE", REPO_PATH + "/triggers/{trigger}"): Sample(trigger),
        ("POST", RETENTIONS): Sample(repo, body=RETENTION_BODY, prepare=_drop_retention),
        ("GET", RETENTIONS): Sample(repo),
        ("GET", RETENTIONS + "/histories"): Sample(repo),
        ("GET", RETENTIONS + "/{retention_id}"): Sample(policy),
        ("PATCH", RETENTIONS + "/{retention_id}"): Sample(policy, body=RETENTION_BODY),
        ("DELETE", RETENTIONS + "/{retention_id}"): Sample(policy),
        ("POST", "/v2/manage/utils/secret"): Sample(),
        ("POST", "/v2/manage/utils/authorizationtoken"): Sample(),
        ("GET", "/v2/manage/projects/{project_id}/quotas"): Sample(
            {"project_id": seeds.DEMO_PROJECT_ID}
        ),
        ("GET", "/v2/manage/overview"): Sample(),
        ("GET", "/v2/manage/reports/{resource_type}/{frequency}"): Sample(
            {"resource_type": "store", "frequency": "daily"}
        ),
        ("GET", "/v2/manage/projects/{project_id}/feature-gates"): Sample(
            {"project_id": seeds.DEMO_PROJECT_ID}
        ),
        ("POST", "/_emulator/push"): Sample(
            body={
                "namespace": ORG,
                "repository": REPO,
                "tag": "pushed",
                "size": 1024,
                "created": "2026-01-01T00:00:00Z",
            }
        ),
    }


# What each route needs, from the handlers' code:
#   ("org", n)   role n on the organization (access.namespace(min_auth=n))
#   ("repo", n)  role n on the repository (access.repository(min_auth=n))
#   ("manage",)  role 7 on the repository or at least 3 on the organization
#   ("tenant",)  any user of the tenant (no organization or repository involved)
#   ("public",)  no credentials at all
ORG_VIEW, ORG_EDIT, ORG_MANAGE = ("org", 1), ("org", 3), ("org", 7)
REPO_VIEW, REPO_EDIT, MANAGE = ("repo", 1), ("repo", 3), ("manage",)
TENANT, PUBLIC = ("tenant",), ("public",)


def requirement(method: str, template: str) -> tuple[Any, ...]:
    if template in ("/", "/_emulator/push"):
        return PUBLIC
    if not template.startswith(("/v2/manage/namespaces/", "/v3/manage/namespaces/")):
        return TENANT
    is_repo = "{repository}" in template
    if method == "GET":
        return REPO_VIEW if is_repo else ORG_VIEW
    # Sharing, granting image permissions and deleting the repository itself.
    if template.endswith(("/access-domains", "/{access_domain}", "/{repository}/access")) or (
        method == "DELETE" and template.endswith("/{repository}")
    ):
        return MANAGE
    if not is_repo:
        return ORG_EDIT if template.endswith("/repos") else ORG_MANAGE
    return REPO_EDIT


def wire_params(params: dict[str, str]) -> dict[str, str]:
    return {k: names.escape_repository(v) if k == "repository" else v for k, v in params.items()}


def path_of(template: str, params: dict[str, str]) -> str:
    from swrtui.client.urls import build_path

    return build_path(template, wire_params(params))


async def _build_target() -> tuple[dict[str, Any], int]:
    app = create_app(seed="empty")
    admin = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url=ENDPOINT, auth=admin
    ) as client:

        async def call(method: str, template: str, params: dict[str, str], body: Any) -> Any:
            response = await client.request(method, path_of(template, params), json=body)
            assert response.is_success, (template, response.text)
            return response.json() if response.content else None

        for org in (ORG, EMPTY_ORG):
            await call("POST", "/v2/manage/namespaces", {}, {"namespace": org})
        for name in (TAG, "v2", "latest"):
            push = {"namespace": ORG, "repository": REPO, "tag": name, "content_key": name}
            await call("POST", "/_emulator/push", {}, push)
        repo = _repo()
        await call("POST", REPO_PATH + "/triggers", repo, {**TRIGGER_BODY, "name": TRIGGER})
        created = await call("POST", RETENTIONS, repo, RETENTION_BODY)
        await call("POST", REPO_PATH + "/sync_repo", repo, SYNC_TARGET)
        share = {"access_domain": PARTNER, "permit": "read", "deadline": "forever"}
        await call("POST", SHARES, repo, share)
        org_access = "/v2/manage/namespaces/{namespace}/access"
        await call("POST", org_access, {"namespace": ORG}, _grant(1))
        await call("POST", REPO_PATH + "/access", repo, _grant(1))
    return to_document(app.state, include_secrets=True), int(created["id"])


@cache
def _target() -> tuple[dict[str, Any], int]:
    # In a thread of its own: async tests call this with their event loop already running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _build_target()).result()


def fresh_state() -> EmulatorState:
    """A new copy of the target state (cheap: rebuilt from its snapshot document)."""
    return from_document(_target()[0])


def catalog() -> dict[tuple[str, str], Sample]:
    return samples(_target()[1])
