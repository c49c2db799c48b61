"""The one text format for sizes, times and digests, and the table cells that use it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from swrtui import clock
from swrtui.commands.format import ago, human_bytes, plural, short_digest, tag_type, when, when_full
from swrtui.commands.render import cell
from swrtui.registry import media

DIGEST = "sha256:" + "0123456789abcdef" * 4


def test_sizes_in_binary_units() -> None:
    assert [human_bytes(n) for n in (0, 1023, 1536, 5 * 1024**3)] == [
        "0 B",
        "1023 B",
        "1.5 KiB",
        "5.0 GiB",
    ]


def test_times_in_utc_to_the_minute() -> None:
    beijing = timezone(timedelta(hours=8))
    assert when(datetime(2024, 1, 2, 11, 4, 59, tzinfo=beijing)) == "2024-01-02 03:04"
    assert when(None) == "-"


def test_digest_as_docker_prints_it() -> None:
    assert short_digest(DIGEST) == "0123456789ab"
    assert short_digest("0123456789abcdef") == "0123456789ab"


def test_table_cells_use_the_same_formats() -> None:
    moment = datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc)
    assert cell(DIGEST, "digest") == short_digest(DIGEST)
    assert cell(moment, "time") == ago(moment)
    assert cell(moment, "time", detail=True) == when_full(moment)


def test_times_relative_to_the_pinned_clock_with_zone_in_details() -> None:
    now = clock.now()
    three_days = now - timedelta(days=3, hours=2)
    assert ago(three_days) == "3 days ago"
    assert ago(now - timedelta(hours=1)) == "1 hour ago"
    assert ago(now - timedelta(seconds=20)) == "just now"
    assert ago(now + timedelta(days=14)) == "in 2 weeks"
    assert ago(now - timedelta(days=400)) == "1 year ago"
    assert when_full(three_days) == f"{when(three_days)} UTC (3 days ago)"
    assert when_full(None) == ago(None) == "-"
    assert cell(1536, "bytes") == human_bytes(1536)


def test_counts_agree_in_number() -> None:
    assert [plural(n, "tag") for n in (0, 1, 2)] == ["0 tags", "1 tag", "2 tags"]
    assert plural(1, "repository", "repositories") == "1 repository"


def test_tag_type_names_the_manifest_media_type() -> None:
    def manifest(**fields: object) -> str:
        return json.dumps({"schemaVersion": 2, **fields})

    oci_config = {"mediaType": media.OCI_CONFIG, "digest": DIGEST, "size": 1}
    assert tag_type(0, 2, manifest(mediaType=media.DOCKER_MANIFEST)) == (
        "Docker image manifest (schema 2)"
    )
    assert tag_type(0, 2, manifest(mediaType=media.OCI_MANIFEST)) == "OCI image manifest"
    assert tag_type(0, 2, manifest(config=oci_config, layers=[])) == "OCI image manifest"
    assert tag_type(1, 2, manifest(mediaType=media.DOCKER_LIST)) == "Docker manifest list"
    assert tag_type(1, 2, manifest(manifests=[])) == "OCI image index"
    # Without a manifest (a listed tag) or with one that says nothing: SWR's own fields.
    assert tag_type(0, 2) == "manifest (schema 2)"
    assert tag_type(1, 2, "not json") == "manifest list"
