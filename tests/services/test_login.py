"""Login services: temporary and long-term credentials, commands, docker config, Kubernetes."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import stat
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml  # PyYAML comes with huaweicloudsdkcore (a test dependency)

from swrtui.client import SwrClient
from swrtui.redaction import Secret
from swrtui.services import login
from swrtui.services.login import DockerCredentials

CREDS = DockerCredentials(
    username="cn-north-4@TEMPKEY",
    password=Secret("0123456789abcdef-password"),
    host="swr.cn-north-4.myhuaweicloud.com",
    expires_at=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    kind=login.TEMPORARY,
)
PASSWORD = CREDS.password.reveal()


def test_long_term_password_is_hex_hmac_sha256_of_ak_keyed_with_sk() -> None:
    # The RFC 4231-style vector everyone knows: HMAC-SHA256("key", "The quick brown fox ...").
    password = login.long_term_password("The quick brown fox jumps over the lazy dog", "key")
    assert password.reveal() == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
    creds = login.long_term_login("ap-southeast-1", "MYAK", Secret("MYSK"))
    assert creds.username == "ap-southeast-1@MYAK"
    assert creds.host == "swr.ap-southeast-1.myhuaweicloud.com"
    assert creds.expires_at is None and creds.to_json()["expires_at"] is None
    assert "MYSK" not in repr(creds) and creds.password.reveal() not in repr(creds)
    with pytest.raises(ValueError):
        login.long_term_login("cn-north-4", "AK", "")


async def test_temporary_login_from_the_emulator(swr: SwrClient) -> None:
    creds = await login.temporary_login(swr)
    assert creds.username.startswith("cn-north-4@") and creds.kind == login.TEMPORARY
    assert creds.host == "swr.cn-north-4.myhuaweicloud.com"
    left = creds.valid_for()
    assert left is not None and 5.9 * 3600 < left <= 6 * 3600
    document = creds.to_json(reveal_password=True)
    assert document["password"] == creds.password.reveal() and len(document["password"]) == 64
    assert document["expires_at"].endswith("Z")
    assert creds.to_json()["password"] == "********"


def test_login_commands_show_the_password_only_where_asked() -> None:
    prompt = login.login_command(CREDS, "prompt")
    assert prompt.reveal() == "docker login -u cn-north-4@TEMPKEY swr.cn-north-4.myhuaweicloud.com"
    piped = login.login_command(CREDS, "stdin").reveal()
    assert piped.startswith(" printf '%s' ") and "--password-stdin" in piped and PASSWORD in piped
    assert f"-p {PASSWORD}" in login.login_command(CREDS, "plain").reveal()
    assert str(login.login_command(CREDS, "stdin")) == "********"
    with pytest.raises(ValueError):
        login.login_command(CREDS, "clipboard")


async def test_docker_login_puts_the_password_on_stdin_never_on_argv(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, ...]] = []
    real = asyncio.create_subprocess_exec

    async def spy(*argv: str, **kwargs: Any) -> Any:
        seen.append(argv)
        # A stand-in docker: echoes what it read on stdin as a digest only.
        script = (
            "import sys,hashlib; print('read', hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"
        )
        return await real(sys.executable, "-c", script, **kwargs)

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spy)
    result = await login.docker_login(CREDS)
    assert result.ok and hashlib.sha256(PASSWORD.encode()).hexdigest() in result.output
    (argv,) = seen
    assert list(argv) == login.docker_argv(CREDS)
    assert "--password-stdin" in argv and not any(PASSWORD in arg for arg in argv)


async def test_docker_login_runs_a_real_executable_and_redacts_its_output(tmp_path: Path) -> None:
    fake = tmp_path / "docker"
    record = tmp_path / "record.json"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"json.dump({{'argv': sys.argv, 'stdin': sys.stdin.read()}}, open({str(record)!r}, 'w'))\n"
        "print('echo of stdin:', open(" + repr(str(record)) + ").read())\n"
    )
    fake.chmod(0o755)
    result = await login.docker_login(CREDS, docker=str(fake))
    recorded = json.loads(record.read_text())
    assert recorded["stdin"] == PASSWORD
    assert not any(PASSWORD in arg for arg in recorded["argv"])
    assert PASSWORD not in result.output and "********" in result.output


def test_docker_config_merge_keeps_other_entries_backs_up_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "docker" / "config.json"
    path.parent.mkdir()
    ours = {"auth": "old", "identitytoken": "t"}
    original = {
        "auths": {"ghcr.io": {"auth": "b3RoZXI6c2VjcmV0"}, CREDS.host: ours},
        "credHelpers": {"gcr.io": "gcloud"},
        "proxies": {"default": {"httpProxy": "http://proxy:3128"}},
    }
    path.write_text(json.dumps(original))
    path.chmod(0o600)
    result = login.write_docker_auth(CREDS, path)
    document = json.loads(path.read_text())
    assert document["auths"]["ghcr.io"] == original["auths"]["ghcr.io"]
    assert document["credHelpers"] == original["credHelpers"]
    assert document["proxies"] == original["proxies"]
    entry = document["auths"][CREDS.host]
    assert entry == {"auth": base64.b64encode(f"{CREDS.username}:{PASSWORD}".encode()).decode()}
    assert result.backup is not None and json.loads(result.backup.read_text()) == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    assert result.notes == ()
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.json", "config.json.bak"]


def test_docker_config_new_file_bad_file_and_helper_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "fresh"))
    assert login.docker_config_path() == tmp_path / "fresh" / "config.json"
    created = login.write_docker_auth(CREDS)
    assert created.backup is None and CREDS.host in json.loads(created.path.read_text())["auths"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(login.DockerConfigError, match="nothing was changed"):
        login.write_docker_auth(CREDS, broken)
    assert broken.read_text() == "{not json"
    helped = tmp_path / "helped.json"
    helped.write_text(json.dumps({"credHelpers": {CREDS.host: "swr"}}))
    assert "docker-credential-swr" in login.write_docker_auth(CREDS, helped).notes[0]


def test_docker_config_symlink_is_followed_and_the_link_stays(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "docker.json"
    dotfiles.parent.mkdir()
    dotfiles.write_text(json.dumps({"auths": {"ghcr.io": {"auth": "eDp5"}}}))
    dotfiles.chmod(0o640)
    link = tmp_path / "docker" / "config.json"
    link.parent.mkdir()
    link.symlink_to(dotfiles)
    result = login.write_docker_auth(CREDS, link)
    assert link.is_symlink() and link.resolve() == dotfiles
    assert result.path == dotfiles
    assert set(json.loads(dotfiles.read_text())["auths"]) == {"ghcr.io", CREDS.host}
    # The file keeps its owner's mode; the backup sits next to the real file.
    assert stat.S_IMODE(dotfiles.stat().st_mode) == 0o640
    assert result.backup == dotfiles.with_name("docker.json.bak")
    assert sorted(p.name for p in link.parent.iterdir()) == ["config.json"]


@pytest.mark.parametrize("auths", [["ghcr.io"], "ghcr.io", None, 3])
def test_docker_config_with_malformed_auths_is_refused_and_untouched(
    tmp_path: Path, auths: object
) -> None:
    path = tmp_path / "config.json"
    text = json.dumps({"auths": auths, "credsStore": "desktop"})
    path.write_text(text)
    with pytest.raises(login.DockerConfigError, match=r'"auths" is .*not an object') as caught:
        login.write_docker_auth(CREDS, path)
    assert caught.value.code == "LOGIN.DOCKER_CONFIG" and "nothing was changed" in str(caught.value)
    assert path.read_text() == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]


def test_docker_config_first_backup_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    original = json.dumps({"auths": {"ghcr.io": {"auth": "b3JpZ2luYWw="}}})
    path.write_text(original)
    first = login.write_docker_auth(CREDS, path)
    assert first.backup is not None and first.backup.read_text() == original
    second = login.write_docker_auth(CREDS, path)
    # The second login edits the first login's file; the user's original stays the backup.
    assert second.backup is None
    assert first.backup.read_text() == original
    assert any("kept the earlier backup" in note for note in second.notes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json", "config.json.bak"]


def test_kubernetes_secret_yaml_and_json_agree_and_decode(tmp_path: Path) -> None:
    text = login.kubernetes_secret("123", CREDS, namespace="apps")
    parsed = yaml.safe_load(text)
    assert parsed == json.loads(login.kubernetes_secret("123", CREDS, "apps", output="json"))
    assert parsed["metadata"] == {"name": "123", "namespace": "apps"}  # a string, not 123
    assert parsed["type"] == "kubernetes.io/dockerconfigjson" and parsed["kind"] == "Secret"
    inner = json.loads(base64.b64decode(parsed["data"][".dockerconfigjson"]))
    assert inner["auths"][CREDS.host]["password"] == PASSWORD
    assert (
        base64.b64decode(inner["auths"][CREDS.host]["auth"]).decode()
        == f"{CREDS.username}:{PASSWORD}"
    )
    assert text.startswith('apiVersion: "v1"\nkind: "Secret"\nmetadata:\n  name: "123"\n')
    for bad in ("Pull_Secret", "-x", "a" * 254):
        with pytest.raises(ValueError):
            login.kubernetes_secret(bad, CREDS)
    with pytest.raises(ValueError):
        login.kubernetes_secret("ok", CREDS, namespace="a.b")


async def test_credential_helper_protocol_with_cache() -> None:
    calls: list[int] = []
    clock = [datetime(2030, 1, 1, tzinfo=timezone.utc)]

    async def fetch() -> DockerCredentials:
        calls.append(1)
        return DockerCredentials(
            "cn-north-4@K" + str(len(calls)), Secret(f"pw-{len(calls)}-long-enough"),
            CREDS.host, clock[0] + timedelta(hours=6), login.TEMPORARY,
        )  # fmt: skip

    helper = login.Helper(frozenset({CREDS.host}), fetch, login.MemoryCache(), lambda: clock[0])
    url = f"https://{CREDS.host.upper()}/v2/"
    first = json.loads(await helper.handle("get", url + "\n"))
    assert first == {"ServerURL": url, "Username": "cn-north-4@K1", "Secret": "pw-1-long-enough"}
    assert json.loads(await helper.handle("get", CREDS.host))["Username"] == "cn-north-4@K1"
    assert json.loads(await helper.handle("list", "")) == {CREDS.host: "cn-north-4@K1"}
    clock[0] += timedelta(hours=5, minutes=55)  # within the expiry margin: log in again
    assert json.loads(await helper.handle("get", CREDS.host))["Username"] == "cn-north-4@K2"
    assert (
        await helper.handle("erase", CREDS.host) == "" and await helper.handle("list", "") == "{}"
    )
    stored = json.dumps({"ServerURL": CREDS.host, "Username": "u", "Secret": "s"})
    assert await helper.handle("store", stored) == ""
    with pytest.raises(login.HelperError) as refused:
        await helper.handle("get", "registry-1.docker.io")
    assert str(refused.value) == login.NOT_FOUND
    assert len(calls) == 2
