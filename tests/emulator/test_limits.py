"""An emulator a credential-less caller cannot knock over: bodies are refused past the limit
before they are buffered, authentication comes before the body, and the server drops
connections that never finish their headers."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest

from swrtui.emulator import serve
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.http import MAX_BODY_BYTES
from swrtui.emulator.state import seeds

CHUNK = 64 * 1024
HUGE = 256 * 1024 * 1024  # what one trial POST sent: far more than the limit
TOO_LARGE = "SVCSTG.SWR.4131001"


class CountedBody:
    """A streamed request body that records how much of it the server pulled."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.consumed = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.consumed < self.total:
            self.consumed += CHUNK
            yield b"x" * CHUNK


def _client(app: EmulatorApp) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://emulator")


async def test_a_huge_chunked_body_is_refused_after_reading_just_past_the_limit(
    emulator_app: EmulatorApp,
) -> None:
    body = CountedBody(HUGE)
    async with _client(emulator_app) as client:
        response = await client.post(
            "/_emulator/reset", content=body, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 413 and response.json()["error_code"] == TOO_LARGE
    # Reading stopped at the first chunk past the limit: the rest was never pulled.
    assert MAX_BODY_BYTES < body.consumed <= MAX_BODY_BYTES + CHUNK


async def test_a_declared_length_over_the_limit_is_refused_before_any_byte_is_read(
    emulator_app: EmulatorApp,
) -> None:
    body = CountedBody(HUGE)
    request_headers = {
        "Content-Type": "application/json",
        "Content-Length": str(HUGE),
        # A known access key passes the pre-body check, so the length check is what refuses.
        "Authorization": (
            f"SDK-HMAC-SHA256 Access={seeds.DEMO_ADMIN_AK}, SignedHeaders=host;x-sdk-date, "
            f"Signature={'0' * 64}"
        ),
    }
    async with _client(emulator_app) as client:
        response = await client.post("/v2/manage/namespaces", content=body, headers=request_headers)
    assert response.status_code == 413 and response.json()["error_code"] == TOO_LARGE
    assert body.consumed == 0


@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {"X-Auth-Token": "not-a-token-we-issued"},
        {"Authorization": "SDK-HMAC-SHA256 garbage"},
        {
            "Authorization": "SDK-HMAC-SHA256 Access=UNKNOWNKEY, SignedHeaders=host, "
            f"Signature={'0' * 64}"
        },
    ],
    ids=["none", "unknown-token", "malformed-signature", "unknown-key"],
)
async def test_an_unauthenticated_post_gets_401_without_its_body_being_read(
    emulator_app: EmulatorApp, credentials: dict[str, str]
) -> None:
    body = CountedBody(HUGE)
    async with _client(emulator_app) as client:
        response = await client.post(
            "/v2/manage/namespaces",
            content=body,
            headers={"Content-Type": "application/json", **credentials},
        )
    assert response.status_code == 401, response.text
    assert response.json()["error_code"]
    assert body.consumed == 0


def test_the_server_config_has_the_limits(emulator_app: EmulatorApp) -> None:
    config = serve.uvicorn_config(emulator_app)
    assert config.limit_concurrency == serve.LIMIT_CONCURRENCY
    assert config.timeout_keep_alive == serve.KEEP_ALIVE_TIMEOUT
    assert config.h11_max_incomplete_event_size == serve.MAX_HEADER_BYTES
    assert config.http is serve.HeaderTimeoutProtocol


async def test_a_connection_that_never_finishes_its_headers_is_dropped(
    emulator_app: EmulatorApp,
) -> None:
    class QuickTimeout(serve.HeaderTimeoutProtocol):
        header_timeout = 0.2

    config = serve.uvicorn_config(emulator_app)
    config.http = QuickTimeout
    config.lifespan = "off"
    server = serve.uvicorn.Server(config)
    sock = serve._bind("127.0.0.1", 0)
    task = asyncio.ensure_future(server.serve(sockets=[sock]))
    try:
        reader, writer = await asyncio.open_connection(
            sock=socket.create_connection(sock.getsockname())
        )
        writer.write(b"POST /v2/manage/namespaces HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        await writer.drain()
        # The server closes the connection: EOF, not a reply, and well before this bound.
        assert await asyncio.wait_for(reader.read(), timeout=10) == b""
        writer.close()
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)
        sock.close()
