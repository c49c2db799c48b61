"""``tags list --limit N`` pages the first N from the server for the sorts SWR does itself
(updated, name), and gives the same rows as sorting every tag on the client."""

from __future__ import annotations

import pytest

from swrtui.commands import Session
from tests.commands.conftest import column, run

REPO = "demo/nginx"


def _no_full_listing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("listed every tag for a limited listing")

    monkeypatch.setattr(session.client.tags, "iter_all", refuse)


@pytest.mark.parametrize(
    "options", ["--sort name", "--sort name --reverse", "", "--reverse", "--filter 1."]
)
async def test_limited_listing_pages_from_the_server(
    session: Session, monkeypatch: pytest.MonkeyPatch, options: str
) -> None:
    everything = column(await run(session, f"tags list {REPO} {options}"), "tag")
    assert len(everything) > 4
    with monkeypatch.context() as patch:
        _no_full_listing(session, patch)
        first = await run(session, f"tags list {REPO} {options} --limit 4")
    assert column(first, "tag") == everything[:4]


async def test_client_only_sorts_still_list_everything(session: Session) -> None:
    sizes = column(await run(session, f"tags list {REPO} --sort size --limit 3"), "size")
    every = column(await run(session, f"tags list {REPO} --sort size"), "size")
    assert sizes == every[:3] and sizes == sorted(sizes, reverse=True)  # type: ignore[type-var]


async def test_limit_beyond_the_tags_returns_them_all(session: Session) -> None:
    every = column(await run(session, f"tags list {REPO} --sort name"), "tag")
    assert column(await run(session, f"tags list {REPO} --sort name --limit 5000"), "tag") == every
