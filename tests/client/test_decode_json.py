"""decode_json: the fast decoder for ordinary bodies, the standard one for what it refuses."""

from __future__ import annotations

import math

import httpx
import pytest

from swrtui.client.core import decode_json
from swrtui.client.errors import ServerError


def _response(content: bytes) -> httpx.Response:
    return httpx.Response(200, content=content, request=httpx.Request("GET", "https://swr.test/x"))


def test_ordinary_body() -> None:
    body = b'[{"Tag": "v1", "size": 3, "manifest": "{\\"a\\": 1}", "deleted": null}]'
    assert decode_json(_response(body)) == [
        {"Tag": "v1", "size": 3, "manifest": '{"a": 1}', "deleted": None}
    ]


def test_64_bit_integers_stay_exact() -> None:
    body = b'{"id": 9223372036854775807, "size": 18446744073709551615, "n": -9223372036854775808}'
    assert decode_json(_response(body)) == {
        "id": 2**63 - 1,
        "size": 2**64 - 1,
        "n": -(2**63),
    }


def test_empty_body_is_none() -> None:
    assert decode_json(_response(b"  \n")) is None


def test_what_only_the_standard_decoder_takes() -> None:
    assert math.isnan(decode_json(_response(b'{"x": NaN}'))["x"])
    assert decode_json(_response(b'{"x": "\\ud800"}')) == {"x": "\ud800"}
    assert decode_json(_response('{"x": "ü"}'.encode("utf-16"))) == {"x": "ü"}


def test_not_json_is_a_server_error() -> None:
    with pytest.raises(ServerError) as caught:
        decode_json(_response(b"<html>oops</html>"))
    assert caught.value.error_code == "CLIENT.BAD_RESPONSE"
