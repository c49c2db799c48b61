"""Image tag management (reference 4.3, plus the SDK's single-tag GET): ``client.tags``."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from functools import partial

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models.tags import ORDER_COLUMNS, Tag, decode_tags
from swrtui.client.pagination import MAX_PAGE_SIZE, ContentRange, Fetch, iter_pages
from swrtui.client.urls import QueryValue

TAGS = "/v2/manage/namespaces/{namespace}/repos/{repository}/tags"
ONE = TAGS + "/{tag}"

RepoKey = tuple[str, str]


async def _as_async(items: Iterable[RepoKey] | AsyncIterable[RepoKey]) -> AsyncIterator[RepoKey]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


def _listed_tag(document: object) -> Tag:
    return Tag.from_api(document, manifest=False)  # type: ignore[arg-type]


class Tags(Area):
    async def list(
        self,
        org: str,
        repo: str,
        *,
        tag: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
    ) -> builtins.list[Tag]:
        """Tags of a repository (all of them unless ``limit`` is given), newest update first.

        ``tag`` matches a fragment of the tag name.
        """
        items, _ = await self._page(org, repo, tag, order_column, order_type, offset, limit)
        return items

    async def iter_all(
        self,
        org: str,
        repo: str,
        *,
        tag: str | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
        page_size: int = 100,
    ) -> AsyncIterator[Tag]:
        """Every tag, fetched ``page_size`` at a time."""
        fetch = self.pages(org, repo, tag=tag, order_column=order_column, order_type=order_type)
        async for item in iter_pages(fetch, page_size=page_size):
            yield item

    def pages(
        self,
        org: str,
        repo: str,
        *,
        tag: str | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
    ) -> Fetch[Tag]:
        """``fetch(offset, limit)`` of one page of tags, for the pagination helpers."""
        return partial(self._page, org, repo, tag, order_column, order_type)

    async def list_many(
        self,
        repos: Iterable[RepoKey] | AsyncIterable[RepoKey],
        *,
        page_size: int = MAX_PAGE_SIZE,
    ) -> dict[RepoKey, builtins.list[Tag]]:
        """All tags of many repositories, fetched concurrently under the client's limit.

        ``repos`` may be an async iterable, such as a repository listing still being paged:
        each repository's tags are fetched as soon as it arrives. Pages are as large as the
        service allows by default: round trips are what a listing costs.
        """

        async def all_tags(key: RepoKey) -> builtins.list[Tag]:
            return [tag async for tag in self.iter_all(*key, page_size=page_size)]

        keys: builtins.list[RepoKey] = []

        async def unique() -> AsyncIterator[RepoKey]:
            seen: set[RepoKey] = set()
            async for key in _as_async(repos):
                if key not in seen:
                    seen.add(key)
                    keys.append(key)
                    yield key

        results = await self._client.gather(all_tags, unique())
        return dict(zip(keys, results, strict=True))

    async def _page(
        self,
        org: str,
        repo: str,
        tag: str | None,
        order_column: str | None,
        order_type: str | None,
        offset: int | None,
        limit: int | None,
    ) -> tuple[builtins.list[Tag], ContentRange | None]:
        params = validation.repository_params(org, repo)
        validation.paging(limit, offset)
        query: dict[str, QueryValue] = {
            "tag": tag,
            "limit": limit,
            "offset": offset,
            **validation.ordering(order_column, order_type, ORDER_COLUMNS),
        }
        # Listed tags keep no manifest (see models.tags): the single-tag call has it.
        return await self._client.get_typed_page(
            TAGS, params, query=query, decode=decode_tags, build=_listed_tag
        )

    async def get(self, org: str, repo: str, tag: str) -> Tag:
        params = {**validation.repository_params(org, repo), "tag": validation.tag(tag)}
        return Tag.from_api(await self._client.get_json(ONE, params))

    async def create(
        self, org: str, repo: str, source: str, destination: str, *, override: bool = False
    ) -> None:
        """Point tag ``destination`` at the image of ``source`` (a retag)."""
        params = validation.repository_params(org, repo)
        body = {
            "source_tag": validation.tag(source),
            "destination_tag": validation.tag(destination),
            "override": override,
        }
        await self._client.request("POST", TAGS, params, json_body=body)

    async def delete(self, org: str, repo: str, tag: str) -> None:
        params = {**validation.repository_params(org, repo), "tag": validation.tag(tag)}
        await self._client.request("DELETE", ONE, params)
