"""The emulator as one ASGI application.

A plain ASGI callable rather than a Starlette router: it needs the raw path for signature
checks and routing, the body read under its size limit only once the route and the
caller's credentials allow it, and the freedom to drop a connection
half-way for fault injection. Starlette supplies the Request/Response types.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from swrtui.emulator import auth, control, errors
from swrtui.emulator.faults import Faults
from swrtui.emulator.handlers import all_routes
from swrtui.emulator.http import Call, error_response, read_body
from swrtui.emulator.registry import Registry
from swrtui.emulator.registry import handles as registry_handles
from swrtui.emulator.router import Router
from swrtui.emulator.state.store import EmulatorState

log = logging.getLogger("swrtui.emulator")


class ConnectionDropped(ConnectionResetError):
    """Raised after the response has started, so the server aborts the connection."""


class EmulatorApp:
    def __init__(
        self,
        state: EmulatorState,
        *,
        latency_ms: int = 0,
        fault_seed: int = 0,
        reseed: Callable[[str], EmulatorState] | None = None,
        on_change: Callable[[EmulatorState], None] | None = None,
    ) -> None:
        self.state = state
        self.faults = Faults(latency_ms=latency_ms, seed=fault_seed)
        self.router = Router(all_routes() + auth.routes + control.routes)
        # Building a fresh state for /_emulator/reset is the seeds module's job.
        self.reseed = reseed
        # Called after every successful mutating request (persistence hooks in here).
        self.on_change = on_change
        # The registry answers on the same port; it streams bodies, so it is dispatched
        # before the API reads one.
        self.registry = Registry(lambda: self.state, self._changed)

    def _changed(self) -> None:
        if self.on_change:
            self.on_change(self.state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if registry_handles(scope):
            await self.registry(scope, receive, send)
            return
        request = Request(scope, receive)
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        request_id = secrets.token_hex(16)
        # Control calls are the test harness talking, not traffic: keep them out of the stats.
        counted = not raw_path.startswith("/_emulator")
        if counted:
            self.faults.stats.started(f"{request.method} {scope['path']}")
        try:
            response = await self._respond(request, raw_path)
            response.headers["X-Request-Id"] = request_id
            await response(scope, receive, send)
        finally:
            if counted:
                self.faults.stats.finished()

    async def _respond(self, request: Request, raw_path: str) -> Response:
        method = request.method
        is_control = raw_path.startswith("/_emulator")
        if self.faults.latency_ms and not is_control:
            await asyncio.sleep(self.faults.latency_ms / 1000)
        if not is_control:
            injected = await self._inject(method, request.url.path, request.url.query)
            if injected is not None:
                return injected
        try:
            route, params = self.router.resolve(method, raw_path)
            # Who is calling is settled, as far as it can be, before the body is read; the
            # body is then read under its size limit (never buffered whole first).
            if route.authenticated:
                auth.check_before_body(request, self.state)
            body = await read_body(request)
            call = Call(request=request, state=self.state, params=params, body=body)
            call.notes["app"] = self
            if route.authenticated:
                call.user, call.domain = auth.authenticate(call)
            response = await route.handler(call)
        except errors.ApiError as exc:
            return error_response(exc)
        except ClientDisconnect:  # the caller went away mid-body: nobody to answer
            return Response(status_code=499)
        except Exception:  # a bug in a handler must still answer like the service would
            log.exception("emulator handler failed for %s %s", method, raw_path)
            return error_response(errors.internal("unexpected emulator failure"))
        if method != "GET" and response.status_code < 300 and self.on_change:
            self.on_change(self.state)
        return response

    async def _inject(self, method: str, path: str, query: str) -> Response | None:
        for rule in self.faults.pick(method, path, query):
            if rule.action == "latency":
                await asyncio.sleep(rule.latency_ms / 1000)
            elif rule.action == "reset":
                return _DroppedResponse()
            else:
                response = error_response(
                    errors.ApiError(rule.status, rule.error_code, rule.error_msg)
                )
                if rule.retry_after is not None:
                    response.headers["Retry-After"] = str(rule.retry_after)
                return response
        return None

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


class _DroppedResponse(Response):
    """Starts a response, then aborts: the client sees the connection die mid-reply."""

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]}
        )
        await send({"type": "http.response.body", "body": b"{", "more_body": True})
        raise ConnectionDropped("injected connection reset")


def create_app(
    state: EmulatorState | None = None,
    *,
    seed: str = "demo",
    latency_ms: int = 0,
    **options: Any,
) -> EmulatorApp:
    """Build an emulator; without ``state`` it starts from the named seed."""
    from swrtui.emulator.state import seeds

    return EmulatorApp(
        state if state is not None else seeds.build(seed),
        latency_ms=latency_ms,
        reseed=seeds.build,
        **options,
    )
