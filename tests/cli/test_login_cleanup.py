"""`swrtui login`, `swrtui cleanup` and `docker-credential-swr` against the socket emulator."""

# ruff: noqa: F811

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
import yaml  # PyYAML comes with huaweicloudsdkcore (a test dependency)

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from swrtui import cli, clock
from swrtui.client.retry import RetryPolicy
from swrtui.emulator.state import seeds

# The services' `isolated` (user dirs plus the demo admin's keys in the environment) replaces
# tests/cli's for this module: the tests take it as an argument, hence F811.
from tests.services.conftest import LAB, LAB_DOOMED, LAB_TAGS, isolated, push_lab  # noqa: F401

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
EXPECTED = set(LAB_DOOMED)
RULE_ARGS = ("--keep-last", "5", "--older-than", "90d", "--keep", "release-*")
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(live_emulator: Any, isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> Run:
    """``run(*argv)``: ``swrtui --endpoint EMULATOR --project-id DEMO *argv``, stdin no TTY."""

    def call(*argv: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        flags = ["--endpoint", live_emulator.url, "--project-id", seeds.DEMO_PROJECT_ID]
        code = cli.main([*flags, *argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


def lab_tags(live: Any) -> set[str]:
    return set(live.app.state.namespaces[LAB[0]].repos[LAB[1]].tags)


def test_login_json_masked_and_shown(run: Run) -> None:
    result = run("login", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert set(document) == {"username", "password", "host", "expires_at"}
    assert document["username"].startswith("cn-north-4@") and HEX64.fullmatch(document["password"])
    # The temporary login names the emulator's own registry (same host:port as its API).
    assert document["host"].startswith("127.0.0.1:")
    expires = datetime.fromisoformat(document["expires_at"].replace("Z", "+00:00"))
    assert 5.9 * 3600 < (expires - clock.now()).total_seconds() <= 6 * 3600
    masked = run("login")
    assert masked.code == 0 and "Password:  ****" in masked.out
    assert re.search(
        r"^Expires:   \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in \d hours?\)$", masked.out, re.M
    )
    assert not HEX64.search(masked.out + masked.err)
    assert "docker login -u cn-north-4@" in masked.out and "--password-stdin" not in masked.out
    shown = run("login", "--show")
    password = HEX64.search(shown.out)
    assert password and f" printf '%s' {password.group(0)} | docker login" in shown.out


def test_long_term_login_is_computed_locally(run: Run, live_emulator: Any) -> None:
    requests = live_emulator.app.faults.stats.requests
    result = run("--json", "login", "--long-term")
    document = json.loads(result.out)
    expected = hmac.new(
        seeds.DEMO_ADMIN_SK.encode(), seeds.DEMO_ADMIN_AK.encode(), hashlib.sha256
    ).hexdigest()
    assert document == {
        "username": f"cn-north-4@{seeds.DEMO_ADMIN_AK}",
        "password": expected,
        # The emulator's registry: the same host:port its temporary logins name.
        "host": live_emulator.url.removeprefix("http://"),
        "expires_at": None,
    }
    assert live_emulator.app.faults.stats.requests == requests  # no API call


def test_pull_command_names_the_login_host(run: Run, live_emulator: Any) -> None:
    host = live_emulator.url.removeprefix("http://")
    login = json.loads(run("login", "--json").out)
    assert login["host"] == host
    shown = run("--json", "repl", "-c", "tags show demo/nginx:latest")
    assert shown.code == 0, shown.err
    document = json.loads(shown.out)
    assert document["pull"] == f"docker pull {host}/demo/nginx:latest"
    assert document["path"] == f"{host}/demo/nginx:latest"


def test_login_writes_docker_config_and_kubernetes_secret(run: Run, isolated: Path) -> None:
    written = run("login", "--write-docker-config")
    assert written.code == 0 and "wrote the login for 127.0.0.1:" in written.err
    config = json.loads((isolated / "docker" / "config.json").read_text())
    (auth,) = [entry["auth"] for host, entry in config["auths"].items() if "127.0.0.1:" in host]
    assert not HEX64.search(written.out + written.err)
    manifest = run("login", "--long-term", "--kubernetes-secret", "swr-pull", "--namespace", "ci")
    secret = yaml.safe_load(manifest.out)
    assert secret["metadata"] == {"name": "swr-pull", "namespace": "ci"}
    assert auth and secret["type"] == "kubernetes.io/dockerconfigjson"
    bad = run("login", "--long-term", "--kubernetes-secret", "Bad_Name")
    assert bad.code == 2 and bad.err.startswith("swrtui: BAD_ARGUMENT: not a valid Kubernetes")


def test_login_docker_login_keeps_the_password_off_argv(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, ...]] = []
    real = asyncio.create_subprocess_exec

    async def spy(*argv: str, **kwargs: Any) -> Any:
        seen.append(argv)
        return await real(
            sys.executable, "-c", "import sys; sys.stdin.read(); print('ok')", **kwargs
        )

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spy)
    result = run("login", "--docker-login", "--json")
    password = json.loads(result.out)["password"]
    (argv,) = seen
    assert argv[:2] == ("docker", "login") and "--password-stdin" in argv
    assert not any(password in arg for arg in argv)


def test_cleanup_dry_run_refusal_execute_and_no_op(run: Run, live_emulator: Any) -> None:
    push_lab(live_emulator.app, clock.now())
    dry = run("cleanup", "demo/cleanup-*", *RULE_ARGS)
    assert dry.code == 0 and "8 of 17 tags in 1 repository would be deleted" in dry.out
    header, first = dry.out.splitlines()[:2]
    # Headed columns, aligned: each heading starts where its column does.
    assert header.split() == ["REFERENCE", "DIGEST", "SIZE", "UPDATED", "RULE", "EFFECT"]
    assert first.index("demo/cleanup-lab:") == header.index("REFERENCE") == 0
    assert re.match(r"[0-9a-f]{12}  ", first[header.index("DIGEST") :])
    # old-alias is the image of the kept build-12 and latest: only its name goes.
    assert first.startswith("demo/cleanup-lab:old-alias") and first.endswith("name only")
    assert all(line.endswith("removes image") for line in dry.out.splitlines()[2:9])
    assert "1 name dropped from images that stay" in dry.out
    assert re.search(
        r"demo/cleanup-lab: deleting old-alias drops names only: image [0-9a-f]{12} stays, "
        r"tagged build-12, latest", dry.out
    )  # fmt: skip
    assert "Dry run: nothing was deleted" in dry.out
    assert lab_tags(live_emulator) == set(LAB_TAGS)
    refused = run("cleanup", "demo/cleanup-lab", *RULE_ARGS, "--execute")
    assert refused.code == 2 and refused.err.strip() == (
        "swrtui: BAD_ARGUMENT: refusing to delete 8 tags without --yes: stdin is not a terminal"
    )
    assert lab_tags(live_emulator) == set(LAB_TAGS)
    done = run("--json", "cleanup", "demo/cleanup-lab", *RULE_ARGS, "--execute", "--yes")
    assert done.code == 0, done.err
    document = json.loads(done.out)
    assert {i["tag"] for i in document["plan"]["items"]} == EXPECTED
    assert {ref.split(":")[1] for ref in document["report"]["deleted"]} == EXPECTED
    assert lab_tags(live_emulator) == set(LAB_TAGS) - EXPECTED
    again = run("cleanup", "demo/cleanup-lab", *RULE_ARGS, "--execute", "--yes")
    assert again.code == 0 and "0 of 9 tags" in again.out and "nothing to delete" in again.err


def test_cleanup_keep_last_images_keeps_whole_images(run: Run, live_emulator: Any) -> None:
    push_lab(live_emulator.app, clock.now())
    # Keeping the 2 newest images keeps build-12's image with old-alias, then build-11;
    # keeping 2 tags would drop old-alias as a name of the image that stays.
    by_images = run("--json", "cleanup", "demo/cleanup-lab", "--keep-last-images", "2")
    assert by_images.code == 0, by_images.err
    document = json.loads(by_images.out)
    kept = {"latest", "build-12", "old-alias", "build-11"}
    assert {i["tag"] for i in document["items"]} == set(LAB_TAGS) - kept
    assert {(i["effect"], tuple(i["kept_tags"])) for i in document["items"]} == {
        ("removes-image", ())
    }
    assert document["source"]["keep_last_images"] == 2
    assert document["totals"]["images_removed"] == len(document["items"])
    by_tags = json.loads(run("--json", "cleanup", "demo/cleanup-lab", "--keep-last", "2").out)
    marks = {i["tag"]: (i["effect"], i["kept_tags"]) for i in by_tags["items"]}
    assert marks["old-alias"] == ("name-only", ["build-12", "latest"])
    assert by_tags["totals"]["names_only"] == 1
    bad = run("cleanup", "demo/cleanup-lab", "--keep-last-images", "two")
    assert bad.code == 2 and bad.err.strip() == (
        "swrtui: CLEANUP.BAD_RULE: --keep-last-images: 'two' is not a whole number of at "
        "most 12 digits"
    )
    assert lab_tags(live_emulator) == set(LAB_TAGS)  # a plan deletes nothing


def test_cleanup_failure_then_resume(run: Run, live_emulator: Any, isolated: Path) -> None:
    push_lab(live_emulator.app, clock.now())
    # build-5 fails on the first attempt and every retry of the client's default policy.
    attempts = 1 + RetryPolicy.retries
    live_emulator.app.faults.add(
        {"action": "status", "method": "DELETE", "path": "tags/build-5$", "status": 503,
         "count": attempts}
    )  # fmt: skip
    first = run("cleanup", "demo/cleanup-lab", *RULE_ARGS, "--execute", "--yes")
    assert first.code == 1
    assert "7 deleted, 0 already gone, 0 changed since plan (kept), 1 failed" in first.out
    assert "failed demo/cleanup-lab:build-5: SVCSTG.SWR.5000001 (HTTP 503)" in first.out
    hint = re.search(r"swrtui cleanup --resume (\S+) --execute --yes", first.out)
    assert hint, first.out
    run_id = hint.group(1)
    assert lab_tags(live_emulator) == set(LAB_TAGS) - EXPECTED | {"build-5"}
    # Without --execute a resume shows what is left and changes nothing.
    shown = run("cleanup", "--resume", run_id, "--yes")
    assert shown.code == 0 and "demo/cleanup-lab:build-5" in shown.out
    assert f"swrtui cleanup --resume {run_id} --execute --yes" in shown.out
    assert lab_tags(live_emulator) == set(LAB_TAGS) - EXPECTED | {"build-5"}
    resumed = run("cleanup", "--resume", run_id, "--execute", "--yes")
    assert resumed.code == 0 and "1 deleted" in resumed.out
    assert lab_tags(live_emulator) == set(LAB_TAGS) - EXPECTED
    (journal,) = (isolated / "state").rglob("cleanup-*.jsonl")
    text = journal.read_text()
    assert run_id in journal.name and seeds.DEMO_ADMIN_SK not in text
    assert "sha256:" in text and not re.search(r'"(password|secret|sk)"', text, re.I)


def test_cleanup_errors_are_one_line_with_a_code(run: Run) -> None:
    no_rule = run("cleanup", "demo/nginx")
    assert no_rule.code == 2 and no_rule.err.startswith("swrtui: CLEANUP.BAD_RULE: nothing selects")
    bad_age = run("cleanup", "demo/nginx", "--older-than", "soon")
    assert bad_age.err.startswith("swrtui: CLEANUP.BAD_RULE: --older-than: not a duration")
    bad_count = run("cleanup", "demo/nginx", "--keep-last", "five")
    assert bad_count.code == 2 and bad_count.err.strip() == (
        "swrtui: CLEANUP.BAD_RULE: --keep-last: 'five' is not a whole number of at most 12 digits"
    )
    missing = run("cleanup", "--resume", "20990101T000000Z-000000", "--yes")
    assert missing.code == 2 and missing.err.startswith("swrtui: CLEANUP.JOURNAL: no cleanup")


def test_keep_takes_one_value_so_the_scope_may_follow(run: Run, live_emulator: Any) -> None:
    push_lab(live_emulator.app, clock.now())
    flags = ("--keep-last", "5", "--keep", "release-*", "--keep", "build-1")
    after = run("--json", "cleanup", *flags, "demo/cleanup-lab")
    assert after.code == 0, after.err
    before = run("--json", "cleanup", "demo/cleanup-lab", *flags)
    assert json.loads(after.out) == json.loads(before.out)
    rules = json.loads(after.out)["source"]
    assert [p["text"] for p in rules["keep"]] == ["latest", "release-*", "build-1"]
    # --include is a glob, as in the REPL and the TUI; re: makes it a regular expression.
    base = ("--json", "cleanup", "demo/cleanup-lab", "--keep-last", "0", "--include")
    glob, regex = run(*base, "build-*"), run(*base, "re:^build-")
    tags = [{i["tag"] for i in json.loads(r.out)["items"]} for r in (glob, regex)]
    assert tags[0] == tags[1] and tags[0] and all(t.startswith("build-") for t in tags[0])


def test_cleanup_targets_that_match_nothing_fail_loudly(run: Run) -> None:
    invalid = run("cleanup", "Demo/*", "--keep-last", "3")
    assert invalid.code == 2 and invalid.err.startswith("swrtui: CLEANUP.BAD_SCOPE: 'Demo'")
    for scope in ("demo/nosuchrepo", "nosuchorg/*"):
        empty = run("cleanup", scope, "--keep-last", "3")
        assert empty.code == 1, (scope, empty.out)
        assert empty.err.startswith("swrtui: CLEANUP.NOTHING_IN_SCOPE: ") and scope in empty.err
        assert "Plan:" not in empty.out


def test_read_only_cleanup_deletes_nothing(run: Run, live_emulator: Any) -> None:
    push_lab(live_emulator.app, clock.now())
    requests = live_emulator.app.faults.stats.by_route.copy()
    refused = run("--read-only", "cleanup", "demo/cleanup-lab", *RULE_ARGS, "--execute", "--yes")
    assert refused.code != 0 and "READ_ONLY" in refused.err, refused.err
    assert lab_tags(live_emulator) == set(LAB_TAGS)
    deletes = {k: v for k, v in live_emulator.app.faults.stats.by_route.items() if "DELETE" in k}
    assert deletes == {k: v for k, v in requests.items() if "DELETE" in k}


# --- docker-credential-swr ------------------------------------------------------------------


def _helper_env(isolated: Path, url: str) -> dict[str, str]:
    config = Path(os.environ["SWRTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        'default_profile = "lab"\n[profiles.lab]\nregion = "cn-north-4"\nauth = "aksk"\n'
        f'ak = "{seeds.DEMO_ADMIN_AK}"\napi_endpoint = "{url}"\n'
        f'project_id = "{seeds.DEMO_PROJECT_ID}"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "HUAWEICLOUD_SDK_AK"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def _docker_calls(env: dict[str, str], action: str, stdin: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "swrtui.cli.docker_credential", action]
    return subprocess.run(command, input=stdin, env=env, capture_output=True, text=True, timeout=60)


def test_credential_helper_protocol_as_docker_drives_it(live_emulator: Any, isolated: Path) -> None:
    env = _helper_env(isolated, live_emulator.url)
    # The emulator's registry is its own host:port, as its temporary logins say.
    server = live_emulator.url.removeprefix("http://")
    got = _docker_calls(env, "get", server)
    assert got.returncode == 0, got.stderr
    document = json.loads(got.stdout)
    assert set(document) == {"ServerURL", "Username", "Secret"} and document["ServerURL"] == server
    assert document["Username"].startswith("cn-north-4@") and HEX64.fullmatch(document["Secret"])
    assert document["Secret"] not in got.stderr
    other = _docker_calls(env, "get", "registry-1.docker.io")
    assert (other.returncode, other.stdout) == (1, "credentials not found in native keychain\n")
    assert "not this profile's registry" in other.stderr
    stored = json.dumps({"ServerURL": server, "Username": "u", "Secret": "s"})
    assert _docker_calls(env, "store", stored).returncode == 0
    assert _docker_calls(env, "erase", server).returncode == 0
    listed = _docker_calls(env, "list", "")
    assert (listed.returncode, json.loads(listed.stdout)) == (0, {})
    env["HUAWEICLOUD_SDK_SK"] = "wrong-secret-key-for-the-demo"
    refused = _docker_calls(env, "get", server)
    assert (refused.returncode, refused.stdout) == (1, "credentials not found in native keychain\n")
    assert "wrong-secret-key-for-the-demo" not in refused.stderr


def test_credential_helper_caches_in_the_keyring(
    live_emulator: Any, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    from swrtui.cli import docker_credential as credential_helper
    from tests.isolation import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    _helper_env(isolated, live_emulator.url)
    monkeypatch.delenv("HUAWEICLOUD_SDK_AK")
    stats = live_emulator.app.faults.stats
    logins = "POST /v2/manage/utils/secret"
    before = stats.by_route.get(logins, 0)
    host = live_emulator.url.removeprefix("http://")
    answers = []
    for _ in range(2):
        out = io.StringIO()
        code = credential_helper.main(["get"], io.StringIO(host), out)
        answers.append((code, json.loads(out.getvalue())))
    assert answers[0] == answers[1] and answers[0][0] == 0
    assert [k for k in backend.entries if k[0] == "swrtui-docker-login"] == [
        ("swrtui-docker-login", f"lab:{host}")
    ]
    assert stats.by_route[logins] - before == 1  # the second get came from the cache
    out = io.StringIO()
    assert credential_helper.main(["list"], io.StringIO(""), out) == 0
    assert json.loads(out.getvalue()) == {host: answers[0][1]["Username"]}


def test_console_script_is_declared() -> None:
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, function = scripts["docker-credential-swr"].partition(":")
    assert callable(getattr(import_module(module), function))


def test_missing_project_id_says_where_to_give_it(
    live_emulator: Any, isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["--endpoint", live_emulator.url, "repl", "-c", "quotas"])
    err = capsys.readouterr().err
    assert code != 0
    assert "CLIENT.NO_PROJECT_ID" in err and "--project-id" in err, err
    assert "SwrClient(" not in err and "Traceback" not in err
