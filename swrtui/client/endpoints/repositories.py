"""Repository management (reference 4.2): ``client.repositories``."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from swrtui.client import validation
from swrtui.client.endpoints._base import Area
from swrtui.client.models.repositories import (
    CATEGORIES,
    LIST_ORDER_COLUMNS,
    SHARED_CENTERS,
    SHARED_ORDER_COLUMNS,
    Repository,
)
from swrtui.client.pagination import ContentRange, Fetch, iter_pages
from swrtui.client.urls import QueryValue, filter_param

REPOS = "/v2/manage/namespaces/{namespace}/repos"
ONE = REPOS + "/{repository}"
LIST = "/v2/manage/repos"
SHARED = "/v2/manage/shared-repositories"


def _fuzzy_name(name: str | None) -> str | None:
    # Search fragments need not be valid names; only the "/" → "$" escaping applies.
    return None if name is None else name.replace("/", "$")


def _body(is_public: bool, category: str | None, description: str | None) -> dict[str, Any]:
    if category is not None:
        validation.one_of(category, CATEGORIES, "category")
    body: dict[str, Any] = {"is_public": bool(is_public), "category": category}
    if description is not None:
        body["description"] = description
    return {key: value for key, value in body.items() if value is not None}


class Repositories(Area):
    async def get(self, org: str, repo: str) -> Repository:
        params = validation.repository_params(org, repo)
        return Repository.from_api(await self._client.get_json(ONE, params), namespace=org)

    async def create(
        self,
        org: str,
        repo: str,
        *,
        is_public: bool = False,
        category: str = "other",
        description: str | None = None,
    ) -> None:
        params = {"namespace": validation.organization(org)}
        body = {
            "repository": validation.repository(repo),
            **_body(is_public, category, description),
        }
        await self._client.request("POST", REPOS, params, json_body=body)

    async def update(
        self,
        org: str,
        repo: str,
        *,
        is_public: bool,
        category: str | None = None,
        description: str | None = None,
    ) -> None:
        """Change visibility (always sent: the API requires it), category and description."""
        params = validation.repository_params(org, repo)
        body = _body(is_public, category, description)
        await self._client.request("PATCH", ONE, params, json_body=body)

    async def delete(self, org: str, repo: str) -> None:
        """Delete a repository with all its tags."""
        params = validation.repository_params(org, repo)
        await self._client.request("DELETE", ONE, params)

    async def list(
        self,
        org: str | None = None,
        name: str | None = None,
        *,
        category: str | None = None,
        is_public: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
    ) -> builtins.list[Repository]:
        """One page of the repositories the caller can see (100 by default).

        ``org`` and ``name`` match fragments; newest update first unless ordered.
        """
        items, _ = await self._page(
            org, name, category, is_public, order_column, order_type, offset, limit
        )
        return items

    async def iter_all(
        self,
        org: str | None = None,
        name: str | None = None,
        *,
        category: str | None = None,
        is_public: bool | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
        page_size: int = 100,
    ) -> AsyncIterator[Repository]:
        """Every matching repository, following the pages to the end."""
        fetch = self.pages(
            org,
            name,
            category=category,
            is_public=is_public,
            order_column=order_column,
            order_type=order_type,
        )
        async for repo in iter_pages(fetch, page_size=page_size):
            yield repo

    def pages(
        self,
        org: str | None = None,
        name: str | None = None,
        *,
        category: str | None = None,
        is_public: bool | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
    ) -> Fetch[Repository]:
        """``fetch(offset, limit)`` of one page of repositories, for the pagination helpers."""
        return partial(self._page, org, name, category, is_public, order_column, order_type)

    async def _page(
        self,
        org: str | None,
        name: str | None,
        category: str | None,
        is_public: bool | None,
        order_column: str | None,
        order_type: str | None,
        offset: int | None,
        limit: int | None,
    ) -> tuple[builtins.list[Repository], ContentRange | None]:
        validation.paging(limit, offset)
        if category is not None:
            validation.one_of(category, CATEGORIES, "category")
        query: dict[str, QueryValue] = {
            "namespace": org,
            "name": _fuzzy_name(name),
            "category": category,
            "limit": limit,
            "offset": offset,
            # The SDK has no is_public parameter; the documented filter carries it.
            "filter": filter_param(is_public=is_public),
            **validation.ordering(order_column, order_type, LIST_ORDER_COLUMNS),
        }
        documents, content_range = await self._client.get_page(LIST, query=query)
        return [Repository.from_api(item) for item in documents], content_range

    async def list_shared(
        self,
        center: str = "thirdparty",
        *,
        org: str | None = None,
        name: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order_column: str | None = None,
        order_type: str | None = None,
    ) -> builtins.list[Repository]:
        """Images shared with you (``center="thirdparty"``) or by you (``"self"``).

        For images shared with you ``status`` is true once the share has expired.
        """
        validation.one_of(center, SHARED_CENTERS, "center")
        validation.paging(limit, offset)
        query: dict[str, QueryValue] = {
            "center": center,
            "namespace": org,
            "name": _fuzzy_name(name),
            "limit": limit,
            "offset": offset,
            **validation.ordering(order_column, order_type, SHARED_ORDER_COLUMNS),
        }
        documents, _ = await self._client.get_page(SHARED, query=query)
        return [Repository.from_api(item) for item in documents]
