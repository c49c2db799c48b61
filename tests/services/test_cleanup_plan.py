"""Cleanup rules and plans: the engine on its own, then a plan against the emulator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from swrtui.client import SwrClient
from swrtui.services.cleanup import (
    Pattern,
    PlannedDeletion,
    RuleError,
    RuleSet,
    make_plan,
    parse_duration,
    parse_scope,
    plan_rules,
    select,
)
from swrtui.services.cleanup.patterns import format_duration, glob_to_regex
from tests.services.conftest import LAB_DOOMED, LAB_TAGS, Lab, lab_size

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
EXPECTED = list(LAB_DOOMED)


@dataclass(frozen=True)
class FakeTag:
    name: str
    digest: str = ""
    size: int = 1
    created: datetime | None = None
    updated: datetime | None = None


def aged(**ages: float) -> list[FakeTag]:
    return [
        FakeTag(name.replace("_", "-"), digest=name, updated=NOW - timedelta(days=age))
        for name, age in ages.items()
    ]


def the_rules(**overrides: object) -> RuleSet:
    values: dict[str, object] = {
        "keep_last": 5,
        "older_than": parse_duration("90d"),
        "keep": (Pattern.parse("latest"), Pattern.parse("release-*")),
    }
    return RuleSet(**{**values, **overrides})  # type: ignore[arg-type]


def test_durations_parse_and_format() -> None:
    assert parse_duration("30d") == timedelta(days=30)
    assert parse_duration("12h") == timedelta(hours=12)
    assert parse_duration("2w") == timedelta(weeks=2)
    assert parse_duration("1w2d") == timedelta(days=9)
    assert format_duration(timedelta(days=90)) == "90d"
    assert format_duration(timedelta(days=14)) == "2w"
    for bad in ("", "30", "d", "30x", "-3d", "0d", "3d junk"):
        with pytest.raises(RuleError):
            parse_duration(bad)


def test_patterns_glob_regex_and_exact() -> None:
    assert Pattern.parse("release-*").matches("release-1.0")
    assert not Pattern.parse("release-*").matches("pre-release-1")
    assert Pattern.parse("re:^v[0-9]+$").matches("v12")
    assert Pattern.parse("re:rc").matches("1.0-rc1")  # regexes search, like SWR's selectors
    assert not Pattern("exact", "latest").matches("latest2")
    with pytest.raises(RuleError):
        Pattern.parse("re:(")
    assert glob_to_regex("release-*.?") == r"^release\-.*\..$"
    assert glob_to_regex("v[!0]") == "^v[^0]$"


def test_scope_splits_org_and_repo() -> None:
    orgs, repos = parse_scope("demo/tools/*")
    assert [str(p) for p in orgs] == ["demo"] and [str(p) for p in repos] == ["tools/*"]
    rules = the_rules(orgs=orgs, repos=repos)
    assert rules.in_scope("demo", "tools/kubectl") and not rules.in_scope("demo", "nginx")
    assert parse_scope("data-*")[1] == ()
    with pytest.raises(RuleError):
        parse_scope("/x")


def test_a_rule_set_needs_a_delete_rule() -> None:
    with pytest.raises(RuleError, match="older-than, keep-last and/or keep-last-images"):
        RuleSet()
    with pytest.raises(RuleError):
        RuleSet(keep_last=-1)
    with pytest.raises(RuleError, match="keep-last-images must be 0 or more"):
        RuleSet(keep_last_images=-1)


def test_keep_last_alone_keeps_the_newest_and_keep_wins() -> None:
    tags = aged(latest=100, a=1, b=2, c=3, d=4)
    assert set(select(tags, RuleSet(keep_last=2), NOW)) == {"c", "d"}
    # Protected tags do not count toward N.
    assert set(select(tags, RuleSet(keep_last=2, keep=()), NOW)) == {"latest", "c", "d"}


def test_older_than_alone_is_strict_and_can_use_created() -> None:
    tags = aged(old=91, edge=90, young=1)
    assert set(select(tags, RuleSet(older_than=timedelta(days=90)), NOW)) == {"old"}
    created_old = FakeTag("moved", created=NOW - timedelta(days=200), updated=NOW)
    by_created = RuleSet(older_than=timedelta(days=90), age_field="created")
    assert select([created_old], by_created, NOW) == {"moved": "older than 90d (created)"}
    assert select([created_old], RuleSet(older_than=timedelta(days=90)), NOW) == {}


def test_both_rules_need_old_and_beyond_n() -> None:
    tags = aged(a=200, b=150, c=10, d=5)
    chosen = select(tags, RuleSet(keep_last=1, older_than=timedelta(days=90)), NOW)
    assert chosen == {
        "a": "older than 90d (updated) and not among the 1 newest",
        "b": "older than 90d (updated) and not among the 1 newest",
    }


def test_include_and_exclude_filter_candidates() -> None:
    tags = aged(sha_1=100, sha_2=100, v1=100, sha_keep=100)
    rules = RuleSet(
        older_than=timedelta(days=1),
        include=(Pattern.parse("re:^sha-"),),
        exclude=(Pattern.parse("*-keep"),),
    )
    assert set(select(tags, rules, NOW)) == {"sha-1", "sha-2"}


def test_tags_without_times_are_never_selected() -> None:
    assert select([FakeTag("mystery")], RuleSet(keep_last=0), NOW) == {}


def test_pure_plan_totals_and_per_image_marks() -> None:
    tags = [
        FakeTag("old", digest="sha256:aa", size=100, updated=NOW - timedelta(days=200)),
        FakeTag("older", digest="sha256:aa", size=100, updated=NOW - timedelta(days=300)),
        FakeTag("alias", digest="sha256:bb", size=50, updated=NOW - timedelta(days=300)),
        FakeTag("latest", digest="sha256:bb", size=50, updated=NOW - timedelta(days=300)),
    ]
    plan = plan_rules(
        {("o", "r"): tags, ("x", "y"): tags},
        the_rules(orgs=(Pattern.parse("o"),), keep_last=None),
        NOW,
    )
    assert [i.tag for i in plan.items] == ["alias", "older", "old"]
    assert plan.repositories == 1 and plan.tags_scanned == 4 and plan.kept == 1
    assert plan.bytes_listed == 250
    # sha256:aa once; sha256:bb is still tagged "latest", so nothing of it is freed.
    assert plan.bytes_freed == 100
    alias, older, old = plan.items
    assert (alias.effect, alias.kept_tags) == ("name-only", ("latest",))
    assert (older.effect, old.effect) == ("removes-image", "removes-image")
    assert older.kept_tags == old.kept_tags == ()
    assert (plan.images_removed, plan.names_only) == (1, 1)
    document = plan.to_dict()
    totals = document["totals"]
    assert (totals["delete"], totals["images_removed"], totals["names_only"]) == (3, 1, 1)
    assert "once per repository" in totals["bytes_note"]
    assert [(i["tag"], i["effect"], i["kept_tags"]) for i in document["items"]] == [
        ("alias", "name-only", ["latest"]),
        ("older", "removes-image", []),
        ("old", "removes-image", []),
    ]
    # Journals carry the marks through.
    assert PlannedDeletion.from_dict(alias.to_dict()) == alias


async def test_plan_against_the_emulator_matches_the_hand_computed_one(
    swr: SwrClient, lab: Lab
) -> None:
    rules = the_rules(orgs=(Pattern.parse("demo"),), repos=(Pattern.parse("cleanup-*"),))
    plan = await make_plan(swr, rules, now=lab.now)
    assert [item.tag for item in plan.items] == EXPECTED
    assert {item.org for item in plan.items} == {"demo"}
    assert {item.repo for item in plan.items} == {"cleanup-lab"}
    assert plan.repositories == 1 and plan.tags_scanned == len(LAB_TAGS)
    first = plan.items[0]
    assert first.rule == "older than 90d (updated) and not among the 5 newest"
    assert first.size == lab_size("build-12") and first.digest.startswith("sha256:")
    assert first.updated == (lab.now - timedelta(days=260)).replace(microsecond=0)
    deleted_keys = [LAB_TAGS[name][1] for name in EXPECTED]
    assert plan.bytes_listed == sum(lab_size(key) for key in deleted_keys)
    # old-alias is the image of build-12 and latest, which stay.
    assert plan.bytes_freed == plan.bytes_listed - lab_size("build-12")
    marked = {item.tag: (item.effect, item.kept_tags) for item in plan.items}
    assert marked.pop("old-alias") == ("name-only", ("build-12", "latest"))
    assert set(marked.values()) == {("removes-image", ())}
    assert lab.tag_names() == set(LAB_TAGS)  # a plan deletes nothing


def _image(name: str, digest: str, days: float, size: int = 10) -> FakeTag:
    return FakeTag(name, digest=digest, size=size, updated=NOW - timedelta(days=days))


# Three images: "new" is a multi-arch list (one digest) tagged three times, "mid" twice,
# "old" once; plus "latest" on the old image, protected as always.
IMAGES = [
    _image("v3", "sha256:new", 1, size=300),
    _image("v3-amd64-alias", "sha256:new", 2, size=300),
    _image("stable", "sha256:new", 30, size=300),
    _image("v2", "sha256:mid", 10, size=200),
    _image("v2.0", "sha256:mid", 11, size=200),
    _image("v1", "sha256:old", 20, size=100),
    _image("latest", "sha256:old", 40, size=100),
]


def test_keep_last_images_keeps_whole_images_with_all_their_tags() -> None:
    # A multi-arch list with three tags is one image: keeping 1 image keeps all three.
    assert set(select(IMAGES, RuleSet(keep_last_images=1), NOW)) == {"v2", "v2.0", "v1"}
    # The old image's time is its candidates' newest (v1, 20 days): "latest" is not one.
    assert set(select(IMAGES, RuleSet(keep_last_images=2), NOW)) == {"v1"}
    assert set(select(IMAGES, RuleSet(keep_last_images=3), NOW)) == set()
    # Keeping 3 tags instead would split the newest image's tags.
    assert set(select(IMAGES, RuleSet(keep_last=3), NOW)) == {"stable", "v2.0", "v1"}
    # Next to keep-last, whatever either keeps stays.
    both = RuleSet(keep_last=3, keep_last_images=1)
    assert set(select(IMAGES, both, NOW)) == {"v2.0", "v1"}
    assert select(IMAGES, both, NOW)["v1"] == (
        "not among the 3 newest and not among the 1 newest images"
    )
    # With older-than, a tag goes only when old and beyond the kept images.
    aged_out = RuleSet(keep_last_images=1, older_than=timedelta(days=15))
    assert set(select(IMAGES, aged_out, NOW)) == {"v1"}


def test_keep_last_images_ties_and_tags_without_digests() -> None:
    same_time = [_image("a", "sha256:a", 5), _image("b", "sha256:b", 5), _image("c", "", 5)]
    # Ties on time: the greater digest counts as newer; no digest is an image of its own.
    assert set(select(same_time, RuleSet(keep_last_images=1), NOW)) == {"a", "b"}
    assert set(select(same_time, RuleSet(keep_last_images=2), NOW)) == {"a"}
    assert select([FakeTag("mystery", digest="sha256:x")], RuleSet(keep_last_images=0), NOW) == {}


def test_keep_last_tags_marks_names_of_kept_images_and_counts_bytes_per_image() -> None:
    # keep-last 1 keeps v3 only: its siblings on the multi-arch list only lose names, while
    # the mid image loses both its tags and goes; the old one stays through "latest".
    plan = plan_rules({("o", "r"): IMAGES}, RuleSet(keep_last=1), NOW)
    marks = {item.tag: (item.effect, item.kept_tags) for item in plan.items}
    assert marks == {
        "stable": ("name-only", ("v3",)),
        "v3-amd64-alias": ("name-only", ("v3",)),
        "v2": ("removes-image", ()),
        "v2.0": ("removes-image", ()),
        "v1": ("name-only", ("latest",)),
    }
    # Only the mid image goes, and its 200 bytes count once for its two tags.
    assert (plan.bytes_freed, plan.bytes_listed) == (200, 300 + 300 + 200 + 200 + 100)
    assert (plan.images_removed, plan.names_only) == (1, 3)
    # The same image in another repository is another image: its bytes count there too.
    twice = plan_rules({("o", "r"): IMAGES, ("o", "s"): IMAGES}, RuleSet(keep_last=1), NOW)
    assert (twice.bytes_freed, twice.images_removed) == (400, 2)


def test_keep_last_images_plans_never_split_an_image() -> None:
    plan = plan_rules({("o", "r"): IMAGES}, RuleSet(keep_last_images=1, keep=()), NOW)
    assert {item.tag for item in plan.items} == {"v2", "v2.0", "v1", "latest"}
    assert all(item.removes_image for item in plan.items)
    assert (plan.images_removed, plan.bytes_freed) == (2, 300)
    assert plan.to_dict()["source"]["keep_last_images"] == 1
    assert RuleSet.from_dict(plan.to_dict()["source"]) == RuleSet(keep_last_images=1, keep=())
