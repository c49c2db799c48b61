"""Proof with clients nobody here wrote: skopeo and oras-py against the socket emulator.

Images are built inside the tests (:mod:`tests.registry.images`); every push is pulled back
and compared byte for byte, and the official SDK, swrtui's ``inspect`` and tag deletion see
the same images. Where skopeo is missing these tests skip and say so.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from swrtui.client import SwrClient
from swrtui.client.auth import AkSkAuth
from swrtui.emulator.backend.docker_logins import long_term_password
from swrtui.emulator.state import seeds
from swrtui.services.deletion import TagDeletion, delete_tags
from swrtui.services.images import Images, parse_reference
from tests.conftest import LiveEmulator, make_sdk_client
from tests.registry import images
from tests.registry.images import DOCKER, OCI, SKIP_SKOPEO, skopeo

pytestmark = [pytest.mark.socket, pytest.mark.skipif(images.SKOPEO is None, reason=SKIP_SKOPEO)]
LONG_USER = f"cn-north-4@{seeds.DEMO_ADMIN_AK}"


def _auth_file(where: Path, host: str, password: str) -> Path:
    pair = base64.b64encode(f"{LONG_USER}:{password}".encode()).decode()
    where.write_text(json.dumps({"auths": {host: {"auth": pair}}}))
    return where


@pytest.fixture
def creds(live_emulator: LiveEmulator, tmp_path: Path) -> Iterator[list[str]]:
    """skopeo's flags for the demo admin's long-term login; the file is gone afterwards."""
    host = live_emulator.url.removeprefix("http://")
    path = _auth_file(
        tmp_path / "auth.json", host, long_term_password(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK)
    )
    yield ["--authfile", str(path), "--tls-verify=false"]
    path.unlink()


def _client(url: str) -> SwrClient:
    auth = AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID)
    return SwrClient(url, auth=auth, project_id=seeds.DEMO_PROJECT_ID, retries=0)


def _copy(src: str, dst: str, flags: list[str], *extra: str) -> None:
    done = skopeo("copy", "--all", "--preserve-digests", *flags, *extra, src, dst)
    assert done.returncode == 0, done.stderr


def _round_trip(url: str, source: Path, ref: str, flags: list[str], out: Path) -> None:
    host = url.removeprefix("http://")
    _copy(f"dir:{source}", f"docker://{host}/{ref}", flags)
    _copy(f"docker://{host}/{ref}", f"dir:{out}", flags)
    assert images.same_files(source, out) and images.same_files(out, source)


@pytest.mark.parametrize("kinds", [OCI, DOCKER], ids=["oci", "docker-v2s2"])
def test_single_arch_push_pull_is_byte_identical_and_the_sdk_agrees(
    live_emulator: LiveEmulator, creds: list[str], tmp_path: Path, kinds: tuple[str, str, str]
) -> None:
    from huaweicloudsdkswr.v2 import ListRepositoryTagsRequest

    source = images.single(tmp_path / "src", kinds, "hello")
    _round_trip(live_emulator.url, source, "demo/proof:v1", creds, tmp_path / "back")
    manifest = (source / "manifest.json").read_bytes()
    sdk = make_sdk_client(live_emulator.url)
    tags = sdk.list_repository_tags(ListRepositoryTagsRequest(namespace="demo", repository="proof"))
    assert [(t.tag, t.digest, t.tag_type) for t in tags.body] == [
        ("v1", images.digest(manifest), 0)
    ]


def test_two_platform_index_round_trips_and_inspect_shows_both(
    live_emulator: LiveEmulator, creds: list[str], tmp_path: Path
) -> None:
    from huaweicloudsdkswr.v2 import ListRepositoryTagsRequest

    source = images.two_platforms(tmp_path / "src", "multi")
    _round_trip(live_emulator.url, source, "demo/proof:multi", creds, tmp_path / "back")
    index = (source / "manifest.json").read_bytes()
    sdk = make_sdk_client(live_emulator.url)
    tags = sdk.list_repository_tags(ListRepositoryTagsRequest(namespace="demo", repository="proof"))
    assert [(t.digest, t.tag_type) for t in tags.body] == [(images.digest(index), 1)]

    async def inspect() -> dict[str, object]:
        async with _client(live_emulator.url) as client:
            found = await Images(client).inspect(parse_reference("demo/proof:multi"))
            return found.to_json(platform="linux/arm64")

    found = asyncio.run(inspect())
    assert found["digest"] == images.digest(index)
    platforms = found["platforms"]
    assert isinstance(platforms, list)
    children = json.loads(index)["manifests"]
    assert [(p["os"], p["architecture"], p["digest"]) for p in platforms] == [
        ("linux", c["platform"]["architecture"], c["digest"]) for c in children
    ]
    config = found["config"]
    assert isinstance(config, dict)
    assert config["env"] == [{"name": "GREETING", "value": None}]


def test_tag_deleted_through_swrtui_is_gone_for_skopeo_while_its_sibling_pulls(
    live_emulator: LiveEmulator, creds: list[str], tmp_path: Path
) -> None:
    host = live_emulator.url.removeprefix("http://")
    source = images.single(tmp_path / "src", OCI, "twins")
    for tag in ("old", "keep"):
        _copy(f"dir:{source}", f"docker://{host}/demo/proof:{tag}", creds)

    async def delete() -> None:
        async with _client(live_emulator.url) as client:
            report = await delete_tags(client, [TagDeletion("demo", "proof", "old")])
            assert not report.failed

    asyncio.run(delete())
    gone = skopeo("inspect", "--raw", *creds, f"docker://{host}/demo/proof:old")
    assert gone.returncode != 0 and "manifest unknown" in gone.stderr.lower()
    _copy(f"docker://{host}/demo/proof:keep", f"dir:{tmp_path / 'kept'}", creds)
    assert images.same_files(source, tmp_path / "kept")


def test_wrong_password_is_refused(live_emulator: LiveEmulator, tmp_path: Path) -> None:
    host = live_emulator.url.removeprefix("http://")
    path = _auth_file(tmp_path / "wrong.json", host, "not-the-password")
    refused = skopeo(
        "inspect",
        "--raw",
        "--authfile",
        str(path),
        "--tls-verify=false",
        f"docker://{host}/demo/redis:latest",
    )
    assert refused.returncode != 0
    assert "401" in refused.stderr or "unauthorized" in refused.stderr.lower()


def test_anonymous_pull_works_on_public_and_is_refused_on_private(
    live_emulator: LiveEmulator,
) -> None:
    host = live_emulator.url.removeprefix("http://")
    anonymous = ["--no-creds", "--tls-verify=false"]
    public = skopeo("inspect", "--raw", *anonymous, f"docker://{host}/demo/nginx:latest")
    assert public.returncode == 0, public.stderr
    assert json.loads(public.stdout)["manifests"]
    private = skopeo("inspect", "--raw", *anonymous, f"docker://{host}/demo/redis:latest")
    assert private.returncode != 0 and "unauthorized" in private.stderr.lower()


def test_credential_helper_serves_skopeo_through_cred_helpers(
    live_emulator: LiveEmulator, tmp_path: Path
) -> None:
    host = live_emulator.url.removeprefix("http://")
    config = tmp_path / "swrtui" / "config.toml"
    config.parent.mkdir()
    config.write_text(
        'default_profile = "lab"\n[profiles.lab]\nregion = "cn-north-4"\nauth = "aksk"\n'
        f'ak = "{seeds.DEMO_ADMIN_AK}"\napi_endpoint = "{live_emulator.url}"\n'
        f'project_id = "{seeds.DEMO_PROJECT_ID}"\nregistry_host = "{host}"\n'
    )
    docker = tmp_path / "home" / ".docker"
    docker.mkdir(parents=True)
    (docker / "config.json").write_text(json.dumps({"credHelpers": {host: "swr"}}))
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "DOCKER_CONFIG": str(docker),
        "REGISTRY_AUTH_FILE": str(docker / "config.json"),
        "SWRTUI_CONFIG": str(config),
        "HUAWEICLOUD_SDK_SK": seeds.DEMO_ADMIN_SK,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("HUAWEICLOUD_SDK_AK", None)
    pulled = skopeo(
        "inspect", "--raw", "--tls-verify=false", f"docker://{host}/demo/redis:latest", env=env
    )
    assert pulled.returncode == 0, pulled.stderr
    tag = live_emulator.app.state.namespaces["demo"].repos["redis"].tags["latest"]
    assert images.digest(pulled.stdout.encode()) == tag.digest
