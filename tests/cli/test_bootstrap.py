"""Settings precedence, credentials resolution and client construction (bootstrap)."""

from __future__ import annotations

import argparse
import asyncio

import pytest

from swrtui.cli import bootstrap
from swrtui.client import AkSkAuth, PasswordTokenAuth, TokenAuth
from swrtui.config import credentials as creds
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import Config, Profile
from swrtui.emulator.state import seeds
from swrtui.redaction import Secret

from .conftest import Dirs, MemoryKeyring


def _args(**values: object) -> argparse.Namespace:
    base = {
        "profile": None,
        "region": None,
        "endpoint": None,
        "project_id": None,
        "read_only": False,
    }
    return argparse.Namespace(**{**base, **values})


def _config(isolated: Dirs) -> Config:
    config = Config(isolated.config_file)
    config.put(Profile(name="prod", region="cn-north-4", project_id="p-prod", ak="AKPROD"))
    config.put(
        Profile(name="intl", region="ap-southeast-1", api_endpoint="https://swr.intl.example")
    )
    return config


def test_profile_choice_precedence(isolated: Dirs) -> None:
    config = _config(isolated)
    assert bootstrap.resolve_settings(_args(), {}, config).profile.name == "prod"
    env = {"SWRTUI_PROFILE": "intl"}
    assert bootstrap.resolve_settings(_args(), env, config).profile.name == "intl"
    chosen = bootstrap.resolve_settings(_args(profile="prod"), env, config)
    assert chosen.profile.name == "prod" and chosen.saved
    with pytest.raises(ConfigError, match="no profile named 'nope'"):
        bootstrap.resolve_settings(_args(profile="nope"), {}, config)


def test_overrides_precedence_and_defaults(isolated: Dirs) -> None:
    config = _config(isolated)
    plain = bootstrap.resolve_settings(_args(), {}, config)
    assert (plain.region, plain.endpoint) == (
        "cn-north-4",
        "https://swr-api.cn-north-4.myhuaweicloud.com",
    )
    assert plain.iam_endpoint == "https://iam.cn-north-4.myhuaweicloud.com"
    env = {"SWRTUI_REGION": "la-south-2"}
    assert bootstrap.resolve_settings(_args(), env, config).region == "la-south-2"
    flagged = bootstrap.resolve_settings(
        _args(region="af-south-1", endpoint="http://127.0.0.1:9", project_id="p2", read_only=True),
        env,
        config,
    )
    assert flagged.region == "af-south-1" and flagged.endpoint == "http://127.0.0.1:9"
    assert flagged.profile.project_id == "p2" and flagged.profile.read_only
    assert flagged.profile.ak == "AKPROD"  # untouched fields come from the profile
    with pytest.raises(ConfigError, match=r"key '--endpoint'.*URL"):
        bootstrap.resolve_settings(_args(endpoint="ftp://x"), {}, config)


def test_no_config_file_runs_on_environment_and_flags(isolated: Dirs) -> None:
    settings = bootstrap.resolve_settings(_args(region="cn-east-3"), {})
    assert settings.profile.name == bootstrap.ENVIRONMENT_PROFILE and not settings.saved
    assert settings.endpoint == "https://swr-api.cn-east-3.myhuaweicloud.com"
    with pytest.raises(bootstrap.MissingCredentials, match="HUAWEICLOUD_SDK_AK"):
        bootstrap.credentials_for(settings, {})


@pytest.mark.socket
def test_env_credentials_and_flags_reach_the_emulator(isolated: Dirs, live_emulator) -> None:
    env = {"HUAWEICLOUD_SDK_AK": seeds.DEMO_ADMIN_AK, "HUAWEICLOUD_SDK_SK": seeds.DEMO_ADMIN_SK}
    args = _args(endpoint=live_emulator.url, project_id=seeds.DEMO_PROJECT_ID)
    client = bootstrap.connect(bootstrap.resolve_settings(args, env), environ=env).client
    assert not isolated.config_file.exists()

    async def names() -> list[str]:
        async with client:
            return [org.name for org in await client.organizations.list()]

    assert asyncio.run(names()) == ["data-team", "demo", "ml-lab", "platform"]


def test_auth_follows_the_profile_method(isolated: Dirs) -> None:
    aksk = bootstrap.Settings(Profile(name="a", project_id="pid"), saved=True)
    client = bootstrap.build_client(aksk, creds.Credentials(ak="AK", sk=Secret("sk-value-1")))
    assert isinstance(client._http.auth, AkSkAuth) and client.project_id == "pid"
    token = bootstrap.Settings(Profile(name="t", auth="token"), saved=True)
    client = bootstrap.build_client(token, creds.Credentials(token=Secret("token-value")))
    assert isinstance(client._http.auth, TokenAuth)
    password = bootstrap.Settings(
        Profile(name="p", auth="password", domain_name="d", user_name="u", region="cn-east-3"),
        saved=True,
    )
    client = bootstrap.build_client(password, creds.Credentials(password=Secret("pw-value-1")))
    auth = client._http.auth
    assert isinstance(auth, PasswordTokenAuth)
    assert auth.project_name == "cn-east-3"
    assert auth.token_url == "https://iam.cn-east-3.myhuaweicloud.com/v3/auth/tokens"
    no_user = bootstrap.Settings(Profile(name="p", auth="password"), saved=True)
    with pytest.raises(bootstrap.MissingCredentials, match=r"account \(domain\) name.*configure"):
        bootstrap.build_client(no_user, creds.Credentials(password=Secret("pw-value-1")))


def test_missing_secret_without_keyring_explains_and_session_prompt_works(
    isolated: Dirs, no_keyring: object
) -> None:
    config = _config(isolated)
    settings = bootstrap.resolve_settings(_args(profile="prod"), {}, config)
    with pytest.raises(bootstrap.MissingCredentials) as caught:
        bootstrap.credentials_for(settings, {})
    assert "no usable keyring" in str(caught.value) and "session only" in str(caught.value)

    asked: list[str] = []
    session = creds.SessionStore()

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "typed-secret-key"

    first = bootstrap.credentials_for(settings, {}, ask, session)
    again = bootstrap.credentials_for(settings, {}, ask, session)
    assert first.sk == again.sk == Secret("typed-secret-key")
    assert len(asked) == 1 and "kept in memory only" in asked[0]


def test_keyring_secret_is_used_for_a_saved_profile(
    isolated: Dirs, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password("swrtui", "prod:sk", "stored-secret-key")
    settings = bootstrap.resolve_settings(_args(), {}, _config(isolated))
    found = bootstrap.credentials_for(settings, {})
    assert found.ak == "AKPROD" and found.sk == Secret("stored-secret-key")


def test_demo_client_talks_to_the_in_process_emulator() -> None:
    async def names() -> list[str]:
        async with bootstrap.demo_client() as client:
            return [org.name for org in await client.organizations.list()]

    assert asyncio.run(names()) == ["data-team", "demo", "ml-lab", "platform"]
