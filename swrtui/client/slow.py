"""Slow requests, as an event the front ends render: the one notion of "this is taking long".

``client.on_slow_request = handler`` gets a :class:`SlowRequest` once a call has been in
flight for ``client.slow_after`` seconds, then about every second while it still is, and a
last one with ``done=True`` when it ends (so a status line can be cleared). Retries and
their back-off count as part of the same call: the user waits for the call, not an attempt.
The clock is the event loop's monotonic one: how long is a duration, never wall-clock time.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

# Past this a request is reported as slow (seconds); front ends and tests may change it.
DEFAULT_SLOW_AFTER = 3.0
# How often a still-running slow request is reported again (seconds).
REPORT_EVERY = 1.0


@dataclass(frozen=True)
class SlowRequest:
    method: str
    path: str
    elapsed: float
    # The first report of this call (a log writes one line per slow call, not one a second).
    first: bool = False
    done: bool = False

    @property
    def line(self) -> str:
        """``waiting for GET /v2/manage/namespaces (5s)…``"""
        return f"waiting for {self.method} {self.path} ({self.elapsed:.0f}s)…"


SlowRequestHandler = Callable[[SlowRequest], None]


@contextlib.asynccontextmanager
async def watched(
    method: str, path: str, handler: SlowRequestHandler | None, after: float
) -> AsyncIterator[None]:
    """Report the enclosed call to ``handler`` while it runs past ``after`` seconds."""
    if handler is None:
        yield
        return
    loop = asyncio.get_running_loop()
    started = loop.time()
    reported = False

    async def report() -> None:
        nonlocal reported
        await asyncio.sleep(after)
        while True:
            handler(SlowRequest(method, path, loop.time() - started, first=not reported))
            reported = True
            await asyncio.sleep(REPORT_EVERY)

    reporter = asyncio.ensure_future(report())
    try:
        yield
    finally:
        reporter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reporter
        if reported:
            handler(SlowRequest(method, path, loop.time() - started, done=True))
