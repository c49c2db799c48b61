"""``swrtui emulator`` and ``swrtui demo``: serve the emulator on a socket until Ctrl-C.

The socket is bound before anything is printed, so ``--port 0`` works and the banner shows the
real port. The banner's first five lines are a contract for scripts and tests::

    Endpoint: http://127.0.0.1:8080
    Region: cn-north-4
    Project ID: <demo project id>
    AK: <demo admin access key>
    SK: <demo admin secret key>

These are the emulator's own fake credentials (the same in every seed), printed so a user can
paste them into the official SDK; no real secret ever reaches this module.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.state import seeds
from swrtui.emulator.state.persistence import SqliteStore, StateFileError
from swrtui.emulator.state.store import EmulatorState, User

_GUIDE = """\

Point the official SDK (huaweicloudsdkswr) at it:
    credentials = BasicCredentials(AK, SK, PROJECT_ID)
    client = (SwrClient.new_builder().with_credentials(credentials)
              .with_endpoints([ENDPOINT]).build())
Control API (no authentication) under {endpoint}/_emulator/:
    POST reset {{"seed": "demo"|"empty"|"large:…"}}, GET state, GET credentials,
    POST/GET/DELETE faults, GET/DELETE stats, PUT latency, POST retention/run
"""


# Limits that keep a credential-less caller from knocking the emulator over (each was done in
# a trial): connections beyond LIMIT_CONCURRENCY get a 503 instead of a task each; a request
# whose headers are not complete within HEADER_TIMEOUT seconds is dropped, so half-sent
# requests cannot pile up until the process runs out of file descriptors; an idle keep-alive
# connection goes after KEEP_ALIVE_TIMEOUT; headers larger than MAX_HEADER_BYTES are refused.
# Bodies are limited by the app itself (http.read_body), before anything is buffered.
LIMIT_CONCURRENCY = 256
HEADER_TIMEOUT = 10.0
KEEP_ALIVE_TIMEOUT = 5
MAX_HEADER_BYTES = 64 * 1024


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol plus a deadline for a request's headers.

    uvicorn arms its keep-alive timer only after a response, and any byte received cancels
    it, so a connection that never finishes its headers would be held forever. Here a
    deadline runs whenever the connection waits for (the rest of) a request's headers.
    """

    header_timeout = HEADER_TIMEOUT
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and data:
            self._arm_header_deadline()  # headers begun, not finished
        elif self._header_deadline is not None and self.conn.their_state is not h11.IDLE:
            self._header_deadline.cancel()
            self._header_deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _too_slow(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def uvicorn_config(app: EmulatorApp) -> uvicorn.Config:
    """The server configuration with the limits above."""
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http=HeaderTimeoutProtocol,
        limit_concurrency=LIMIT_CONCURRENCY,
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
    )


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8080
    seed: str = "demo"
    latency_ms: int = 0
    state_file: str | None = None


class _Stopped(Exception):
    """Ctrl-C or SIGTERM, as uvicorn re-raises it after its graceful shutdown."""


def run_emulator(args: argparse.Namespace) -> int:
    return serve(
        ServeOptions(
            host=args.host,
            port=args.port,
            seed=args.seed,
            latency_ms=args.latency_ms,
            state_file=args.state,
        )
    )


def serve(options: ServeOptions) -> int:
    """Build, bind, announce, serve; 0 after Ctrl-C or SIGTERM, 1 or 2 on a startup error."""
    if options.latency_ms < 0:
        return _fail("--latency-ms must not be negative", 2)
    try:
        store = SqliteStore(options.state_file) if options.state_file else None
    except StateFileError as exc:
        return _fail(str(exc), 2)
    try:
        return _serve_state(options, store)
    finally:
        if store:
            store.close()


def _serve_state(options: ServeOptions, store: SqliteStore | None) -> int:
    try:
        state, origin = _initial_state(options, store)
    except (ValueError, StateFileError) as exc:
        return _fail(str(exc), 2)
    if store is not None:
        # Pushed blobs outlive the process beside the state file (content-addressed, so
        # several state files in one directory may share them).
        state.blobs.keep_under(store.path.parent / "blobs")
    app = create_app(state, latency_ms=options.latency_ms, on_change=store.save if store else None)
    try:
        sock = _bind(options.host, options.port)
    except OSError as exc:
        return _fail(f"cannot listen on {options.host}:{options.port}: {exc}", 1)
    with sock:
        print(banner(_endpoint(options.host, sock), state, origin), flush=True)
        return _serve_until_stopped(app, sock)


def _initial_state(options: ServeOptions, store: SqliteStore | None) -> tuple[EmulatorState, str]:
    """The saved state when the state file has one, else the seed (saved at once if filed)."""
    saved = store.load() if store else None
    if store and saved is not None:
        return saved, f"State: loaded from {store.path}; every change is saved there."
    state = seeds.build(options.seed)
    if store is None:
        return state, f"State: seed {options.seed!r}, in memory only (lost on exit)."
    store.save(state)
    return state, f"State: seed {options.seed!r}; every change is saved to {store.path}."


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # asyncio turns Nagle off only for sockets whose proto is IPPROTO_TCP, and accepted sockets
    # inherit it; create_server() leaves proto 0, which delayed every small reply by ~40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(socket.SOMAXCONN)
    except OSError:
        sock.close()
        raise
    return sock


def _endpoint(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def banner(endpoint: str, state: EmulatorState, origin: str) -> str:
    admin = _demo_admin(state)
    domain = state.domains[admin.domain_id]
    lines = [
        f"Endpoint: {endpoint}",
        f"Region: {state.region}",
        f"Project ID: {domain.project_id}",
        f"AK: {admin.access_key}",
        f"SK: {admin.secret_key}",
        _GUIDE.format(endpoint=endpoint),
        origin,
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _demo_admin(state: EmulatorState) -> User:
    domain = state.domains[seeds.DEMO_DOMAIN_ID]
    return next(u for u in domain.users.values() if u.is_admin)


def _serve_until_stopped(app: EmulatorApp, sock: socket.socket) -> int:
    server = uvicorn.Server(uvicorn_config(app))
    try:
        with _signals_raise_stopped():
            server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    return 0


@contextmanager
def _signals_raise_stopped() -> Iterator[None]:
    """Own SIGINT and SIGTERM while serving.

    uvicorn catches both, shuts down gracefully, then re-raises the signal to the handler
    that was installed before it. Left to the defaults, SIGTERM would kill the process and
    SIGINT would go to asyncio's handler, which cancels the lifespan task mid-shutdown and
    logs a traceback; this handler makes both one quiet exception after the shutdown.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be installed from the main thread
        return

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _fail(message: str, code: int) -> int:
    print(f"swrtui emulator: {message}", file=sys.stderr)
    return code
