"""Fault injection and traffic statistics, so clients can be tested against a bad day.

Rules match a method and a path regex and then, with a probability and/or for a number of
times, add latency, answer with a status and error code (``Retry-After`` for 429), or reset
the connection. A global latency applies to every request (benchmarks use it to stand for
the network round trip). The statistics record concurrency as the server sees it, which is
how tests prove a client's concurrency limit.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from swrtui.emulator import errors

ACTIONS = ("status", "reset", "latency")


@dataclass
class FaultRule:
    id: int
    action: str
    path: str = ".*"
    method: str = "*"
    status: int = 500
    error_code: str = "SVCSTG.SWR.5000001"
    error_msg: str = "Internal server error: injected fault"
    latency_ms: int = 0
    probability: float = 1.0
    count: int | None = None
    retry_after: int | None = None
    hits: int = 0
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

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
        try:
            self._pattern = re.compile(self.path)
        # A huge repeat count overflows, deep nesting recurses: both are bad patterns too.
        except (re.error, OverflowError, RecursionError) as exc:
            raise errors.invalid_parameter(f"path is not a valid regex: {exc}") from None

    def matches(self, method: str, path: str) -> bool:
        if self.count is not None and self.hits >= self.count:
            return False
        if self.method not in ("*", method):
            return False
        return self._pattern.search(path) is not None

    def public(self) -> dict[str, Any]:
        document = asdict(self)
        document.pop("_pattern", None)
        return document


# Field -> (accepted types, smallest value); a wrong type would otherwise only fail when the
# rule fires (a string status breaks the response mid-request).
_FIELD_TYPES: dict[str, tuple[tuple[type, ...], float | None]] = {
    "action": ((str,), None),
    "path": ((str,), None),
    "method": ((str,), None),
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
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    _next_id: int = 1

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

    def pick(self, method: str, path: str) -> list[FaultRule]:
        """The rules that fire for this request (each consumes one of its ``count``).

        Latency rules add up; the first status or reset rule ends the list, so a later rule
        does not spend its ``count`` on a request it never got to answer.
        """
        fired = []
        for rule in self.rules:
            if rule.matches(method, path) and self.rng.random() < rule.probability:
                rule.hits += 1
                fired.append(rule)
                if rule.action != "latency":
                    break
        return fired
