"""One error tree and one describe_error for every front end; connect() and demo()."""

from __future__ import annotations

import pytest

from swrtui.cli import bootstrap
from swrtui.client.errors import NotFoundError, SwrError
from swrtui.commands.parse import UsageError
from swrtui.config.credentials import Credentials
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import Profile
from swrtui.errors import Error, describe_error
from swrtui.redaction import Secret
from swrtui.services.cleanup import JournalError, NoPolicy, RuleError
from swrtui.services.errors import BadArgument, ServiceError
from swrtui.services.login import DockerConfigError, HelperError

from .conftest import Dirs


def test_every_layer_derives_from_the_root_with_its_own_code() -> None:
    codes = {
        RuleError: "CLEANUP.BAD_RULE",
        JournalError: "CLEANUP.JOURNAL",
        DockerConfigError: "LOGIN.DOCKER_CONFIG",
        BadArgument: "BAD_ARGUMENT",
        NoPolicy: "CLEANUP.NO_POLICY",
        HelperError: "LOGIN.HELPER",
    }
    for kind, code in codes.items():
        assert issubclass(kind, ServiceError) and kind.code == code
    for kind in (ServiceError, ConfigError, UsageError, SwrError, bootstrap.MissingCredentials):
        assert issubclass(kind, Error) and kind.title


def test_describe_error_service_config_and_server_errors() -> None:
    assert describe_error(RuleError("not a duration: '3x'")) == (
        "CLEANUP.BAD_RULE: not a duration: '3x'"
    )
    # Config messages name the file and key themselves and are shown bare.
    assert describe_error(ConfigError("bad value", key="region")) == "key 'region': bad value"
    server = NotFoundError(
        "repository not found", error_code="SVCSTG.SWR.4040", status=404, method="GET",
        url="https://swr.example/v2/manage/namespaces/a/repos/b",
    )  # fmt: skip
    assert describe_error(server) == (
        "SVCSTG.SWR.4040: repository not found (HTTP 404, GET /v2/manage/namespaces/a/repos/b)"
    )
    assert server.code == "SVCSTG.SWR.4040"


def test_describe_error_unexpected_is_one_redacted_line() -> None:
    secret = "sk-" + "x" * 30
    text = describe_error(RuntimeError(f"exploded holding {Secret(secret).reveal()}\nmore"))
    assert text.startswith("unexpected RuntimeError: exploded holding")
    assert "\n" not in text and "more" not in text


def test_long_term_eligibility_is_decided_once() -> None:
    keys, problem = bootstrap.long_term_keys("aksk", Credentials(ak="AK1", sk=Secret("s")))
    assert keys is not None and keys[0] == "AK1" and problem == ""
    temporary = Credentials(ak="AK1", sk=Secret("s"), security_token=Secret("t"))
    assert bootstrap.long_term_keys("aksk", temporary) == (
        None,
        "temporary AK/SK (with a security token) cannot make a long-term login",
    )
    none, problem = bootstrap.long_term_keys("token", Credentials(token=Secret("t")))
    assert none is None and "use an aksk profile" in problem


def test_connect_returns_client_profile_and_eligibility(isolated: Dirs) -> None:
    env = {"HUAWEICLOUD_SDK_AK": "AKFORTESTS0000000001", "HUAWEICLOUD_SDK_SK": "sk-for-tests"}
    settings = bootstrap.Settings(Profile("ci", region="ap-southeast-1", read_only=True), False)
    connected = bootstrap.connect(settings, environ=env)
    assert (connected.profile.name, connected.region, connected.read_only) == (
        "ci",
        "ap-southeast-1",
        True,
    )
    assert connected.client.region == "ap-southeast-1"
    assert connected.long_term_keys is not None
    assert connected.long_term_keys[0] == "AKFORTESTS0000000001"
    assert connected.journal_dir == bootstrap.journal_dir()


def test_connect_without_secret_raises_an_expected_error(isolated: Dirs) -> None:
    settings = bootstrap.Settings(Profile("ci"), False)
    with pytest.raises(bootstrap.MissingCredentials) as caught:
        bootstrap.connect(settings, environ={})
    assert describe_error(caught.value).startswith("no secret key (SK) for profile 'ci'")


def test_demo_is_the_emulator_admin_with_long_term_keys() -> None:
    real_journals = bootstrap.journal_dir()
    with bootstrap.demo(read_only=True) as connected:
        assert connected.profile.name == "demo" and connected.read_only
        assert connected.endpoint == bootstrap.DEMO_ENDPOINT and not connected.saved
        assert connected.long_term_keys is not None
        assert connected.journal_dir != real_journals
    assert bootstrap.journal_dir() == real_journals
