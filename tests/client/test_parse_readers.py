"""The lenient field readers keep their conversions on the fast paths added for listing speed."""

from __future__ import annotations

from datetime import datetime, timezone

import msgspec
import pytest

from swrtui.client.models import _parse
from swrtui.client.models.tags import Tag


class Name(str):
    pass


def test_text_converts_and_falls_back() -> None:
    assert _parse.text({"a": None, "b": "x"}, "a", "b") == "x"
    assert _parse.text({"a": 12}, "a") == "12"
    converted = _parse.text({"a": Name("y")}, "a")
    assert converted == "y" and type(converted) is str
    assert _parse.text({}, "a", default="d") == "d"


def test_integers_keep_their_lenient_conversions() -> None:
    assert _parse.integer({"n": 7}, "n") == 7
    assert _parse.integer({"n": True}, "n") == 1
    assert _parse.integer({"n": "12"}, "n") == 12
    assert _parse.integer({"n": 2.9}, "n") == 2
    assert _parse.integer({"n": "x"}, "n", default=5) == 5
    assert _parse.optional_int({"n": 7}, "n") == 7
    assert _parse.optional_int({"n": True}, "n") is None
    assert _parse.optional_int({"n": "12"}, "n") == 12
    assert _parse.optional_int({"n": None}, "n") is None


def test_cached_times_are_equal_and_aware() -> None:
    first = _parse.parse_time("2024-01-02T03:04:05Z")
    again = _parse.parse_time(" 2024-01-02T03:04:05Z ")
    assert first == again == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert _parse.parse_time("2024-01-02T11:04:05+08:00") == first
    assert _parse.parse_time("not a time") is None


def test_tag_from_api_builds_a_complete_equal_model() -> None:
    document = {
        "Tag": "v1",
        "digest": "sha256:ab",
        "size": 3,
        "created": "2024-01-02T03:04:05Z",
        "updated": "2024-01-02T03:04:05.5Z",
        "path": "swr.example/o/r:v1",
        "id": "7",
        "is_trusted": "true",
        "deleted": None,
        "unknown": 1,
    }
    tag = Tag.from_api(document)
    assert tag == Tag.from_api(dict(document)) == msgspec.structs.replace(tag)
    assert hash(tag) == hash(msgspec.structs.replace(tag))
    assert (tag.name, tag.id, tag.is_trusted, tag.schema, tag.manifest) == ("v1", 7, True, 2, "")
    assert (tag.digest, tag.path, tag.internal_path) == ("sha256:ab", "swr.example/o/r:v1", "")
    assert tag.updated == datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=timezone.utc)
    with pytest.raises(AttributeError):
        tag.name = "v2"  # type: ignore[misc]
