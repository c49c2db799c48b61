"""Listing pages decode straight into compact tags, and agree with the lenient readers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from swrtui.client.models.tags import Tag, decode_tags

DIGEST = "sha256:" + "ab" * 32
IMAGE = "cd" * 32


def listed(**changes: Any) -> dict[str, Any]:
    document = {
        "Tag": "v1",
        "id": 7,
        "repo_id": 3,
        "image_id": IMAGE,
        "manifest": '{"schemaVersion":2}',
        "digest": DIGEST,
        "schema": 2,
        "path": "swr.example/o/r:v1",
        "internal_path": "10.0.0.1:20202/o/r:v1",
        "size": 1234567,
        "is_trusted": False,
        "created": "2024-01-02T03:04:05Z",
        "updated": "2024-01-02T03:04:05Z",
        "domain_id": "d" * 32,
        "tag_type": 0,
        "deleted": None,
        "scanned": True,
    }
    document.update(changes)
    return document


def page(*documents: dict[str, Any]) -> bytes:
    return json.dumps(list(documents)).encode()


def test_a_page_decodes_to_the_same_tags_as_the_lenient_readers_without_manifests() -> None:
    documents = [listed(), listed(Tag="v2", path="swr.example/o/r:v2", size="12", id="8")]
    tags = decode_tags(page(*documents))
    assert tags == [Tag.from_api(document, manifest=False) for document in documents]
    first = tags[0]
    assert (first.name, first.digest, first.image_id) == ("v1", DIGEST, IMAGE)
    assert (first.path, first.internal_path) == ("swr.example/o/r:v1", "10.0.0.1:20202/o/r:v1")
    assert (first.size, first.id, first.repo_id, first.scanned, first.manifest) == (
        1234567, 7, 3, True, "")  # fmt: skip
    assert (tags[1].size, tags[1].id, tags[1].path) == (12, 8, "swr.example/o/r:v2")


def test_the_single_tag_reader_keeps_the_manifest() -> None:
    assert Tag.from_api(listed()).manifest == '{"schemaVersion":2}'


def test_tags_of_a_repository_share_their_address_and_domain() -> None:
    one, two = decode_tags(page(listed(), listed(Tag="v2", path="swr.example/o/r:v2")))
    assert one._path is two._path
    assert one.domain_id is two.domain_id
    assert isinstance(one._digest, bytes) and len(one._digest) == 32


def test_unusual_values_come_back_exactly_as_sent() -> None:
    odd = listed(
        Tag="x",
        digest="SHA256:" + "AB" * 32,
        image_id="AB" * 32,
        path="elsewhere/o/r:y",
        internal_path="ends-with:",
    )
    (tag,) = decode_tags(page(odd))
    assert tag.digest == "SHA256:" + "AB" * 32
    assert tag.image_id == "AB" * 32
    assert (tag.path, tag.internal_path) == ("elsewhere/o/r:y", "ends-with:")


def test_a_page_the_strict_decoder_refuses_goes_through_the_lenient_readers() -> None:
    documents = [listed(size=3.5, is_trusted="yes", Tag=5), listed(created=17)]
    tags = decode_tags(page(*documents))
    assert tags == [Tag.from_api(document, manifest=False) for document in documents]
    assert tags is not None
    assert (tags[0].name, tags[0].size, tags[0].is_trusted, tags[1].created) == (
        "5", 3, True, None)  # fmt: skip


def test_what_is_not_an_array_is_left_to_the_general_decoder() -> None:
    assert decode_tags(b'{"Tag": "v1"}') is None
    assert decode_tags(b"not json") is None
    assert decode_tags(b"[]") == []


def _entry(os: str, arch: str, variant: str = "", **extra: Any) -> dict[str, Any]:
    platform = {"os": os, "architecture": arch, **({"variant": variant} if variant else {})}
    return {"mediaType": "m", "digest": "sha256:" + "0" * 64, "size": 1, "platform": platform,
            **extra}  # fmt: skip


DOCKER_LIST = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
    "manifests": [_entry("linux", "amd64"), _entry("linux", "arm64", "v8"),
                  _entry("linux", "arm", "v7")],
})  # fmt: skip
# As buildx pushes it: the attestation rides as an unknown/unknown entry, and an artifact
# entry has no platform at all; neither is a platform the image runs on.
OCI_INDEX = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.index.v1+json",
    "manifests": [
        _entry("linux", "amd64"), _entry("windows", "amd64"), _entry("linux", "amd64"),
        _entry("unknown", "unknown",
               annotations={"vnd.docker.reference.type": "attestation-manifest"}),
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:1",
         "size": 2},
    ],
})  # fmt: skip
SINGLE = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7,
               "digest": "sha256:" + "1" * 64},
    "layers": [],
})  # fmt: skip


def test_platforms_are_read_from_lists_and_indexes_at_decode_time() -> None:
    documents = [
        listed(Tag="multi", manifest=DOCKER_LIST, tag_type=1),
        listed(Tag="oci", manifest=OCI_INDEX, tag_type=1, digest="sha256:" + "ef" * 32),
        listed(Tag="single", manifest=SINGLE, digest="sha256:" + "12" * 32),
    ]
    tags = decode_tags(page(*documents))
    assert [t.platforms for t in tags] == [
        "linux/amd64,linux/arm64/v8,linux/arm/v7",
        "linux/amd64,windows/amd64",
        "",  # a single manifest's platform is in its config blob, not in the listing
    ]
    # The manifests themselves are not kept; the lenient readers agree field for field.
    assert all(t.manifest == "" for t in tags)
    assert tags == [Tag.from_api(document, manifest=False) for document in documents]
    assert Tag.from_api(documents[0]).manifest == DOCKER_LIST


def test_tags_of_one_image_share_one_platforms_string() -> None:
    one, two = decode_tags(
        page(listed(manifest=DOCKER_LIST), listed(Tag="v2", manifest=DOCKER_LIST))
    )
    assert one.platforms == "linux/amd64,linux/arm64/v8,linux/arm/v7"
    assert one.platforms is two.platforms


@pytest.mark.parametrize(
    "manifest",
    [
        "",
        "not json",
        '{"manifests": "nope"}',
        '{"manifests": [1, null, {"platform": "linux"}, {"platform": {"os": 3}}]}',
        '{"manifests": [{"platform": {"os": "linux", "architecture": "arm", "variant": 7}}]}',
        '["manifests"]',
        '{"manifests"',
        None,
        12,
        {"manifests": [{"platform": {"os": "linux", "architecture": "amd64"}}]},
    ],
)
def test_malformed_manifests_name_no_platforms_and_never_raise(manifest: Any) -> None:
    (tag,) = decode_tags(page(listed(manifest=manifest)))
    assert tag.platforms == "" and tag.name == "v1" and tag.digest == DIGEST
