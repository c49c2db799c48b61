"""Fault injection and traffic statistics, so clients can be tested against a bad day.

Rules match a method, a path regex and optionally a query regex (``offset=2000`` to fail
one page of a listing) and then, with a probability and/or for a number of
times, add latency, answer with a status and error code (``Retry-After`` for 429), or reset
the connection. A global latency applies to every request (benchmarks use it to stand for
the network round trip). The statistics record concurrency as the server sees it, which is
how tests prove a client's concurrency limit.

Whether a probabilistic rule fires is a pure function of (seed, rule id, request, how many
times this rule saw that request before), where the request is its method, path and query.
A shared random stream would hand its draws out in arrival order, so two runs of the same
concurrent workload would see different faults; with the hash, a seed replays the same
faults whatever the interleaving. Rule ids restart at 1 when the rules are cleared, so the
same rule list under the same seed is the same bad day.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from swrtui.emulator import errors

ACTIONS = ("status", "reset", "latency")


@dataclass
class FaultRule:
    id: int
    action: str
    path: str = ".*"
    method: str = "*"
    query: str = ""  # a regex searched in the raw query string; empty matches every query
    status: int = 500
    error_code: str = "SVCSTG.SWR.5000001"
    error_msg: str = "Internal server error: injected fault"
    latency_ms: int = 0
    probability: float = 1.0
    count: int | None = None
    retry_after: int | None = None
    hits: int = 0
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _query_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # Request identity -> times this rule was asked about it: the draw's occurrence number.
    _seen: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        _check_types(self)
        if self.action not in ACTIONS:
            raise errors.invalid_parameter(f"action must be one of {', '.join(ACTIONS)}")
        if not 0.0 <= self.probability <= 1.0:
            raise errors.invalid_parameter("probability must be between 0 and 1")
        if not 400 <= self.status <= 599:
            raise errors.invalid_parameter("status must be an HTTP error status (400-599)")
        # Methods arrive upper-case from the server; accept "get" as the same rule.
        self.method = self.method.upper()
        self._pattern = _compile("path", self.path)
        self._query_pattern = _compile("query", self.query)

    def matches(self, method: str, path: str, query: str = "") -> bool:
        if self.count is not None and self.hits >= self.count:
            return False
        if self.method not in ("*", method):
            return False
        return (
            self._pattern.search(path) is not None and self._query_pattern.search(query) is not None
        )

    def fires(self, seed: int, request: str) -> bool:
        """Draw for one matching request; the same (seed, request, occurrence) draws the same."""
        occurrence = self._seen.get(request, 0)
        self._seen[request] = occurrence + 1
        if self.probability >= 1.0:
            return True
        return _draw(seed, self.id, request, occurrence) < self.probability

    def forget(self) -> None:
        """Start the draws over, as if no request had been seen (a new seed replays from 0)."""
        self._seen.clear()

    def public(self) -> dict[str, Any]:
        # Not asdict: it would deep-copy the per-request counters on every listing.
        return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}


def _compile(name: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    # A huge repeat count overflows, deep nesting recurses: both are bad patterns too.
    except (re.error, OverflowError, RecursionError) as exc:
        raise errors.invalid_parameter(f"{name} is not a valid regex: {exc}") from None


def _draw(seed: int, rule_id: int, request: str, occurrence: int) -> float:
    """A uniform number in [0, 1) fixed by its arguments (not by Python's hash seed)."""
    key = f"{seed}\x00{rule_id}\x00{request}\x00{occurrence}".encode()
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


# JSON integers the seed may take: the range stays exact in every JSON reader.
MAX_SEED = 2**53 - 1


def check_seed(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEED:
        raise errors.invalid_parameter(f"seed must be an integer from 0 to {MAX_SEED}")
    return value


# Field -> (accepted types, smallest value); a wrong type would otherwise only fail when the
# rule fires (a string status breaks the response mid-request).
_FIELD_TYPES: dict[str, tuple[tuple[type, ...], float | None]] = {
    "action": ((str,), None),
    "path": ((str,), None),
    "method": ((str,), None),
    "query": ((str,), None),
    "status": ((int,), None),
    "error_code": ((str,), None),
    "error_msg": ((str,), None),
    "latency_ms": ((int,), 0),
    "probability": ((int, float), None),
    "count": ((int, type(None)), 1),
    "retry_after": ((int, type(None)), 0),
}


def _check_types(rule: FaultRule) -> None:
    for name, (types, minimum) in _FIELD_TYPES.items():
        value = getattr(rule, name)
        if isinstance(value, bool) or not isinstance(value, types):
            raise errors.invalid_parameter(f"fault field {name} has the wrong type")
        if minimum is not None and isinstance(value, int | float) and value < minimum:
            raise errors.invalid_parameter(f"fault field {name} must be at least {minimum}")


@dataclass
class Stats:
    in_flight: int = 0
    max_in_flight: int = 0
    requests: int = 0
    by_route: dict[str, int] = field(default_factory=dict)

    def started(self, key: str) -> None:
        self.requests += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.by_route[key] = self.by_route.get(key, 0) + 1

    def finished(self) -> None:
        self.in_flight -= 1

    def public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Faults:
    latency_ms: int = 0
    rules: list[FaultRule] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    seed: int = 0
    _next_id: int = 1

    def __post_init__(self) -> None:
        check_seed(self.seed)

    def reseed(self, seed: int) -> None:
        """Use ``seed`` from now on; existing rules draw as if they had just been added."""
        self.seed = check_seed(seed)
        for rule in self.rules:
            rule.forget()

    def add(self, spec: dict[str, Any]) -> FaultRule:
        allowed = {k for k in FaultRule.__dataclass_fields__ if not k.startswith("_")}
        unknown = set(spec) - allowed - {"id", "hits"}
        if unknown:
            raise errors.invalid_parameter(f"unknown fault field(s): {', '.join(sorted(unknown))}")
        fields = {k: v for k, v in spec.items() if k in allowed and k not in ("id", "hits")}
        try:
            rule = FaultRule(id=self._next_id, **fields)
        except TypeError as exc:
            raise errors.invalid_parameter(str(exc)) from None
        self._next_id += 1
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()
        self._next_id = 1

    def pick(self, method: str, path: str, query: str = "") -> list[FaultRule]:
        """The rules that fire for this request (each consumes one of its ``count``).

        Latency rules add up; the first status or reset rule ends the list, so a later rule
        does not spend its ``count`` (or a draw) on a request it never got to answer.
        """
        request = f"{method} {path}?{query}" if query else f"{method} {path}"
        fired = []
        for rule in self.rules:
            if rule.matches(method, path, query) and rule.fires(self.seed, request):
                rule.hits += 1
                fired.append(rule)
                if rule.action != "latency":
                    break
        return fired
