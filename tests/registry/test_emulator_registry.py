"""The emulator's registry door over a real socket: token dance, push, pull, one state."""

from __future__ import annotations

import base64
import hashlib
import json

import httpx
import pytest

from swrtui.emulator.backend.docker_logins import long_term_password
from swrtui.emulator.state import seeds
from tests.conftest import LiveEmulator

pytestmark = pytest.mark.socket
LONG_USER = f"cn-north-4@{seeds.DEMO_ADMIN_AK}"
LONG_PASSWORD = long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)


def _token(url: str, scope: str, user: str | None = None, password: str = "") -> httpx.Response:
    auth = (user, password) if user else None
    return httpx.get(
        f"{url}/swr/auth/v2/registry/auth/",
        params={"service": "dockyard", "scope": scope},
        auth=auth,
    )


def _bearer(url: str, scope: str) -> dict[str, str]:
    answer = _token(url, scope, LONG_USER, LONG_PASSWORD)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_unauthenticated_gets_the_swr_challenge(live_emulator: LiveEmulator) -> None:
    url = live_emulator.url
    answer = httpx.get(f"{url}/v2/demo/redis/manifests/latest")
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["code"] == "UNAUTHORIZED"
    assert answer.headers["WWW-Authenticate"] == (
        f'Bearer realm="{url}/swr/auth/v2/registry/auth/",service="dockyard",'
        'scope="repository:demo/redis:pull"'
    )


def test_wrong_password_is_refused_with_registry_json(live_emulator: LiveEmulator) -> None:
    answer = _token(live_emulator.url, "repository:demo/redis:pull", LONG_USER, "nope")
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["code"] == "UNAUTHORIZED"


def test_anonymous_pull_public_only(live_emulator: LiveEmulator) -> None:
    url = live_emulator.url
    for repo, expected in (("demo/nginx", 200), ("demo/redis", 401)):
        token = _token(url, f"repository:{repo}:pull").json()["token"]
        answer = httpx.get(
            f"{url}/v2/{repo}/manifests/latest", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == expected, repo


def test_seeded_multi_arch_tag_is_a_list_of_real_images(live_emulator: LiveEmulator) -> None:
    url = live_emulator.url
    headers = _bearer(url, "repository:demo/nginx:pull")
    index = httpx.get(f"{url}/v2/demo/nginx/manifests/latest", headers=headers)
    assert index.headers["content-type"].startswith(
        "application/vnd.docker.distribution.manifest.list.v2+json"
    )
    tag = live_emulator.app.state.namespaces["demo"].repos["nginx"].tags["latest"]
    assert index.headers["Docker-Content-Digest"] == tag.digest and tag.tag_type == 1
    platforms = [m["platform"]["architecture"] for m in index.json()["manifests"]]
    assert platforms == ["amd64", "arm64", "arm"]
    child = httpx.get(
        f"{url}/v2/demo/nginx/manifests/{index.json()['manifests'][1]['digest']}", headers=headers
    ).json()
    config = httpx.get(f"{url}/v2/demo/nginx/blobs/{child['config']['digest']}", headers=headers)
    assert "sha256:" + hashlib.sha256(config.content).hexdigest() == child["config"]["digest"]
    assert json.loads(config.content)["architecture"] == "arm64"
    layer = httpx.head(f"{url}/v2/demo/nginx/blobs/{child['layers'][0]['digest']}", headers=headers)
    assert layer.status_code == 404


def _push_blob(url: str, repo: str, headers: dict[str, str], data: bytes) -> str:
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    started = httpx.post(f"{url}/v2/{repo}/blobs/uploads/", headers=headers)
    assert started.status_code == 202
    location = url + started.headers["Location"]
    half = len(data) // 2
    patched = httpx.patch(location, content=data[:half], headers=headers)
    assert patched.status_code == 202
    bad = httpx.put(
        url + patched.headers["Location"],
        params={"digest": "sha256:" + "0" * 64},
        content=data[half:],
        headers=headers,
    )
    assert bad.json()["errors"][0]["code"] == "DIGEST_INVALID"
    mono = httpx.post(
        f"{url}/v2/{repo}/blobs/uploads/", params={"digest": digest}, content=data, headers=headers
    )
    assert mono.status_code == 201
    return digest


def test_push_lands_an_swr_tag_and_delete_reaches_the_registry(
    live_emulator: LiveEmulator,
) -> None:
    url = live_emulator.url
    repo = "demo/fresh"
    headers = _bearer(url, f"repository:{repo}:pull,push,delete")
    config = b'{"architecture":"amd64","os":"linux"}'
    layer = b"layer-bytes" * 1000
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": _push_blob(url, repo, headers, config),
                "size": len(config),
            },
            "layers": [
                {
                    "mediaType": "application/vnd.oci.image.layer.v1.tar",
                    "digest": _push_blob(url, repo, headers, layer),
                    "size": len(layer),
                }
            ],
        }
    ).encode()
    for tag in ("v1", "latest"):
        put = httpx.put(
            f"{url}/v2/{repo}/manifests/{tag}",
            content=manifest,
            headers={**headers, "Content-Type": "application/vnd.oci.image.manifest.v1+json"},
        )
        assert put.status_code == 201, put.text
    swr = live_emulator.app.state.namespaces["demo"].repos["fresh"]
    digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
    assert {t.name: (t.digest, t.size) for t in swr.tags.values()} == {
        "v1": (digest, len(config) + len(layer)),
        "latest": (digest, len(config) + len(layer)),
    }
    listed = httpx.get(f"{url}/v2/{repo}/tags/list", params={"n": 1}, headers=headers)
    assert listed.json().get("tags") == ["latest"], listed.text
    assert listed.json()["tags"] == ["latest"] and "last=latest" in listed.headers["Link"]
    pulled = httpx.get(f"{url}/v2/{repo}/manifests/v1", headers=headers)
    assert pulled.content == manifest
    # Deleting a tag through the API: that tag 404s, its sibling still pulls.
    from swrtui.emulator.backend.images import delete_tag

    delete_tag(swr, "v1", swr.updated)
    gone = httpx.get(f"{url}/v2/{repo}/manifests/v1", headers=headers)
    assert gone.status_code == 404 and gone.json()["errors"][0]["code"] == "MANIFEST_UNKNOWN"
    assert httpx.get(f"{url}/v2/{repo}/manifests/{digest}", headers=headers).status_code == 200


def test_temporary_login_names_the_emulator_and_is_accepted(live_emulator: LiveEmulator) -> None:
    from huaweicloudsdkswr.v2 import CreateSecretRequest

    from tests.conftest import make_sdk_client

    sdk = make_sdk_client(live_emulator.url)
    response = sdk.create_secret(CreateSecretRequest())
    host = live_emulator.url.removeprefix("http://")
    (auth,) = [entry.auth for name, entry in response.auths.items() if name == host]
    user, password = base64.b64decode(auth).decode().split(":", 1)
    assert (
        _token(live_emulator.url, "repository:demo/redis:pull", user, password).status_code == 200
    )
