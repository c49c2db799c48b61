"""The seeds: the demo tenant's content, determinism, and the large benchmark seeds."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui import names
from swrtui.emulator.state import seeds
from swrtui.emulator.state.seed_demo import demo_state
from swrtui.emulator.state.seed_large import large_state, parse_large_spec
from swrtui.emulator.state.snapshot import to_document
from swrtui.emulator.state.store import AUTH_EDIT, AUTH_VIEW, EmulatorState, Repository
from tests.conftest import ANCHOR, LiveEmulator
from tests.emulator.helpers import client_as

MB = 1024 * 1024


def _repos(state: EmulatorState, domain_id: str = seeds.DEMO_DOMAIN_ID) -> list[Repository]:
    return [r for ns in state.namespaces_of(domain_id) for r in ns.repos.values()]


@pytest.fixture(scope="module")
def demo() -> EmulatorState:
    return demo_state()


def test_demo_is_identical_every_build() -> None:
    first = json.dumps(to_document(demo_state(), include_secrets=True), sort_keys=True)
    second = json.dumps(to_document(seeds.build("demo"), include_secrets=True), sort_keys=True)
    assert first == second


def test_demo_organizations_leave_quota_free(demo: EmulatorState) -> None:
    domain = demo.domains[seeds.DEMO_DOMAIN_ID]
    owned = sorted(ns.name for ns in demo.namespaces_of(domain.id))
    assert owned == ["data-team", "demo", "ml-lab", "platform"]
    assert len(owned) < domain.namespace_quota
    assert all(names.is_valid_organization(name) for name in owned)


def test_demo_repositories_are_varied(demo: EmulatorState) -> None:
    repos = _repos(demo)
    assert len(repos) >= 40
    assert {r.category for r in repos} == {
        "app_server", "linux", "framework_app", "database", "lang", "windows", "arm", "other",
    }  # fmt: skip
    assert any(r.is_public for r in repos) and not all(r.is_public for r in repos)
    assert sum("/" in r.name for r in repos) >= 5
    assert all(names.is_valid_repository(r.name) and r.description for r in repos)
    assert sum(len(r.tags) >= 20 for r in repos) >= 5


def test_demo_tags_use_real_naming_schemes(demo: EmulatorState) -> None:
    tags = [t.name for r in _repos(demo) for t in r.tags.values()]
    assert all(names.is_valid_tag(t) for t in tags)
    kinds = Counter(
        "latest" if t == "latest"
        else "sha" if t.startswith("sha-")
        else "release" if t.startswith("release-")
        else "rc" if "-rc" in t or t == "rc"
        else "date" if len(t) >= 10 and t[4] == "-" and t[7] == "-"
        else "semver" if t.count(".") == 2
        else "other"
        for t in tags
    )  # fmt: skip
    for kind in ("latest", "sha", "release", "rc", "date", "semver"):
        assert kinds[kind] >= 3, kind


def test_demo_retags_share_a_digest(demo: EmulatorState) -> None:
    nginx = demo.namespaces["demo"].repos["nginx"]
    newest = max(
        (t for t in nginx.tags.values() if t.name.count(".") == 2), key=lambda t: t.updated
    )
    assert nginx.tags["latest"].digest == newest.digest
    assert nginx.tags[newest.name.rsplit(".", 1)[0]].digest == newest.digest
    # A repository's size counts each shared image once.
    assert nginx.size == sum({t.digest: t.size for t in nginx.tags.values()}.values())
    assert nginx.size < sum(t.size for t in nginx.tags.values())


def test_demo_sizes_and_ages_suit_cleanups(demo: EmulatorState) -> None:
    all_tags = [t for r in _repos(demo) for t in r.tags.values()]
    sizes = [t.size for t in all_tags]
    assert min(sizes) < 5 * MB
    assert 1024 * MB < max(sizes) <= 1700 * MB
    ages = [ANCHOR - t.updated for t in all_tags]
    assert max(ages) > timedelta(days=365) and min(ages) >= timedelta(0)
    old = sum(age > timedelta(days=90) for age in ages)
    assert 0.3 < old / len(ages) < 0.9
    # Repositories that have seen no push for over 90 days, and busy ones.
    last_push = [max(t.updated for t in r.tags.values()) for r in _repos(demo)]
    assert any(ANCHOR - when > timedelta(days=90) for when in last_push)
    assert any(ANCHOR - when < timedelta(days=7) for when in last_push)


def test_demo_permissions(demo: EmulatorState) -> None:
    users = demo.domains[seeds.DEMO_DOMAIN_ID].users
    alice, bob = users["u-dev-0002"], users["u-ops-0003"]
    assert demo.namespace_auth(alice, demo.namespaces["platform"]) == AUTH_EDIT
    assert demo.namespace_auth(bob, demo.namespaces["data-team"]) == AUTH_VIEW
    ml_lab = demo.namespaces["ml-lab"]
    assert demo.namespace_auth(alice, ml_lab) == 0 and demo.namespace_visible(alice, ml_lab)
    assert ml_lab.repos["models/bert-base"].permissions[alice.id].auth == AUTH_VIEW


def test_demo_policies_triggers_and_syncs(demo: EmulatorState) -> None:
    gateway = demo.namespaces["platform"].repos["api-gateway"]
    (policy,) = gateway.retentions.values()
    assert policy.algorithm == "or"
    assert policy.rules == [
        {
            "template": "date_rule",
            "params": {"days": "90"},
            "tag_selectors": [{"kind": "label", "pattern": "latest"}],
        }
    ]
    assert {log.retention_id for log in gateway.retention_logs} == {policy.id}
    portal = demo.namespaces["platform"].repos["frontend/web-portal"]
    (trigger,) = portal.triggers.values()
    assert (trigger.trigger_type, trigger.enable, trigger.trigger_mode) == ("all", "true", "cce")
    assert {h.result for h in trigger.history} <= {"success", "failed"} and trigger.history
    nginx = demo.namespaces["demo"].repos["nginx"]
    assert [s.sync_auto for s in nginx.sync_repos] == [True]
    assert len(nginx.sync_jobs) >= 10 and {j.tag for j in nginx.sync_jobs} <= set(nginx.tags)
    assert "success" in {j.status for j in nginx.sync_jobs}


def test_demo_shares_both_ways_and_has_traffic(demo: EmulatorState) -> None:
    runner = demo.namespaces["demo"].repos["tools/ci-runner"]
    assert runner.access_domains["partner-account"].deadline == "forever"
    partner_org = demo.namespaces["partner-tools"]
    assert partner_org.domain_id == seeds.PARTNER_DOMAIN_ID
    assert "demo-account" in partner_org.repos["shared-base"].access_domains
    downflow = demo.domains[seeds.DEMO_DOMAIN_ID].downflow
    assert len(downflow) == 30 and all(v > 0 for v in downflow.values())
    assert max(downflow) == f"{ANCHOR - timedelta(days=1):%Y-%m-%d}"
    assert sum(r.num_download for r in _repos(demo)) > 0


@pytest.mark.socket
def test_demo_through_the_official_sdk(live_emulator: LiveEmulator, sdk: Any) -> None:
    listed = sdk.list_repos_details(model.ListReposDetailsRequest(limit="100"))
    assert listed.content_range.endswith(f"/{len(_repos(live_emulator.app.state))}")
    as_alice = client_as(live_emulator, "alice")
    plain = as_alice.list_namespaces(model.ListNamespacesRequest()).namespaces
    visible = as_alice.list_namespaces(
        model.ListNamespacesRequest(filter="mode::visible")
    ).namespaces
    assert [ns.name for ns in plain] == ["platform"]
    assert [ns.name for ns in visible] == ["ml-lab", "platform"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("large:200x100", (1, 200, 100)),
        ("large:2x100x100", (2, 100, 100)),
        ("large:3x1", (1, 3, 1)),
    ],
)
def test_large_spec_forms(spec: str, expected: tuple[int, int, int]) -> None:
    assert parse_large_spec(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("large", "use large:REPOSxTAGS or large:ORGSxREPOSxTAGS"),
        ("large:10", "use large:REPOSxTAGS"),
        ("large:2x3x4x5", "use large:REPOSxTAGS"),
        ("large:ax3", "use large:REPOSxTAGS"),
        ("large:0x3", "at least 1"),
        ("large:1000x1000x1000", "more than"),
    ],
)
def test_large_spec_errors(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        seeds.build(spec)


def test_unknown_seed() -> None:
    with pytest.raises(ValueError, match="unknown seed 'huge'"):
        seeds.build("huge")


@pytest.mark.parametrize("spec", ["large:200x100", "large:2x100x100", "large:30x20x5"])
def test_large_counts_and_build_time(spec: str) -> None:
    orgs, repos, tags = parse_large_spec(spec)
    started = time.perf_counter()
    state = large_state(orgs, repos, tags)
    elapsed = time.perf_counter() - started
    print(f"{spec}: {orgs * repos * tags} tags built in {elapsed * 1000:.0f} ms")
    built = _repos(state)
    assert len(state.namespaces_of(seeds.DEMO_DOMAIN_ID)) == orgs
    assert len(built) == orgs * repos
    assert {len(r.tags) for r in built} == {tags}
    assert state.domains[seeds.DEMO_DOMAIN_ID].namespace_quota > orgs
    ids = [r.id for r in built] + [t.id for r in built for t in r.tags.values()]
    assert len(ids) == len(set(ids))
    # Distinct images within a repository, the same image across repositories.
    first, last = built[0], built[-1]
    assert len({t.digest for t in first.tags.values()}) == tags
    assert first.tags.keys() == last.tags.keys()
    assert [t.digest for t in first.tags.values()] == [t.digest for t in last.tags.values()]


def test_the_demo_day_is_midnight_of_the_clock_s_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timezone

    from swrtui import clock
    from swrtui.emulator.state.seed_demo import demo_anchor

    assert demo_anchor() == ANCHOR
    with clock.pinned(datetime(2031, 7, 4, 23, 59, 58, tzinfo=timezone.utc)):
        assert demo_anchor() == datetime(2031, 7, 4, tzinfo=timezone.utc)
        # The seed moves with the clock: its history ends that day.
        state = demo_state()
        repos = [r for ns in state.namespaces.values() for r in ns.repos.values()]
        newest = max(t.updated for r in repos for t in r.tags.values())
        assert newest.date() <= datetime(2031, 7, 4).date()
        assert newest.year == 2031
    monkeypatch.setenv(clock.ENV, "yesterday")
    with pytest.raises(clock.ClockError, match="SWRTUI_NOW must be a moment"):
        demo_anchor()
