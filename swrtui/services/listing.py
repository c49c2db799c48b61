"""Listings that fan out over many requests, and exactly what they could not fetch.

A :class:`Partial` is the one result type for such a listing, whichever front end shows
it: ``value`` holds what arrived, ``gaps`` each part that still failed after the client's
retries (which repository's tags, which page of repositories) with its error code, message
and URL, and ``retry()`` fetches only those parts again and merges them in. A partial list
must never pass for a complete one, so every caller checks :attr:`Partial.complete`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from swrtui.client.errors import SwrError
from swrtui.client.models.repositories import Repository
from swrtui.client.models.tags import Tag
from swrtui.client.pagination import (
    Fetch,
    PageFailure,
    PageScan,
    PageSink,
    delivering,
    scan_pages,
    scan_pages_concurrently,
    settle,
)

if TYPE_CHECKING:
    from swrtui.client import SwrClient

T = TypeVar("T")
RepoKey = tuple[str, str]


@dataclass(frozen=True)
class Gap:
    """One part of a listing that is missing, and why."""

    what: str
    error_code: str
    error_msg: str
    url: str = ""

    @classmethod
    def of(cls, what: str, error: SwrError) -> Gap:
        return cls(what, error.error_code or "ERROR", error.error_msg, error.url or "")

    @property
    def line(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"{self.what}: {self.error_code}: {' '.join(self.error_msg.split())}{where}"

    def to_dict(self) -> dict[str, str]:
        return {
            "what": self.what,
            "error_code": self.error_code,
            "error_msg": self.error_msg,
            "url": self.url,
        }


@dataclass(frozen=True)
class Partial(Generic[T]):
    value: T
    gaps: tuple[Gap, ...] = ()
    # Fetches only the gaps again; None when there is nothing to retry.
    refetch: Callable[[], Awaitable[Partial[T]]] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def complete(self) -> bool:
        return not self.gaps

    async def retry(self) -> Partial[T]:
        return self if self.refetch is None else await self.refetch()


# -- pages of one list ---------------------------------------------------------------------


def _page_what(noun: str, failure: PageFailure) -> str:
    if failure.to_end:
        return f"{noun} from #{failure.offset + 1} on"
    return f"{noun} #{failure.offset + 1}-{failure.offset + failure.limit}"


def _paged(noun: str, fetch: Fetch[T], scan: PageScan[T]) -> Partial[list[T]]:
    gaps = tuple(Gap.of(_page_what(noun, f), f.error) for f in scan.failures)

    async def refetch() -> Partial[list[T]]:
        merged: PageScan[T] = PageScan(dict(scan.pages))
        for failure in scan.failures:
            again = await scan_pages(
                fetch,
                page_size=failure.limit,
                start=failure.offset,
                pages=None if failure.to_end else 1,
            )
            merged.pages.update(again.pages)
            merged.failures += again.failures
        return _paged(noun, fetch, merged)

    return Partial(scan.items, gaps, refetch if gaps else None)


async def list_pages(
    noun: str, fetch: Fetch[T], *, page_size: int = 100, pages: int | None = None
) -> Partial[list[T]]:
    """Every page of one list (the first ``pages``); ``noun`` names its items in gaps
    ("repositories #101-200")."""
    return _paged(noun, fetch, await scan_pages(fetch, page_size=page_size, pages=pages))


async def stream_pages(
    noun: str, fetch: Fetch[T], on_page: PageSink[T], *, page_size: int = 100, limit: int = 16
) -> Partial[list[T]]:
    """Every page of one big list, ``limit`` at a time once the total is known, each handed
    to ``on_page(offset, items)`` in list order as it is in; so are the pages a
    :meth:`Partial.retry` gets later (after the others: they arrive last)."""
    scan = await scan_pages_concurrently(fetch, page_size=page_size, limit=limit, on_page=on_page)
    return _paged(noun, delivering(fetch, on_page), scan)


async def list_repositories(
    client: SwrClient,
    org: str | None = None,
    *,
    page_size: int = 100,
    pages: int | None = None,
    **query: Any,
) -> Partial[list[Repository]]:
    """Every repository (of ``org``), page by page; ``query`` as ``repositories.pages``."""
    noun = f"repositories of {org}" if org else "repositories"
    fetch = client.repositories.pages(org, **query)
    return await list_pages(noun, fetch, page_size=page_size, pages=pages)


async def list_tags(
    client: SwrClient, org: str, repo: str, *, page_size: int = 100, **query: Any
) -> Partial[list[Tag]]:
    """Every tag of one repository, page by page; ``query`` as ``tags.pages``."""
    fetch = client.tags.pages(org, repo, **query)
    return await list_pages(f"tags of {org}/{repo}", fetch, page_size=page_size)


# -- one list per repository ----------------------------------------------------------------


async def list_tags_many(
    client: SwrClient, repos: Iterable[RepoKey], *, page_size: int = 100
) -> Partial[dict[RepoKey, list[Tag]]]:
    """All tags of many repositories, concurrently under the client's limit; a repository
    whose tags could not all be listed is a gap, never a short list."""
    return await _tags_of(client, list(dict.fromkeys(repos)), {}, page_size)


async def _tags_of(
    client: SwrClient, keys: list[RepoKey], have: dict[RepoKey, list[Tag]], page_size: int
) -> Partial[dict[RepoKey, list[Tag]]]:
    async def all_tags(key: RepoKey) -> list[Tag]:
        return [tag async for tag in client.tags.iter_all(*key, page_size=page_size)]

    outcomes = await client.gather(settle(all_tags), keys)
    found = dict(have)
    failed: list[tuple[RepoKey, SwrError]] = []
    for key, outcome in zip(keys, outcomes, strict=True):
        if isinstance(outcome, SwrError):
            failed.append((key, outcome))
        else:
            found[key] = outcome
    gaps = tuple(Gap.of(f"tags of {org}/{repo}", error) for (org, repo), error in failed)
    missing = [key for key, _ in failed]

    async def refetch() -> Partial[dict[RepoKey, list[Tag]]]:
        return await _tags_of(client, missing, found, page_size)

    return Partial(found, gaps, refetch if gaps else None)
