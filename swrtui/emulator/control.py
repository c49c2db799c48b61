"""The control API under ``/_emulator/``: reset/seed, dump, retention runs, faults (rules and
their seed), stats.

Unauthenticated on purpose: it is for tests, demos and benchmarks driving a local emulator,
and is not part of the SWR surface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.responses import Response

from swrtui.emulator import errors
from swrtui.emulator.fields import optional_str
from swrtui.emulator.http import Call, no_content, ok
from swrtui.emulator.router import Route

if TYPE_CHECKING:
    from swrtui.emulator.app import EmulatorApp


def _app(call: Call) -> EmulatorApp:
    return call.notes["app"]  # type: ignore[no-any-return]


def _optional_body(call: Call) -> dict[str, Any]:
    return call.json_object() if call.body.strip() else {}


async def reset(call: Call) -> Response:
    app = _app(call)
    seed = _optional_body(call).get("seed", "demo")
    if app.reseed is None:
        raise errors.invalid_parameter("this emulator cannot be reseeded")
    try:
        app.state = app.reseed(str(seed))
    except ValueError as exc:
        raise errors.invalid_parameter(str(exc)) from None
    app.faults.clear()
    return ok({"seed": seed, "namespaces": len(app.state.namespaces)})


async def dump(call: Call) -> Response:
    from swrtui.emulator.state.snapshot import to_document

    return ok(to_document(_app(call).state, include_secrets=False))


async def credentials(call: Call) -> Response:
    """The emulated users' keys: the emulator's own fake credentials, for scripts and tests."""
    state = _app(call).state
    return ok(
        [
            {
                "domain_id": d.id,
                "domain_name": d.name,
                "project_id": d.project_id,
                "project_name": d.project_name,
                "user_id": u.id,
                "user_name": u.name,
                "is_admin": u.is_admin,
                "access_key": u.access_key,
                "secret_key": u.secret_key,
                "password": u.password,
                "security_token": u.security_token,
            }
            for d in state.domains.values()
            for u in d.users.values()
        ]
    )


async def run_retention(call: Call) -> Response:
    from swrtui.emulator.backend.retention import execute_policies

    body = _optional_body(call)
    app = _app(call)
    deleted = execute_policies(
        app.state,
        namespace=optional_str(body, "namespace") or None,
        repository=optional_str(body, "repository") or None,
    )
    return ok({"deleted": deleted})


async def add_fault(call: Call) -> Response:
    rule = _app(call).faults.add(call.json_object())
    return ok(rule.public(), status=201)


async def list_faults(call: Call) -> Response:
    return ok([rule.public() for rule in _app(call).faults.rules])


async def clear_faults(call: Call) -> Response:
    _app(call).faults.clear()
    return no_content()


async def get_fault_seed(call: Call) -> Response:
    return ok({"seed": _app(call).faults.seed})


async def set_fault_seed(call: Call) -> Response:
    """Which faults the probabilistic rules inject: the same seed replays the same faults."""
    faults = _app(call).faults
    faults.reseed(call.json_object().get("seed"))
    return ok({"seed": faults.seed})


async def stats(call: Call) -> Response:
    return ok(_app(call).faults.stats.public())


async def reset_stats(call: Call) -> Response:
    faults = _app(call).faults
    in_flight = faults.stats.in_flight
    faults.stats = type(faults.stats)(in_flight=in_flight, max_in_flight=in_flight)
    return no_content()


async def set_latency(call: Call) -> Response:
    value = call.json_object().get("latency_ms")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise errors.invalid_parameter("latency_ms must be a non-negative integer")
    _app(call).faults.latency_ms = value
    return ok({"latency_ms": value})


def _control(method: str, path: str, handler: Any) -> Route:
    return Route(method, f"/_emulator/{path}", handler, authenticated=False)


routes = [
    _control("POST", "reset", reset),
    _control("GET", "state", dump),
    _control("GET", "credentials", credentials),
    _control("POST", "retention/run", run_retention),
    _control("POST", "faults", add_fault),
    _control("GET", "faults", list_faults),
    _control("DELETE", "faults", clear_faults),
    _control("GET", "faults/seed", get_fault_seed),
    _control("PUT", "faults/seed", set_fault_seed),
    _control("GET", "stats", stats),
    _control("DELETE", "stats", reset_stats),
    _control("PUT", "latency", set_latency),
]
