"""The emulator's raw-path router: precedence, per-segment decoding, 404 versus 405."""

from __future__ import annotations

import httpx
import pytest
from starlette.responses import Response

from swrtui.emulator import errors
from swrtui.emulator.app import EmulatorApp
from swrtui.emulator.http import Call
from swrtui.emulator.router import Route, Router, split_raw_path


async def _handler(call: Call) -> Response:
    return Response(status_code=204)


def _route(method: str, template: str) -> Route:
    return Route(method, template, _handler)


RETENTION = "/v2/manage/namespaces/{namespace}/repos/{repository}/retentions"
REPO = "/v2/manage/namespaces/{namespace}/repos/{repository}"


@pytest.fixture(params=["literal_first", "parameter_first"])
def router(request: pytest.FixtureRequest) -> Router:
    routes = [
        _route("GET", RETENTION + "/{retention_id}"),
        _route("DELETE", RETENTION + "/{retention_id}"),
        _route("GET", RETENTION + "/histories"),
        _route("GET", REPO),
        _route("PATCH", REPO),
        _route("GET", "/v2/manage/namespaces"),
        _route("POST", "/v2/manage/namespaces"),
        _route("GET", "/"),
    ]
    # Registration order must not matter.
    return Router(routes if request.param == "parameter_first" else routes[::-1])


def test_literal_segment_beats_parameter(router: Router) -> None:
    route, params = router.resolve("GET", "/v2/manage/namespaces/g/repos/app/retentions/histories")
    assert route.template == RETENTION + "/histories"
    assert params == {"namespace": "g", "repository": "app"}
    route, params = router.resolve("GET", "/v2/manage/namespaces/g/repos/app/retentions/42")
    assert route.template == RETENTION + "/{retention_id}"
    assert params["retention_id"] == "42"


def test_encoded_slash_and_dollar_are_decoded_after_splitting(router: Router) -> None:
    route, params = router.resolve("PATCH", "/v2/manage/namespaces/g/repos/team%2Fapp")
    assert route.template == REPO
    assert params == {"namespace": "g", "repository": "team/app"}
    _, params = router.resolve("GET", "/v2/manage/namespaces/g/repos/app%24web")
    assert params["repository"] == "app$web"
    _, params = router.resolve("GET", "/v2/manage/namespaces/g/repos/%C3%BC%20x")
    assert params["repository"] == "ü x"


def test_unencoded_slash_is_a_separator(router: Router) -> None:
    with pytest.raises(errors.ApiError) as caught:
        router.resolve("GET", "/v2/manage/namespaces/g/repos/team/app")
    assert (caught.value.status, caught.value.code) == (404, "SVCSTG.SWR.4040083")


def test_trailing_slash_and_root(router: Router) -> None:
    route, _ = router.resolve("GET", "/v2/manage/namespaces/")
    assert route.template == "/v2/manage/namespaces"
    route, params = router.resolve("GET", "/")
    assert (route.template, params) == ("/", {})


def test_empty_segment_never_fills_a_parameter(router: Router) -> None:
    with pytest.raises(errors.ApiError) as caught:
        router.resolve("GET", "/v2/manage/namespaces//repos/app")
    assert caught.value.status == 404


def test_unknown_path_is_404(router: Router) -> None:
    with pytest.raises(errors.ApiError) as caught:
        router.resolve("GET", "/v2/manage/nothing%20here")
    assert (caught.value.status, caught.value.code) == (404, "SVCSTG.SWR.4040083")
    assert "/v2/manage/nothing here" in caught.value.message


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/v2/manage/namespaces"),
        ("PUT", "/v2/manage/namespaces/g/repos/app"),
        ("POST", "/v2/manage/namespaces/g/repos/app/retentions/histories"),
    ],
)
def test_known_path_with_other_method_is_405(router: Router, method: str, path: str) -> None:
    with pytest.raises(errors.ApiError) as caught:
        router.resolve(method, path)
    assert (caught.value.status, caught.value.code) == (405, "SVCSTG.SWR.4050001")
    assert method in caught.value.message


def test_split_raw_path() -> None:
    assert split_raw_path("/") == ()
    assert split_raw_path("") == ()
    assert split_raw_path("/a%2Fb/c%24d/") == ("a/b", "c$d")


async def test_404_and_405_reach_the_client_as_error_documents(emulator_app: EmulatorApp) -> None:
    transport = httpx.ASGITransport(app=emulator_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        missing = await client.get("/v2/manage/no-such-api")
        wrong = await client.put("/_emulator/faults")
    assert missing.status_code == 404
    assert missing.json()["error_code"] == "SVCSTG.SWR.4040083"
    assert wrong.status_code == 405
    assert wrong.json()["error_code"] == "SVCSTG.SWR.4050001"
    assert set(wrong.json()) == {"error_code", "error_msg"}
