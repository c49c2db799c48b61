"""Image synchronization across regions (reference 4.8): sync tasks, sync jobs, regions.

The service spells these fields in camelCase (``remoteRegionId``, ``createdAt``); the SDK's
attribute names (``remote_region_id``) are read too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from swrtui.client.models import _parse

JOB_ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class SyncTarget:
    """A repository and the organization in another (or the same) region it copies to."""

    id: int
    domain_id: str
    domain_name: str
    namespace: str
    repo_name: str
    remote_region_id: str
    remote_namespace: str
    override: bool
    created_at: datetime | None
    updated_at: datetime | None

    @staticmethod
    def fields_from_api(document: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "id": _parse.integer(document, "id"),
            "domain_id": _parse.text(document, "domainID", "domain_id"),
            "domain_name": _parse.text(document, "domainName", "domain_name"),
            "namespace": _parse.text(document, "namespace"),
            "repo_name": _parse.text(document, "repoName", "repo_name"),
            "remote_region_id": _parse.text(document, "remoteRegionId", "remote_region_id"),
            "remote_namespace": _parse.text(document, "remoteNamespace", "remote_namespace"),
            "override": _parse.boolean(document, "override"),
            "created_at": _parse.time(document, "createdAt", "created_at"),
            "updated_at": _parse.time(document, "updatedAt", "updated_at"),
        }


@dataclass(frozen=True)
class SyncTask(SyncTarget):
    """An automatic sync task (``SyncRepo``): pushes are copied when ``sync_auto``."""

    sync_auto: bool = False

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> SyncTask:
        document = _parse.mapping(document)
        return cls(
            **cls.fields_from_api(document),
            sync_auto=_parse.boolean(document, "syncAuto", "sync_auto"),
        )


@dataclass(frozen=True)
class SyncJob(SyncTarget):
    """One tag copied to one target, by a task or a manual sync."""

    tag: str = ""
    status: str = ""  # success, failed, timeout, existed, ...
    operator_id: str = ""
    operator_name: str = ""

    @classmethod
    def from_api(cls, document: Mapping[str, Any]) -> SyncJob:
        document = _parse.mapping(document)
        return cls(
            **cls.fields_from_api(document),
            tag=_parse.text(document, "tag"),
            status=_parse.text(document, "status"),
            operator_id=_parse.text(document, "syncOperatorId", "sync_operator_id"),
            operator_name=_parse.text(document, "syncOperatorName", "sync_operator_name"),
        )


def region_id(document: Mapping[str, Any]) -> str:
    """The region of one ``RegionInfo`` entry."""
    return _parse.text(_parse.mapping(document), "regionID", "region_id", "regionId")
