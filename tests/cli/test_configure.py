"""``swrtui configure``, ``profiles`` and ``keyring status`` end to end through ``cli.main``.

Credentials are verified against the emulator on a real socket; secrets arrive on stdin.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest
import tomllib

from swrtui import cli
from swrtui.cli import bootstrap
from swrtui.config import credentials as creds
from swrtui.config.profiles import load_config
from swrtui.emulator.state import seeds

from .conftest import CliResult, Dirs, MemoryKeyring

Run = Callable[..., CliResult]
pytestmark = pytest.mark.socket


def _configure(run: Run, url: str, *extra: str, sk: str = seeds.DEMO_ADMIN_SK) -> CliResult:
    return run(
        "configure", "--profile", "work", "--endpoint", url,
        "--project-id", seeds.DEMO_PROJECT_ID, "--ak", seeds.DEMO_ADMIN_AK, "--sk-stdin",
        *extra, stdin=sk + "\n",
    )  # fmt: skip


def _org_names(profile: str) -> list[str]:
    args = cli.build_parser().parse_args(["--profile", profile])
    client = bootstrap.connect(bootstrap.resolve_settings(args)).client

    async def names() -> list[str]:
        async with client:
            return [org.name for org in await client.organizations.list()]

    return asyncio.run(names())


def test_configure_verifies_saves_and_bootstrap_uses_it(
    run_cli: Run, live_emulator, isolated: Dirs, memory_keyring: MemoryKeyring
) -> None:
    result = _configure(run_cli, live_emulator.url)
    assert result.code == 0, result.err
    assert "ok: signed in, 4 organizations visible" in result.out
    assert "secret key (SK) stored in the keyring (****ator)" in result.out
    assert memory_keyring.entries == {("swrtui", "work:sk"): seeds.DEMO_ADMIN_SK}
    document = tomllib.loads(isolated.config_file.read_text())
    assert document["default_profile"] == "work"
    assert document["profiles"]["work"]["ak"] == seeds.DEMO_ADMIN_AK
    assert document["profiles"]["work"]["api_endpoint"] == live_emulator.url
    assert seeds.DEMO_ADMIN_SK not in isolated.config_file.read_text()
    assert _org_names("work") == ["data-team", "demo", "ml-lab", "platform"]


def test_wrong_secret_is_reported_and_nothing_saved(
    run_cli: Run, live_emulator, isolated: Dirs, memory_keyring: MemoryKeyring
) -> None:
    result = _configure(run_cli, live_emulator.url, sk="not-the-right-secret")
    assert result.code == 1
    assert "verification failed: APIGW.0301: Incorrect IAM authentication information" in result.err
    assert "nothing was saved" in result.err
    assert not isolated.config_file.exists() and memory_keyring.entries == {}


def test_password_profile_gets_a_token_from_iam(
    run_cli: Run, live_emulator, memory_keyring: MemoryKeyring
) -> None:
    result = run_cli(
        "configure", "--profile", "pw", "--auth", "password", "--endpoint", live_emulator.url,
        "--iam-endpoint", live_emulator.url, "--domain", seeds.DEMO_DOMAIN_NAME,
        "--user", seeds.DEMO_ADMIN_NAME, "--password-stdin",
        stdin=seeds.DEMO_ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert memory_keyring.entries == {("swrtui", "pw:password"): seeds.DEMO_ADMIN_PASSWORD}
    assert _org_names("pw") == ["data-team", "demo", "ml-lab", "platform"]
    wrong = run_cli("configure", "--profile", "pw", "--password-stdin", stdin="wrong-password\n")
    assert wrong.code == 1 and "IAM.0002: The username or password is incorrect" in wrong.err


def test_without_keyring_configure_explains_and_session_login_works(
    run_cli: Run, live_emulator, isolated: Dirs, no_keyring: object
) -> None:
    result = _configure(run_cli, live_emulator.url)
    assert result.code == 0, result.err
    assert "no usable keyring" in result.err
    for advice in (
        "NOT stored",
        "HUAWEICLOUD_SDK_SK",
        "gnome-keyring",
        "PYTHON_KEYRING_BACKEND",
        "session only",
    ):
        assert advice in result.out
    assert load_config().get("work").ak == seeds.DEMO_ADMIN_AK

    settings = bootstrap.resolve_settings(cli.build_parser().parse_args(["--profile", "work"]))
    found = bootstrap.credentials_for(
        settings, {}, lambda _: seeds.DEMO_ADMIN_SK, creds.SessionStore()
    )
    client = bootstrap.build_client(settings, found)

    async def count() -> int:
        async with client:
            return len(await client.organizations.list())

    assert asyncio.run(count()) == 4


def test_secrets_are_refused_as_arguments(run_cli: Run) -> None:
    with pytest.raises(SystemExit) as caught:
        run_cli("configure", "--ak", "AK", "--sk", "secret-on-argv")
    assert caught.value.code == 2


def test_missing_values_without_a_terminal_are_errors(run_cli: Run, memory_keyring) -> None:
    no_ak = run_cli("configure", "--sk-stdin", "--no-verify-call", stdin="x\n")
    assert no_ak.code == 1 and "swrtui: Access key (AK) is required" in no_ak.err
    no_sk = run_cli("configure", "--ak", "AK", "--no-verify-call")
    assert no_sk.code == 1 and "pipe it in with --sk-stdin" in no_sk.err
    mismatch = run_cli("configure", "--ak", "AK", "--password-stdin", stdin="x\n")
    assert mismatch.code == 1 and "--password-stdin does not fit --auth aksk" in mismatch.err


def test_profiles_list_show_delete(
    run_cli: Run, live_emulator, isolated: Dirs, memory_keyring: MemoryKeyring
) -> None:
    assert "no profiles" in run_cli("profiles", "list").out
    assert _configure(run_cli, live_emulator.url).code == 0
    second = run_cli(
        "configure", "--profile", "other", "--region", "ap-southeast-1", "--ak", "AKOTHER",
        "--sk-stdin", "--no-verify-call", stdin="other-secret-key-1234\n",
    )  # fmt: skip
    assert second.code == 0, second.err

    listed = run_cli("profiles", "list").out.splitlines()
    assert listed[1].split() == ["other", "ap-southeast-1", "aksk"]
    assert listed[2].split() == ["*", "work", "cn-north-4", "aksk"]
    as_json = json.loads(run_cli("--json", "profiles").out)
    assert [(p["name"], p["default"]) for p in as_json] == [("other", False), ("work", True)]

    shown = run_cli("profiles", "show", "other").out
    assert "sk: stored in keyring (****1234)" in shown and "security_token: not stored" in shown
    assert 'ak = "AKOTHER"' in shown and "other-secret-key-1234" not in shown

    refused = run_cli("profiles", "delete", "other")
    assert refused.code == 1 and "pass --yes" in refused.err
    deleted = run_cli("profiles", "delete", "other", "--yes")
    assert deleted.code == 0 and "keyring entries removed: sk" in deleted.out
    assert ("swrtui", "other:sk") not in memory_keyring.entries
    assert list(load_config().profiles) == ["work"]
    missing = run_cli("profiles", "show", "other")
    assert missing.code == 1 and "no profile named 'other'" in missing.err


def test_keyring_status_command(run_cli: Run, memory_keyring: MemoryKeyring) -> None:
    usable = run_cli("keyring", "status")
    assert usable.code == 0 and "usable: yes" in usable.out and "MemoryKeyring" in usable.out
    run_cli_json = json.loads(run_cli("--json", "keyring", "status").out)
    assert run_cli_json["usable"] is True


def test_keyring_status_without_backend(run_cli: Run, no_keyring: object) -> None:
    result = run_cli("keyring", "status")
    assert result.code == 1
    assert "usable: no" in result.out and "PYTHON_KEYRING_BACKEND" in result.out


def test_unexpected_errors_are_one_redacted_line(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swrtui.redaction import Secret

    leaked = Secret("leaky-secret-value-31")

    def broken(args: object) -> int:
        raise RuntimeError(f"exploded while holding {leaked.reveal()}\nsecond line")

    monkeypatch.setattr(cli, "_runner", lambda command: broken)
    plain = run_cli("keyring", "status")
    assert plain.code == 1
    assert plain.err == (
        "swrtui: unexpected RuntimeError: exploded while holding ******** "
        "(SWRTUI_DEBUG=1 shows details)\n"
    )
    monkeypatch.setenv("SWRTUI_DEBUG", "1")
    debug = run_cli("keyring", "status")
    assert "Traceback (most recent call last)" in debug.err and "in broken" in debug.err
    assert "leaky-secret-value-31" not in debug.err


def test_interactive_configure_prompts_and_hides_the_secret(
    run_cli: Run, live_emulator, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    from swrtui.cli import configure as cli_config

    answers = iter(["term", "", live_emulator.url, seeds.DEMO_PROJECT_ID, "", seeds.DEMO_ADMIN_AK])
    prompts: list[str] = []

    def fake_input(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    hidden: list[str] = []
    monkeypatch.setattr(cli_config, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(
        cli_config.getpass, "getpass", lambda p: hidden.append(p) or seeds.DEMO_ADMIN_SK
    )
    result = run_cli("configure")
    assert result.code == 0, result.err
    assert prompts == [
        "Profile name [default]: ", "Region [cn-north-4]: ",
        "API endpoint (Enter: the region's default): ", "Project id (Enter: none): ",
        "Auth method (aksk, password, token) [aksk]: ", "Access key (AK): ",
    ]  # fmt: skip
    assert hidden == ["Secret key (SK): "]
    profile = load_config().get("term")
    assert (profile.region, profile.auth, profile.ak) == ("cn-north-4", "aksk", seeds.DEMO_ADMIN_AK)
    assert memory_keyring.entries == {("swrtui", "term:sk"): seeds.DEMO_ADMIN_SK}


def test_headless_configure_does_not_ask_for_the_secret(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch, isolated: Dirs, no_keyring: object
) -> None:
    from swrtui.cli import configure as cli_config

    answers = iter(["", "", "", "", seeds.DEMO_ADMIN_AK])

    def no_getpass(prompt: str) -> str:
        raise AssertionError(f"asked for a secret that cannot be stored: {prompt}")

    monkeypatch.setattr(cli_config, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _: next(answers))
    monkeypatch.setattr(cli_config.getpass, "getpass", no_getpass)
    result = run_cli("configure", "--profile", "box")
    assert result.code == 0, result.err
    assert "secret is not asked for" in result.err
    assert "was not asked for" in result.out and "NOT stored" not in result.out
    for advice in ("HUAWEICLOUD_SDK_SK", "PYTHON_KEYRING_BACKEND", "session only"):
        assert advice in result.out
    assert load_config().get("box").ak == seeds.DEMO_ADMIN_AK
