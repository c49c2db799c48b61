"""Routing on the raw (still percent-encoded) request path.

Starlette's router matches the decoded path, where a ``%2F`` inside a segment has become a
separator. SWR path parameters are encoded segment by segment (the SDK quotes with
``safe=''``), so the emulator splits the raw path first and decodes each segment after.
Literal segments beat parameters, so ``retentions/histories`` wins over
``retentions/{retention_id}``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from swrtui.emulator import errors

if TYPE_CHECKING:
    from starlette.responses import Response

    from swrtui.emulator.http import Call

Handler = Callable[["Call"], Awaitable["Response"]]


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Handler
    # False only for the IAM token endpoint and the API version documents.
    authenticated: bool = True

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.template.strip("/").split("/")) if self.template != "/" else ()

    @property
    def specificity(self) -> tuple[int, ...]:
        return tuple(0 if s.startswith("{") else 1 for s in self.segments)


def split_raw_path(raw_path: str) -> tuple[str, ...]:
    stripped = raw_path.strip("/")
    return tuple(unquote(s) for s in stripped.split("/")) if stripped else ()


def _match(route: Route, segments: tuple[str, ...]) -> dict[str, str] | None:
    pattern = route.segments
    if len(pattern) != len(segments):
        return None
    params: dict[str, str] = {}
    for expected, actual in zip(pattern, segments, strict=True):
        if expected.startswith("{"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params


class Router:
    def __init__(self, routes: list[Route]) -> None:
        # Most literal first, so fixed words win over parameters at the same position.
        self._routes = sorted(routes, key=lambda r: r.specificity, reverse=True)

    @property
    def routes(self) -> list[Route]:
        return list(self._routes)

    def resolve(self, method: str, raw_path: str) -> tuple[Route, dict[str, str]]:
        segments = split_raw_path(raw_path)
        allowed = False
        for route in self._routes:
            params = _match(route, segments)
            if params is None:
                continue
            if route.method == method:
                return route, params
            allowed = True
        if allowed:
            raise errors.method_not_allowed(method, unquote(raw_path))
        raise errors.url_not_found(unquote(raw_path))
