"""Image synchronization (reference 4.8 and the SDK's sync regions): ``client.sync``."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterable
from functools import partial
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.errors import ValidationError
from swrtui.client.models._parse import items
from swrtui.client.models.sync import JOB_ORDERS, SyncJob, SyncTask, region_id
from swrtui.client.pagination import ContentRange, iter_pages
from swrtui.client.urls import filter_param

REPO = "/v2/manage/namespaces/{namespace}/repos/{repository}"
TASKS = REPO + "/sync_repo"
JOBS = REPO + "/sync_job"
SYNC_IMAGES = REPO + "/sync_images"
REGIONS = "/v2/manage/regions"
DEFAULT_JOB_PAGE = 100


def _target(remote_region: str, remote_org: str) -> dict[str, str]:
    return {
        "remoteRegionId": validation.required(remote_region, "remote region"),
        "remoteNamespace": validation.organization(remote_org),
    }


def _tags(tags: Iterable[str]) -> builtins.list[str]:
    checked = builtins.list(dict.fromkeys(validation.tag(tag) for tag in tags))
    if not checked:
        raise ValidationError("give at least one tag to synchronize")
    return checked


class Sync(Area):
    async def list_tasks(self, org: str, repo: str) -> builtins.list[SyncTask]:
        """The repository's automatic sync tasks (the service returns at most 100)."""
        documents, _ = await self._client.get_page(TASKS, validation.repository_params(org, repo))
        return [SyncTask.from_api(item) for item in documents]

    async def create_task(
        self,
        org: str,
        repo: str,
        remote_region: str,
        remote_org: str,
        *,
        sync_auto: bool = True,
        override: bool = False,
    ) -> None:
        """Copy the repository's pushes to ``remote_org`` in ``remote_region``."""
        params = validation.repository_params(org, repo)
        body: dict[str, Any] = {
            **_target(remote_region, remote_org),
            "syncAuto": sync_auto,
            "override": override,
        }
        await self._client.request("POST", TASKS, params, json_body=body)

    async def delete_task(self, org: str, repo: str, remote_region: str, remote_org: str) -> None:
        params = validation.repository_params(org, repo)
        body = _target(remote_region, remote_org)
        await self._client.request("DELETE", TASKS, params, json_body=body)

    async def sync_now(
        self,
        org: str,
        repo: str,
        tags: Iterable[str],
        remote_region: str,
        remote_org: str,
        *,
        override: bool = False,
    ) -> builtins.list[str]:
        """Copy ``tags`` now; returns the tags that failed (empty when all went through)."""
        params = validation.repository_params(org, repo)
        body: dict[str, Any] = {
            **_target(remote_region, remote_org),
            "imageTag": _tags(tags),
            "override": override,
        }
        document, _ = await self._client.request_json("POST", SYNC_IMAGES, params, json_body=body)
        return [str(tag) for tag in items(document) if tag is not None]

    async def jobs(
        self,
        org: str,
        repo: str,
        *,
        limit: int = DEFAULT_JOB_PAGE,
        offset: int = 0,
        order: str | None = None,
    ) -> builtins.list[SyncJob]:
        """One page of the repository's sync jobs (oldest first unless ``order='desc'``)."""
        jobs, _ = await self._job_page(org, repo, order, offset, limit)
        return jobs

    async def iter_jobs(
        self, org: str, repo: str, *, order: str | None = None, page_size: int = DEFAULT_JOB_PAGE
    ) -> AsyncIterator[SyncJob]:
        async for job in iter_pages(partial(self._job_page, org, repo, order), page_size=page_size):
            yield job

    async def _job_page(
        self, org: str, repo: str, order: str | None, offset: int, limit: int
    ) -> tuple[builtins.list[SyncJob], ContentRange | None]:
        params = validation.repository_params(org, repo)
        validation.paging(limit, offset)
        if order is not None:
            validation.one_of(order, JOB_ORDERS, "order")
        # limit and offset are mandatory here, and travel inside the filter.
        query = {"filter": filter_param(limit=limit, offset=offset, order=order)}
        documents, content_range = await self._client.get_page(JOBS, params, query=query)
        return [SyncJob.from_api(item) for item in documents], content_range

    async def regions(self) -> builtins.list[str]:
        """The regions images can be synchronized to."""
        documents, _ = await self._client.get_page(REGIONS)
        return [region for region in map(region_id, documents) if region]
