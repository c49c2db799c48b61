"""When and how long to wait before trying a request again.

Idempotent methods are retried on any transport failure, on 429 (honouring ``Retry-After``)
and on 5xx. Other methods (POST, PATCH) are retried only when the connection was never
established, since otherwise the server may already have acted on them. Waits grow
exponentially with random jitter so that many concurrent callers do not retry in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import httpx

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

# Failures where the request cannot have reached the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass
class RetryPolicy:
    retries: int = 3
    backoff: float = 0.2
    max_backoff: float = 10.0
    max_retry_after: float = 60.0
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def retry_exception(self, method: str, exc: httpx.HTTPError, attempt: int) -> bool:
        if attempt >= self.retries or not isinstance(exc, httpx.TransportError):
            return False
        return method in IDEMPOTENT_METHODS or isinstance(exc, _NOT_SENT)

    def retry_status(self, method: str, status: int, attempt: int) -> bool:
        if attempt >= self.retries or method not in IDEMPOTENT_METHODS:
            return False
        return status == 429 or status >= 500

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)
