"""Random requests to every route of the in-process emulator never get a 500.

Each example sends one signed request (as the demo admin, dev-alice or the partner admin) to
one route with fuzzed path parameters (real names of the demo seed, or anything at all),
query parameters, content type and body (hostile JSON, documents with the handler's own
field names, deep nesting, raw bytes). The answer must be a 2xx, or a 4xx whose JSON body
has ``error_code`` and ``error_msg``: the app turns any handler exception into a 500, so a
500 here is a crash. State changes are undone (the seed is rebuilt) after every successful
non-GET, so examples stay independent and reproducible.

``POST /_emulator/reset`` is left out: a ``large:`` seed name legitimately builds millions
of tags, which is a benchmark's business, not a parser's.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swrtui.client import AkSkAuth
from swrtui.emulator import auth, control
from swrtui.emulator.app import EmulatorApp, create_app
from swrtui.emulator.handlers import all_routes
from swrtui.emulator.router import Route
from swrtui.emulator.state import seeds
from tests.fuzz.strategies import (
    TRICKY_STRINGS,
    deep_values,
    documents,
    json_values,
    over_the_wire,
    scalars,
    tricky_strings,
)
from tests.security.catalog import catalog
from tests.security.harness import ADMIN, app_for, send

pytestmark = pytest.mark.fuzz

ROUTES = [
    r
    for r in all_routes() + auth.routes + control.routes
    if (r.method, r.template) != ("POST", "/_emulator/reset")
]
# The ~60 routes share one property's budget: 25 each by default, 500 each in the long run.
PER_ROUTE = max(25, settings.default.max_examples // 20)

CALLERS = {
    "admin": (seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, seeds.DEMO_PROJECT_ID),
    "alice": ("DEMOSWRTUIALICE00002", "alice0secret0key0for0the0swrtui0emulat", None),
    "partner": ("PARTNERSWRTUIADMIN01", "partner0secret0key0for0swrtui0emulator0", None),
}
# Real values from the demo seed, so that requests get past name and existence checks.
VALID_PARAMS: dict[str, list[str]] = {
    "namespace": ["demo", "platform", "partner-tools"],
    "repository": ["nginx", "tools$ci-runner", "frontend$web-portal", "shared-base"],
    "tag": ["2.0.1", "latest", "sha-e3c68de"],
    "trigger": ["deploy-web-portal"],
    "retention_id": ["1697"],
    "access_domain": ["partner-account", "demo-account"],
    "api_version": ["v2", "v3"],
    "project_id": [seeds.DEMO_PROJECT_ID, seeds.PARTNER_PROJECT_ID],
    "resource_type": ["store", "downflow"],
    "frequency": ["daily", "monthly"],
}
_LITERAL_RE = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"')


def _field_names(route: Route) -> list[str]:
    """String literals of the handler's module: its body fields and query names."""
    module = inspect.getmodule(route.handler)
    return sorted(set(_LITERAL_RE.findall(inspect.getsource(module))))  # type: ignore[arg-type]


def _segment(name: str) -> st.SearchStrategy[str]:
    """One path parameter as it goes on the wire (percent-encoded, or raw)."""
    anything = st.text(min_size=1, max_size=80)
    value = st.one_of(st.sampled_from(VALID_PARAMS.get(name, ["x"])), anything)
    return st.one_of(
        value.map(lambda v: quote(v, safe="")),
        st.text(alphabet="abc019.-_~%$:@!*'()", min_size=1, max_size=20),
    )


def _bodies(fields: list[str]) -> st.SearchStrategy[bytes]:
    as_json = st.one_of(documents(fields), json_values, st.lists(documents(fields), max_size=3))
    depth = st.integers(min_value=900, max_value=200_000)
    return st.one_of(
        st.just(b""),
        as_json.map(lambda doc: json.dumps(over_the_wire(doc)).encode()),
        depth.map(lambda n: b"[" * n + b"]" * n),
        depth.map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
        st.binary(max_size=200),
    )


def _queries(fields: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    key = st.one_of(st.sampled_from(fields or ["x"]), st.text(max_size=8))
    value = st.one_of(
        st.text(max_size=30),
        st.integers().map(str),
        st.sampled_from(["", "true", "false", "asc", "desc", "limit::5|offset::0", "::", "|"]),
    )
    return st.lists(st.tuples(key, value), max_size=5)


class Driver:
    """One event loop and one signed client per caller, reused across examples."""

    def __init__(self) -> None:
        self.app: EmulatorApp = create_app(seed="demo")
        self.loop = asyncio.new_event_loop()
        self.clients = {
            name: httpx.AsyncClient(
                transport=httpx.ASGITransport(self.app),
                base_url="https://swr-api.cn-north-4.myhuaweicloud.com",
                auth=AkSkAuth(ak, sk, project_id=project),
            )
            for name, (ak, sk, project) in CALLERS.items()
        }

    def send(self, caller: str, request: dict[str, Any]) -> httpx.Response:
        client = self.clients[caller]
        built = client.build_request(**request)
        response = self.loop.run_until_complete(client.send(built))
        if request["method"] != "GET" and response.is_success:
            self.app.state = seeds.build("demo")
            self.app.faults.clear()
        return response

    def close(self) -> None:
        for client in self.clients.values():
            self.loop.run_until_complete(client.aclose())
        self.loop.close()


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    instance = Driver()
    yield instance
    instance.close()


def _path(route: Route, segments: dict[str, str]) -> str:
    parts = [segments.get(s[1:-1], s) if s.startswith("{") else s for s in route.segments]
    return "/" + "/".join(parts)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.template}")
@settings(max_examples=PER_ROUTE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_request_crashes_a_handler(route: Route, driver: Driver, data: st.DataObject) -> None:
    fields = _field_names(route)
    names = [s[1:-1] for s in route.segments if s.startswith("{")]
    segments = {name: data.draw(_segment(name), label=name) for name in names}
    query = data.draw(_queries(fields), label="query")
    body = data.draw(_bodies(fields), label="body")
    content_type = data.draw(
        st.sampled_from(["application/json", "application/json;charset=utf-8", "text/plain"])
    )
    caller = data.draw(st.sampled_from(sorted(CALLERS)), label="caller")
    response = driver.send(
        caller,
        {
            "method": route.method,
            "url": _path(route, segments),
            "params": query,
            "content": body,
            "headers": {"Content-Type": content_type},
        },
    )
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        document = response.json()
        assert isinstance(document.get("error_code"), str) and document["error_code"]
        assert isinstance(document.get("error_msg"), str)


# --- one field of a valid request made hostile ---------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position in a JSON document (the root too)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    holder = copy
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return copy


# Weighted towards the strings that break parsers of times, regexes and numbers.
hostile = st.one_of(
    tricky_strings, tricky_strings, tricky_strings, scalars, json_values, deep_values
)
CATALOG_ROUTES = sorted(catalog())


@pytest.mark.parametrize("route", CATALOG_ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
@settings(max_examples=PER_ROUTE)
@given(data=st.data())
async def test_a_hostile_field_in_a_valid_request_never_crashes(
    route: tuple[str, str], data: st.DataObject
) -> None:
    sample = catalog()[route]
    overrides: dict[str, Any] = {}
    target = data.draw(st.sampled_from(["body", "params", "query"]), label="where")
    if target == "body" and sample.body is not None:
        path = data.draw(st.sampled_from(_paths(sample.body)), label="path")
        overrides["body"] = _replaced(sample.body, path, over_the_wire(data.draw(hostile)))
    elif target == "params" and sample.params:
        name = data.draw(st.sampled_from(sorted(sample.params)), label="param")
        value = data.draw(st.one_of(tricky_strings, st.text(min_size=1)), label="value")
        overrides["params"] = {**sample.params, name: value}
    else:
        key = data.draw(st.one_of(st.sampled_from(sorted(sample.query) or ["limit"]), st.text()))
        value = data.draw(st.one_of(tricky_strings, st.text(), st.integers().map(str)))
        overrides["query"] = {**sample.query, key: value}
    response = await send(app_for(sample), *route, sample, ADMIN, **overrides)
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        assert response.json()["error_code"]


TRICKY = [
    *TRICKY_STRINGS,
    None,
    True,
    -1,
    10**30,
    float("inf"),
    "x" * 100_000,
    [],
    {},
]


@pytest.mark.parametrize("route", CATALOG_ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
async def test_every_field_of_a_valid_request_survives_every_tricky_value(
    route: tuple[str, str],
) -> None:
    """A deterministic sweep: each body position, path parameter and query value in turn."""
    sample = catalog()[route]
    variants: list[dict[str, Any]] = []
    for value in TRICKY:
        if sample.body is not None:
            variants += [{"body": _replaced(sample.body, p, value)} for p in _paths(sample.body)]
        # Path and query values stay within what a URL can carry (httpx refuses 64 KiB+).
        if isinstance(value, str) and 0 < len(value) < 10_000:
            variants += [{"params": {**sample.params, k: value}} for k in sample.params]
            variants += [{"query": {**sample.query, k: value}} for k in sample.query]
    crashes = []
    for overrides in variants:
        response = await send(app_for(sample), *route, sample, ADMIN, **overrides)
        if response.status_code >= 500:
            crashes.append(json.dumps(overrides)[:200])
    assert not crashes, crashes
