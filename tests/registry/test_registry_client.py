"""The registry client and ``inspect`` against the in-process emulator, and its error typing."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from swrtui.cli.bootstrap import demo_client
from swrtui.commands import Connection, Session, run_line
from swrtui.commands.render import json_document
from swrtui.errors import describe_error
from swrtui.registry import DigestMismatch, RegistryClient, RegistryNotFound, media
from swrtui.registry.errors import BadReference
from swrtui.services.images import images_for


def _session() -> Session:
    return Session(Connection(demo_client(), "demo", "demo"))


async def test_inspect_shows_every_platform_and_the_digest_siblings() -> None:
    session = _session()
    result = await run_line(session, "inspect demo/nginx:latest --json")
    document = json_document(result)
    assert document["media_type"] == media.DOCKER_LIST
    assert [(p["os"], p["architecture"], p["variant"]) for p in document["platforms"]] == [
        ("linux", "amd64", None),
        ("linux", "arm64", "v8"),
        ("linux", "arm", "v7"),
    ]
    tag = await session.client.tags.get("demo", "nginx", "latest")
    assert document["digest"] == tag.digest
    siblings = [t.name for t in await session.client.tags.list("demo", "nginx")]
    listed = [t for t in siblings if t != "latest"]
    assert document["other_tags"] and set(document["other_tags"]) <= set(listed)
    assert document["platform"] == "linux/amd64" and document["layers"]
    assert [e["value"] for e in document["config"]["env"]] == [None]


async def test_env_values_only_when_asked_and_by_digest() -> None:
    session = _session()
    first = json_document(await run_line(session, "inspect demo/hello-world:latest --json"))
    line = f"inspect demo/hello-world@{first['digest']} --json --env"
    again = json_document(await run_line(session, line))
    assert again["digest"] == first["digest"]
    assert "latest" in again["other_tags"]
    assert again["config"]["env"][0]["value"].startswith("/usr/local/sbin")
    shown = await run_line(session, "inspect demo/hello-world:latest")
    assert "PATH=(hidden: --env)" in str(shown.record)


async def test_a_cached_token_costs_no_second_token_request() -> None:
    session = _session()
    await run_line(session, "inspect demo/hello-world:latest")
    registry = await images_for(session.client).registry()
    fetched, trips = registry.tokens.fetched, registry.round_trips
    await run_line(session, "inspect demo/hello-world:latest")
    # manifest + config, no 401 and no realm: the token was reused.
    assert (registry.tokens.fetched, registry.round_trips - trips) == (fetched, 2)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("inspect demo/nginx:nope", "MANIFEST_UNKNOWN"),
        ("inspect demo/nginx@sha256:12", "USAGE"),
        ("inspect nginx:latest", "USAGE"),
        ("inspect demo/nginx:latest --platform linux/s390x", "BAD_ARGUMENT"),
    ],
)
async def test_bad_input_and_missing_images_are_one_line_errors(line: str, code: str) -> None:
    result = await run_line(_session(), line)
    assert not result.ok and result.error_code == code, result.error_msg


def _serving(body: bytes, digest: str, status: int = 200) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": media.OCI_MANIFEST, "Docker-Content-Digest": digest}
        return httpx.Response(status, content=body, headers=headers)

    return httpx.MockTransport(answer)


async def test_content_not_matching_its_digest_is_refused() -> None:
    body = json.dumps({"schemaVersion": 2, "config": {"digest": "x", "size": 1}}).encode()
    other = "sha256:" + "1" * 64
    async with RegistryClient("https://r.example", transport=_serving(body, other)) as registry:
        with pytest.raises(DigestMismatch) as caught:
            await registry.manifest("org/repo", "latest")
        with pytest.raises(DigestMismatch):
            await registry.manifest("org/repo", other)
    assert caught.value.actual == "sha256:" + hashlib.sha256(body).hexdigest()
    assert describe_error(caught.value).startswith("REGISTRY.DIGEST_MISMATCH: ")


async def test_registry_error_codes_are_typed() -> None:
    body = json.dumps({"errors": [{"code": "MANIFEST_UNKNOWN", "message": "no such"}]}).encode()
    transport = _serving(body, "", status=404)
    async with RegistryClient("https://r.example", transport=transport) as registry:
        with pytest.raises(RegistryNotFound) as caught:
            await registry.manifest("org/repo", "v1")
        with pytest.raises(BadReference):
            await registry.manifest("org/repo", "../../etc")
    assert describe_error(caught.value) == "MANIFEST_UNKNOWN: no such"
    assert caught.value.status == 404
