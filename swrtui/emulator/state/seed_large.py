"""The ``large`` seeds for benchmarks: ``large:REPOSxTAGS`` or ``large:ORGSxREPOSxTAGS``.

``large:200x100`` is one organization of 200 repositories with 100 tags each (20,000 tags);
``large:2x100x100`` is two organizations of 100 repositories with 100 tags each. The data is
plain and uniform, in the demo tenant (organizations ``bench-000``..., repositories
``repo-0000``..., tags ``v0.0.0``...). Building must stay cheap at tens of thousands of tags, so
each distinct image's manifest and digest are computed once and shared: tag *i* of every
repository is the same image, as when one build is pushed to many repositories.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from swrtui.emulator.state.manifests import make_tag
from swrtui.emulator.state.store import (
    EmulatorState,
    Repository,
    Tag,
    add_namespace,
    add_repository,
)
from swrtui.emulator.state.tenants import DEMO_DOMAIN_ID, tenants

MAX_TOTAL_TAGS = 2_000_000
ANCHOR = datetime(2026, 11, 1, tzinfo=timezone.utc)
MAX_SPAN = timedelta(days=365 * 20)
IMAGE_POOL = 10_000
_SPEC = re.compile(r"large:(\d+)x(\d+)(?:x(\d+))?")
_USAGE = "use large:REPOSxTAGS or large:ORGSxREPOSxTAGS, e.g. large:200x100 or large:2x100x100"


def parse_large_spec(spec: str) -> tuple[int, int, int]:
    """``"large:2x100x100"`` -> (2, 100, 100); ``"large:200x100"`` -> (1, 200, 100)."""
    match = _SPEC.fullmatch(spec.strip())
    if match is None:
        raise ValueError(f"invalid large seed {spec!r}: {_USAGE}")
    counts = [int(group) for group in match.groups() if group is not None]
    orgs, repos, tags = counts if len(counts) == 3 else [1, *counts]
    if min(orgs, repos, tags) < 1:
        raise ValueError(f"invalid large seed {spec!r}: every count must be at least 1")
    if orgs * repos * tags > MAX_TOTAL_TAGS:
        raise ValueError(
            f"invalid large seed {spec!r}: {orgs * repos * tags} tags is more than {MAX_TOTAL_TAGS}"
        )
    return orgs, repos, tags


def large_state(orgs: int, repos: int, tags: int) -> EmulatorState:
    """The demo tenants plus ``orgs`` x ``repos`` x ``tags`` of uniform data."""
    state = tenants()
    demo = state.domains[DEMO_DOMAIN_ID]
    admin = demo.users["u-admin-0001"]
    # One slot stays free so creating an organization still works in a benchmark.
    demo.namespace_quota = max(demo.namespace_quota, orgs + 1)
    images = _ImageCache(state)
    for org_index in range(orgs):
        ns = add_namespace(state, f"bench-{org_index:03d}", admin, ANCHOR - timedelta(days=400))
        for repo_index in range(repos):
            repo = add_repository(
                state,
                ns,
                f"repo-{repo_index:04d}",
                ANCHOR - timedelta(days=400),
                admin,
                updated=ANCHOR,
                description=f"benchmark repository {repo_index} of {ns.name}",
                is_public=repo_index % 10 == 0,
            )
            for tag_index in range(tags):
                tag = images.tag(repo, tag_index, tags)
                repo.tags[tag.name] = tag
            repo.updated = max(t.updated for t in repo.tags.values())
    return state


class _ImageCache:
    """Computes each distinct image once; other repositories get copies with their own ids.

    A repository holds at most :data:`IMAGE_POOL` distinct images: beyond that, tags point
    at images already built (as when many tags are pushed for a few builds), so a
    million-tag seed does not build and keep a million manifests.
    """

    def __init__(self, state: EmulatorState) -> None:
        self._templates: dict[int, Tag] = {}
        self._images: dict[int, Tag] = {}
        self._state = state

    def tag(self, repo: Repository, index: int, count: int) -> Tag:
        template = self._templates.get(index)
        if template is None:
            # Oldest first, one push every ~3 days back from the anchor; a repository too big
            # for that (a million tags would reach back before year 1) spreads its pushes
            # evenly over the last :data:`MAX_SPAN` instead.
            step = min(timedelta(days=3), MAX_SPAN / count)
            when = ANCHOR - step * (count - index) - timedelta(hours=index % 24)
            name = f"v{index // 100}.{index // 10 % 10}.{index % 10}"
            image = self._image(repo, index % IMAGE_POOL)
            template = replace(
                image, id=self._state.next_id(), name=name, created=when, updated=when
            )
            self._templates[index] = template
            return template
        return replace(template, id=self._state.next_id(), repo_id=repo.id)

    def _image(self, repo: Repository, image: int) -> Tag:
        found = self._images.get(image)
        if found is None:
            found = make_tag(
                self._state,
                repo,
                "",
                content_key=f"large@{image}",
                size=(20 + image % 180) * 1024 * 1024,
                created=ANCHOR,
                built=ANCHOR,
            )
            self._images[image] = found
        return found
