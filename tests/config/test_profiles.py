"""config.toml: locations, writing and reading back, and one-line errors for bad files."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
import tomllib

from swrtui.config import locations, tomlfile
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import Config, Profile, load_config, save_config

from .conftest import Dirs

TRICKY = 'quote " backslash \\ tab \t newline \n bell \x07 del \x7f unicode é 漢'


def test_locations_follow_env_and_platform_dirs(isolated: Dirs, monkeypatch) -> None:
    assert locations.config_path() == isolated.config_file
    monkeypatch.delenv("SWRTUI_CONFIG")
    expected = isolated.root / "config" / "swrtui" / "config.toml"
    if sys.platform.startswith("linux"):
        assert locations.config_path() == expected
        assert locations.state_dir() == isolated.root / "state" / "swrtui"
        assert locations.cache_dir() == isolated.root / "cache" / "swrtui"


def test_missing_file_is_an_empty_config(isolated: Dirs) -> None:
    config = load_config()
    assert config.path == isolated.config_file
    assert config.profiles == {} and config.default_profile is None


def test_round_trip_keeps_every_field(isolated: Dirs) -> None:
    full = Profile(
        name="prod",
        region="ap-southeast-1",
        api_endpoint="https://swr-api.example.com:8443",
        iam_endpoint="https://iam.example.com",
        registry_host="swr.example.com:5000",
        project_id="0123456789abcdef0123456789abcdef",
        project_name="ap-southeast-1_team",
        auth="password",
        domain_name=TRICKY,
        user_name="ops-user",
        verify_tls=False,
        ca_bundle="/etc/ssl/corp ca.pem",
        max_concurrency=4,
        read_only=True,
        theme="nord",
    )
    config = Config(isolated.config_file)
    config.put(Profile(name="dev", ak="AKDEV"))
    config.put(full, make_default=True)
    save_config(config)

    loaded = load_config()
    assert loaded.default_profile == "prod"
    assert loaded.profiles == {"dev": Profile(name="dev", ak="AKDEV"), "prod": full}
    assert stat.S_IMODE(isolated.config_file.stat().st_mode) == 0o600
    text = isolated.config_file.read_text(encoding="utf-8")
    assert text.startswith("# swrtui configuration")
    assert tomllib.loads(text)["profiles"]["prod"]["domain_name"] == TRICKY


def test_dumps_quotes_keys_that_are_not_bare() -> None:
    text = tomlfile.dumps({"top": "v", "t": {"a b": {"k.x": 1, "flag": True}}})
    assert tomllib.loads(text) == {"top": "v", "t": {"a b": {"k.x": 1, "flag": True}}}
    assert '[t."a b"]' in text


def test_remove_clears_the_default(isolated: Dirs) -> None:
    config = Config(isolated.config_file)
    config.put(Profile(name="a"))
    config.put(Profile(name="b"))
    assert config.default_profile == "a"
    config.remove("a")
    assert config.default_profile is None and list(config.profiles) == ["b"]
    with pytest.raises(ConfigError, match=r"no profile named 'a'.*profiles: b"):
        config.get("a")


def _error_for(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert "\n" not in message
    return message


GOOD_HEAD = 'default_profile = "prod"\n\n[profiles.prod]\nregion = "cn-north-4"\n'


@pytest.mark.parametrize(
    ("text", "line", "key", "problem"),
    [
        (GOOD_HEAD + "verify_tls = yes\n", 5, "profiles.prod.verify_tls", "invalid TOML"),
        (GOOD_HEAD + 'verify_tls = "yes"\n', 5, "profiles.prod.verify_tls", "true or false"),
        (GOOD_HEAD + 'auth = "oauth"\n', 5, "profiles.prod.auth", "aksk, password, token"),
        (GOOD_HEAD + "max_concurrency = true\n", 5, "profiles.prod.max_concurrency", "integer"),
        (GOOD_HEAD + "max_concurrency = 0\n", 5, "profiles.prod.max_concurrency", "1 to 64"),
        (GOOD_HEAD + 'api_endpoint = "swr.example.com"\n', 5, "profiles.prod.api_endpoint", "URL"),
        (GOOD_HEAD + 'secret_key = "x"\n', 5, "profiles.prod.secret_key", "unknown key"),
        (GOOD_HEAD.replace("cn-north-4", "North 4"), 4, "profiles.prod.region", "region id"),
        (GOOD_HEAD.replace('"prod"', '"prd"', 1), 1, "default_profile", "names no profile"),
        ('colour = "red"\n' + GOOD_HEAD, 1, "colour", "unknown key"),
        (GOOD_HEAD + '\n[profiles."bad name"]\n', 6, "profiles.bad name", "profile names"),
        (GOOD_HEAD + "[profiles.prod\n", 5, "profiles.prod", "twice"),
        (GOOD_HEAD + "[profiles.new\nx = 1\n", 5, "profiles.new", "invalid TOML"),
    ],
)
def test_invalid_files_name_file_line_and_key(
    isolated: Dirs, text: str, line: int, key: str, problem: str
) -> None:
    message = _error_for(isolated.config_file, text)
    assert str(isolated.config_file) in message
    assert f"line {line}" in message
    assert f"key {key!r}" in message
    assert problem in message


def test_unreadable_bytes_are_reported(isolated: Dirs) -> None:
    isolated.config_file.parent.mkdir(parents=True)
    isolated.config_file.write_bytes(b'default_profile = "\xff"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config()


USER_FILE = """\
# my swrtui settings, kept in dotfiles
default_profile = "prod"   # the one I use most

[profiles.prod]
# production account
region = "cn-north-4"
ak = "AKPROD"
auth = "aksk"
verify_tls = true
max_concurrency = 8
read_only = false

[profiles.staging]
region = "ap-southeast-1"  # Singapore
auth = "aksk"
verify_tls = true
max_concurrency = 4
read_only = false
"""


def test_saving_keeps_the_users_comments_order_and_formatting(isolated: Dirs) -> None:
    real = isolated.root / "dotfiles" / "config.toml"
    real.parent.mkdir(parents=True)
    real.write_text(USER_FILE)
    real.chmod(0o640)
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(real)
    config = load_config()
    config.profiles["staging"] = Profile("staging", region="ap-southeast-3", max_concurrency=4)
    config.profiles["dev"] = Profile("dev", region="cn-east-3")
    save_config(config)
    text = real.read_text()
    assert path.is_symlink() and path.resolve() == real  # the link still points at it
    # Only the changed value changed; every comment and the order stay.
    assert text.startswith(USER_FILE.replace('"ap-southeast-1"', '"ap-southeast-3"'))
    assert "[profiles.dev]" in text and tomllib.loads(text)["profiles"]["dev"]["region"] == (
        "cn-east-3"
    )
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert (real.parent / "config.toml.bak").read_text() == USER_FILE  # the original kept
    del config.profiles["staging"]
    save_config(config)
    assert "staging" not in real.read_text() and "# production account" in real.read_text()
    assert (real.parent / "config.toml.bak").read_text() == USER_FILE  # first backup stays
