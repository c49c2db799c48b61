"""Image retention policies (reference 4.10): ``client.retention``."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterable
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.errors import ValidationError
from swrtui.client.models._parse import integer, items, mapping
from swrtui.client.models.retention import (
    ALGORITHMS,
    Retention,
    RetentionHistory,
    RetentionRecord,
    RetentionRule,
)
from swrtui.client.pagination import ContentRange, iter_pages, parse_content_range

RETENTIONS = "/v2/manage/namespaces/{namespace}/repos/{repository}/retentions"
ONE = RETENTIONS + "/{retention_id}"
HISTORIES = RETENTIONS + "/histories"


def _policy_body(rules: Iterable[RetentionRule], algorithm: str) -> dict[str, Any]:
    checked = [rule.check().to_api() for rule in rules]
    if not checked:
        raise ValidationError("a retention policy needs at least one rule")
    return {"algorithm": validation.one_of(algorithm, ALGORITHMS, "algorithm"), "rules": checked}


def _retention_id(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"retention id must be a non-negative integer, got {value!r}")
    return value


class RetentionPolicies(Area):
    def _params(self, org: str, repo: str, retention_id: int) -> dict[str, object]:
        return {
            **validation.repository_params(org, repo),
            "retention_id": _retention_id(retention_id),
        }

    async def list(self, org: str, repo: str) -> builtins.list[Retention]:
        documents, _ = await self._client.get_page(
            RETENTIONS, validation.repository_params(org, repo)
        )
        return [Retention.from_api(item) for item in documents]

    async def get(self, org: str, repo: str, retention_id: int) -> Retention:
        document = await self._client.get_json(ONE, self._params(org, repo, retention_id))
        return Retention.from_api(document)

    async def create(
        self, org: str, repo: str, rules: Iterable[RetentionRule], *, algorithm: str = "or"
    ) -> int:
        """Create the repository's policy (it runs at once); returns its id."""
        params = validation.repository_params(org, repo)
        document, _ = await self._client.request_json(
            "POST", RETENTIONS, params, json_body=_policy_body(rules, algorithm)
        )
        return integer(mapping(document), "id")

    async def update(
        self,
        org: str,
        repo: str,
        retention_id: int,
        rules: Iterable[RetentionRule],
        *,
        algorithm: str = "or",
    ) -> None:
        """Replace the policy's rules (it runs at once)."""
        params = self._params(org, repo, retention_id)
        await self._client.request("PATCH", ONE, params, json_body=_policy_body(rules, algorithm))

    async def delete(self, org: str, repo: str, retention_id: int) -> None:
        await self._client.request("DELETE", ONE, self._params(org, repo, retention_id))

    async def histories(
        self, org: str, repo: str, *, limit: int | None = None, offset: int | None = None
    ) -> RetentionHistory:
        """Tags deleted by retention runs, newest first (all of them unless ``limit``)."""
        records, _, total = await self._history_page(org, repo, offset, limit)
        return RetentionHistory(tuple(records), total)

    async def iter_histories(
        self, org: str, repo: str, *, page_size: int = 100
    ) -> AsyncIterator[RetentionRecord]:
        async def fetch(
            offset: int, limit: int
        ) -> tuple[builtins.list[RetentionRecord], ContentRange | None]:
            records, content_range, _ = await self._history_page(org, repo, offset, limit)
            return records, content_range

        async for record in iter_pages(fetch, page_size=page_size):
            yield record

    async def _history_page(
        self, org: str, repo: str, offset: int | None, limit: int | None
    ) -> tuple[builtins.list[RetentionRecord], ContentRange | None, int]:
        params = validation.repository_params(org, repo)
        validation.paging(limit, offset)
        document, response = await self._client.request_json(
            "GET", HISTORIES, params, query={"limit": limit, "offset": offset}
        )
        document = mapping(document)
        records = [RetentionRecord.from_api(item) for item in items(document.get("retention_log"))]
        content_range = parse_content_range(response.headers.get("Content-Range"))
        return records, content_range, integer(document, "total", default=len(records))
