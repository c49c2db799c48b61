"""``swrtui emulator`` and ``swrtui demo`` as real processes, driven with the official SDK."""

from __future__ import annotations

import re
import signal
import socket
import time

import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.serve import banner
from swrtui.emulator.state import seeds
from tests.conftest import make_sdk_client
from tests.emulator.serve_process import start

pytestmark = [pytest.mark.socket, pytest.mark.slow]


def test_emulator_banner_then_official_sdk_then_clean_ctrl_c() -> None:
    child = start("emulator", "--port", "0")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", child.endpoint)
        assert not child.endpoint.endswith(":0")
        assert child.banner["Region"] == "cn-north-4"
        assert child.banner["Project ID"] == seeds.DEMO_PROJECT_ID
        assert (child.banner["AK"], child.banner["SK"]) == (
            seeds.DEMO_ADMIN_AK,
            seeds.DEMO_ADMIN_SK,
        )
        sdk = make_sdk_client(
            child.endpoint, child.banner["AK"], child.banner["SK"], child.banner["Project ID"]
        )
        namespaces = sdk.list_namespaces(model.ListNamespacesRequest()).namespaces
        assert [ns.name for ns in namespaces] == ["data-team", "demo", "ml-lab", "platform"]

        repos = sdk.list_repos_details(model.ListReposDetailsRequest(namespace="demo"))
        assert repos.content_range is not None
        assert re.fullmatch(r"\d+-\d+/17", repos.content_range)
        assert "tools/ci-runner" in {repo.name for repo in repos.body}

        tags = sdk.list_repository_tags(
            model.ListRepositoryTagsRequest(namespace="platform", repository="api-gateway")
        ).body
        by_name = {tag.tag: tag for tag in tags}
        assert {"latest", "main"} <= set(by_name)
        assert by_name["latest"].digest == by_name["main"].digest

        secret = sdk.create_secret(model.CreateSecretRequest())
        assert secret.x_swr_dockerlogin.startswith("docker login -u cn-north-4@")
    finally:
        code, stderr = child.stop(signal.SIGINT)
    assert code == 0
    assert "Traceback" not in stderr
    rest = child.rest_of_stdout()
    assert "BasicCredentials(AK, SK, PROJECT_ID)" in rest
    assert "/_emulator/" in rest


def test_seed_latency_and_sigterm() -> None:
    child = start("emulator", "--port", "0", "--seed", "empty", "--latency-ms", "300")
    sdk = make_sdk_client(child.endpoint)
    started = time.monotonic()
    assert sdk.list_namespaces(model.ListNamespacesRequest()).namespaces == []
    assert time.monotonic() - started >= 0.3
    code, stderr = child.stop(signal.SIGTERM)
    assert (code, "Traceback" in stderr) == (0, False)


def test_unknown_seed_is_refused_before_listening() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "swrtui", "emulator", "--port", "0", "--seed", "huge"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "unknown seed 'huge'" in done.stderr


def test_busy_port_is_reported() -> None:
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "swrtui", "emulator", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_banner_lines_come_from_the_state() -> None:
    state = seeds.build("empty")
    state.region = "ap-southeast-3"
    text = banner("http://[::1]:9000", state, "State: test.")
    lines = text.splitlines()
    assert lines[:5] == [
        "Endpoint: http://[::1]:9000",
        "Region: ap-southeast-3",
        f"Project ID: {seeds.DEMO_PROJECT_ID}",
        f"AK: {seeds.DEMO_ADMIN_AK}",
        f"SK: {seeds.DEMO_ADMIN_SK}",
    ]
    assert lines[-2:] == ["State: test.", "Press Ctrl-C to stop."]


async def test_accepted_connections_have_nagle_off() -> None:
    """Small replies must not wait for a delayed ACK (it cost ~40 ms per keep-alive call)."""
    import asyncio
    import socket

    from swrtui.emulator.serve import _bind

    listener = _bind("127.0.0.1", 0)
    nodelay: list[int] = []

    def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        nodelay.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(accepted, sock=listener)
    async with server:
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        for _ in range(100):
            if nodelay:
                break
            await asyncio.sleep(0.01)
        writer.close()
    assert nodelay == [1]
