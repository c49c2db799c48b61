"""When and how long to wait before trying a request again.

Idempotent methods are retried on any transport failure, on 429 and on 5xx. Other methods
(POST, PATCH) are retried only when the connection was never established, since otherwise
the server may already have acted on them.

Two budgets bound a request: ``retries`` bounds failures in a row (5xx, transport errors),
and ``budget`` bounds the whole request in seconds of monotonic time. A 429 is the server
pacing us rather than failing: it spends only the time budget and ends the failure streak,
since the server has just shown it is up. Counting failures over a long throttled request
instead would let its scattered failures add up to a give-up that no run of failures
justified. ``retries=0`` turns retrying off altogether, 429s included.

Waits follow the server's ``Retry-After`` (seconds or an HTTP-date) when it gives one, else
exponential backoff with full jitter (uniform between 0 and the exponential ceiling) so
that many callers do not retry in lockstep; every wait is capped, and a wait that would end
past the budget is not started.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timezone
from email.utils import parsedate_to_datetime

import httpx

from swrtui import clock
from swrtui.client.errors import parse_retry_after

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

# Failures where the request cannot have reached the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass
class RetryPolicy:
    """How a client retries; :meth:`start` gives the per-request bookkeeping.

    The defaults are for a person waiting at a terminal on a bad day. With 15% of attempts
    failing (the fault suite's 10% 503s plus 5% resets), seven attempts in a row all fail
    about once in 700,000 requests, so a 20,000-tag listing (200 requests) fails about once
    in 3,700 runs; with six attempts it would be once in 540. A dead endpoint is reported
    after about 6 s of expected backoff (0.2 s doubling, at most 12.6 s in all), not a
    minute. A single wait over 10 s is past the point where a user assumes the program hung,
    and 30 s is the longest anyone waits for one screen: past it, the server's own error is
    the better answer.
    """

    retries: int = 6
    backoff: float = 0.2
    max_wait: float = 10.0
    budget: float = 30.0
    rng: random.Random = field(default_factory=random.Random, repr=False)
    # Elapsed time, not "now": injectable so tests spend the budget without waiting.
    monotonic: Callable[[], float] = field(default=time.monotonic, repr=False)

    def start(self, method: str) -> Attempts:
        return Attempts(self, method, deadline=self.monotonic() + self.budget)

    def backoff_wait(self, retry: int) -> float:
        """Full jitter before retry number ``retry`` (1-based): uniform in [0, ceiling]."""
        ceiling = min(self.max_wait, self.backoff * 2 ** (retry - 1))
        return self.rng.uniform(0, ceiling)


@dataclass
class Attempts:
    """One request's retries so far; each ``after_*`` answers the wait, or None to give up."""

    policy: RetryPolicy
    method: str
    deadline: float
    failures: int = 0  # in a row: the backoff exponent and what ``retries`` bounds
    throttled: int = 0
    retried: int = 0  # retries granted so far, of either kind

    def after_exception(self, exc: httpx.HTTPError) -> float | None:
        if not isinstance(exc, httpx.TransportError):
            return None
        if self.method not in IDEMPOTENT_METHODS and not isinstance(exc, _NOT_SENT):
            return None
        return self._after_failure(None)

    def after_status(self, status: int, retry_after: str | None) -> float | None:
        if self.method not in IDEMPOTENT_METHODS or not (status == 429 or status >= 500):
            return None
        if self.policy.retries == 0:  # retrying is off
            return None
        hint = retry_after_seconds(retry_after)
        if status != 429:
            return self._after_failure(hint)
        wait = self._within_budget(hint, self.throttled + 1)
        if wait is not None:
            self.throttled += 1
            self.retried += 1
            self.failures = 0
        return wait

    def _after_failure(self, hint: float | None) -> float | None:
        if self.failures >= self.policy.retries:
            return None
        wait = self._within_budget(hint, self.failures + 1)
        if wait is not None:
            self.failures += 1
            self.retried += 1
        return wait

    def _within_budget(self, hint: float | None, retry: int) -> float | None:
        """The wait before ``retry``, unless it would end past the deadline: sleeping only
        to fail there would waste the user's time."""
        wait = self._wait(hint, retry)
        return wait if self.policy.monotonic() + wait <= self.deadline else None

    def _wait(self, hint: float | None, retry: int) -> float:
        wait = self.policy.backoff_wait(retry) if hint is None else hint
        return min(wait, self.policy.max_wait)


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds, or an HTTP-date against the clock."""
    seconds = parse_retry_after(value)
    if seconds is not None or not value:
        return seconds
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000": RFC 5322's UTC with no local zone
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - clock.now()).total_seconds())
