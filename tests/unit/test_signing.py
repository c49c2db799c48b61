"""swrtui.signing against the official signer (huaweicloudsdkcore), byte for byte.

Every vector is signed twice, once by :func:`swrtui.signing.sign` and once by the SDK's
``Signer`` on an ``SdkRequest`` built the way ``Client.build_future_request`` builds it, and the
canonical request, string to sign and Authorization header are compared. :func:`verify` is
then checked against both signers' output and against each way a request can go wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swrtui import signing

AK = "HPUABCDEFGHIJKLMNOPQ"
# The secret behind the signature quoted in signing.md for vector get_query.
SK = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
HOST = "127.0.0.1:8080"
DATE = "20240102T030405Z"
SIGNED_AT = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
BASE_HEADERS = {"Content-Type": "application/json", "User-Agent": "huaweicloud-usdk-python/3.0"}


@dataclass(frozen=True)
class Vector:
    method: str
    path: str  # as on the wire: parameters already quoted with safe=''
    query: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=lambda: dict(BASE_HEADERS))


@dataclass(frozen=True)
class Signed:
    canonical: str
    to_sign: str
    authorization: str


def _path(*segments: str) -> str:
    return "/" + "/".join(quote(s, safe="") for s in segments)


VECTORS = {
    "get_awkward_query": Vector(
        "GET",
        "/v2/manage/repos",
        (
            ("filter", "namespace::group|name::a b"),
            ("name", "app$web/x~y"),
            ("center", "ünï©ødé 名前"),
            ("empty", ""),
            ("limit", "10"),
        ),
    ),
    "post_json": Vector(
        "POST",
        "/v2/manage/namespaces",
        body=json.dumps({"namespace": "group", "note": "ü"}).encode("utf-8"),
    ),
    "delete_dollar_segment": Vector(
        "DELETE", _path("v2", "manage", "namespaces", "g", "repos", "app$web")
    ),
    "security_token_and_project": Vector(
        "GET",
        "/v2/manage/namespaces",
        headers={
            **BASE_HEADERS,
            "X-Project-Id": "05f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5",
            "X-Security-Token": "gQpjbi1ub3J0aC00sW1vMOcTBKg",
        },
    ),
    "slash_inside_segment": Vector("GET", "/v2/manage/namespaces/g/repos/a%2Fb/tags"),
    "get_query": Vector(
        "GET",
        "/v2/manage/repos",
        (
            ("namespace", "group"),
            ("name", "app$web/x~y"),
            ("filter", "namespace::group|name::a b"),
            ("limit", "10"),
            ("offset", "0"),
        ),
    ),
}


def official(vector: Vector, ak: str = AK, sk: str = SK) -> Signed:
    """What huaweicloudsdkcore's Signer produces (it adds Host itself, as in the SDK)."""
    request = SdkRequest(
        method=vector.method,
        schema="http",
        host=HOST,
        resource_path=vector.path,
        query_params=list(vector.query),
        header_params={**vector.headers, "X-Sdk-Date": DATE},
        body=vector.body.decode("utf-8") if vector.body else None,
    )
    signer = Signer(BasicCredentials(ak, sk))
    signer.sign(request)
    # Re-run the signer's steps on the signed request to read its intermediate values.
    headers = {k: v for k, v in request.header_params.items() if k != "Authorization"}
    probe = replace_headers(request, headers)
    names = signer._process_signed_headers(probe)
    canonical = signer._process_canonical_request(probe, names)
    to_sign = signer._process_string_to_sign(canonical, SIGNED_AT.replace(tzinfo=None))
    return Signed(canonical, to_sign, request.header_params["Authorization"])


def replace_headers(request: SdkRequest, headers: dict[str, str]) -> SdkRequest:
    return SdkRequest(
        method=request.method,
        schema=request.schema,
        host=request.host,
        resource_path=request.resource_path,
        query_params=request.query_params,
        header_params=dict(headers),
        body=request.body,
    )


def ours(vector: Vector, ak: str = AK, sk: str = SK) -> Signed:
    headers = {**vector.headers, "Host": HOST, "X-Sdk-Date": DATE}
    names = signing.default_signed_header_names(headers)
    canonical = signing.canonical_request(
        vector.method, vector.path, vector.query, headers, names, vector.body
    )
    added = signing.sign(
        access_key=ak,
        secret_key=sk,
        method=vector.method,
        raw_path=vector.path,
        query=vector.query,
        headers={**vector.headers, "Host": HOST},
        body=vector.body,
        sdk_date=DATE,
    )
    assert added["X-Sdk-Date"] == DATE
    return Signed(canonical, signing.string_to_sign(canonical, DATE), added["Authorization"])


def wire_headers(vector: Vector, authorization: str) -> dict[str, str]:
    return {**vector.headers, "Host": HOST, "X-Sdk-Date": DATE, "Authorization": authorization}


def check(vector: Vector, authorization: str, **overrides: object) -> str:
    """Run verify() on a request as the emulator would receive it."""
    arguments: dict[str, object] = {
        "method": vector.method,
        "raw_path": vector.path,
        "raw_query": signing.canonical_query(vector.query),
        "headers": wire_headers(vector, authorization),
        "body": vector.body,
        "secret_for": {AK: SK},
        "now": SIGNED_AT,
    }
    arguments.update(overrides)
    return signing.verify(**arguments)  # type: ignore[arg-type]


# --- sign() == the official signer ---------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_sign_matches_official_signer(name: str) -> None:
    vector = VECTORS[name]
    expected, actual = official(vector), ours(vector)
    assert actual.canonical == expected.canonical
    assert actual.to_sign == expected.to_sign
    assert actual.authorization == expected.authorization


def test_get_query_vector_from_the_spec() -> None:
    signed = ours(VECTORS["get_query"])
    assert signed.canonical == (
        "GET\n/v2/manage/repos/\n"
        "filter=namespace%3A%3Agroup%7Cname%3A%3Aa%20b&limit=10&name=app%24web%2Fx~y"
        "&namespace=group&offset=0\n"
        "content-type:application/json\nhost:127.0.0.1:8080\n"
        "user-agent:huaweicloud-usdk-python/3.0\nx-sdk-date:20240102T030405Z\n\n"
        "content-type;host;user-agent;x-sdk-date\n" + signing.EMPTY_BODY_SHA256
    )
    assert signed.authorization == (
        "SDK-HMAC-SHA256 Access=HPUABCDEFGHIJKLMNOPQ, "
        "SignedHeaders=content-type;host;user-agent;x-sdk-date, "
        "Signature=d151de055a5a6a893866f4f3f8a6e09b85943b095603a54fc22417282b87116a"
    )


def test_canonical_forms_of_awkward_parts() -> None:
    assert signing.canonical_uri("/v2/manage/namespaces") == "/v2/manage/namespaces/"
    assert signing.canonical_uri("/") == "/"
    assert signing.canonical_uri("/g/repos/app%24web") == "/g/repos/app%24web/"
    # The SDK unquotes before splitting, so an encoded slash becomes a separator.
    assert signing.canonical_uri("/g/a%2Fb") == signing.canonical_uri("/g/a/b") == "/g/a/b/"
    assert signing.canonical_query([("b", ""), ("a", "x y"), ("a", "$")]) == "a=%24&a=x%20y&b="
    assert "x-security-token" in ours(VECTORS["security_token_and_project"]).authorization
    assert "x-project-id" in ours(VECTORS["security_token_and_project"]).authorization


def test_header_names_with_underscore_are_not_signed() -> None:
    names = signing.default_signed_header_names({"Host": HOST, "X_Custom": "1", "X-Ok": "2"})
    assert names == ("host", "x-ok")


def test_sign_requires_both_keys() -> None:
    with pytest.raises(ValueError, match="required"):
        ours(VECTORS["post_json"], sk="")


def test_non_json_content_type_is_signed_as_unsigned_payload() -> None:
    vector = Vector(
        "PUT", "/upload", body=b"raw bytes", headers={"Content-Type": "application/octet-stream"}
    )
    added = signing.sign(
        access_key=AK,
        secret_key=SK,
        method=vector.method,
        raw_path=vector.path,
        query=(),
        headers={**vector.headers, "Host": HOST},
        body=vector.body,
        sdk_date=DATE,
    )
    assert added["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert added["Authorization"] == official(vector).authorization
    headers = {**vector.headers, **added, "Host": HOST}
    assert check(vector, added["Authorization"], headers=headers) == AK


def test_unsigned_declared_payload_hash_does_not_unlock_a_tampered_body() -> None:
    vector = VECTORS["post_json"]
    headers = {
        **wire_headers(vector, ours(vector).authorization),
        "X-Sdk-Content-Sha256": signing.payload_hash(vector.body),
    }
    assert check(vector, "", headers=headers) == AK
    with pytest.raises(signing.SignatureError, match="does not match"):
        check(vector, "", headers=headers, body=b'{"namespace": "evil"}')


# --- verify() ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_verify_accepts_both_signers(name: str) -> None:
    vector = VECTORS[name]
    assert check(vector, ours(vector).authorization) == AK
    assert check(vector, official(vector).authorization) == AK


def test_verify_accepts_query_as_httpx_encodes_it() -> None:
    vector = VECTORS["get_awkward_query"]
    url = httpx.URL("http://" + HOST + vector.path, params=list(vector.query))
    raw_query = url.query.decode("ascii")
    assert "+" in raw_query  # httpx writes a space as '+', the SDK as '%20'
    assert check(vector, ours(vector).authorization, raw_query=raw_query) == AK


def test_verify_accepts_trailing_slash_and_header_case() -> None:
    vector = VECTORS["post_json"]
    headers = {k.lower(): v for k, v in wire_headers(vector, ours(vector).authorization).items()}
    assert check(vector, ours(vector).authorization, raw_path=vector.path + "/") == AK
    assert check(vector, ours(vector).authorization, headers=headers) == AK


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"body": b'{"namespace": "other"}'}, "does not match"),
        ({"raw_query": "limit=11&name=app%24web%2Fx~y"}, "does not match"),
        ({"raw_path": "/v2/manage/other"}, "does not match"),
        ({"method": "DELETE"}, "does not match"),
        ({"secret_for": {AK: "wrong"}}, "does not match"),
        ({"secret_for": {"SOMEONEELSE": SK}}, "unknown access key"),
        ({"now": SIGNED_AT + timedelta(minutes=15, seconds=1)}, "clock skew"),
        ({"now": SIGNED_AT - timedelta(minutes=15, seconds=1)}, "clock skew"),
    ],
)
def test_verify_refuses(overrides: dict[str, object], reason: str) -> None:
    vector = VECTORS["get_awkward_query"]
    if "body" in overrides:
        vector = VECTORS["post_json"]
    with pytest.raises(signing.SignatureError, match=reason) as caught:
        check(vector, ours(vector).authorization, **overrides)
    assert caught.value.access_key == AK


def test_verify_accepts_within_fifteen_minutes() -> None:
    vector = VECTORS["get_query"]
    for delta in (timedelta(minutes=14, seconds=59), -timedelta(minutes=15)):
        assert check(vector, ours(vector).authorization, now=SIGNED_AT + delta) == AK


@pytest.mark.parametrize("dropped", ["Authorization", "X-Sdk-Date"])
def test_verify_refuses_missing_header(dropped: str) -> None:
    vector = VECTORS["get_query"]
    headers = wire_headers(vector, ours(vector).authorization)
    del headers[dropped]
    with pytest.raises(signing.SignatureError, match=f"missing {dropped}"):
        check(vector, "", headers=headers)


def test_verify_refuses_tampered_signed_header() -> None:
    vector = VECTORS["security_token_and_project"]
    headers = wire_headers(vector, ours(vector).authorization)
    headers["X-Project-Id"] = "another-project"
    with pytest.raises(signing.SignatureError, match="does not match"):
        check(vector, "", headers=headers)
    del headers["X-Project-Id"]
    with pytest.raises(signing.SignatureError, match="'x-project-id' is missing"):
        check(vector, "", headers=headers)


@pytest.mark.parametrize("unsigned", ["host", "x-sdk-date"])
def test_verify_refuses_when_host_or_date_not_signed(unsigned: str) -> None:
    vector = VECTORS["get_query"]
    headers = {**vector.headers, "Host": HOST, "X-Sdk-Date": DATE}
    names = tuple(n for n in signing.default_signed_header_names(headers) if n != unsigned)
    canonical = signing.canonical_request("GET", vector.path, vector.query, headers, names, None)
    sig = signing.signature(SK, signing.string_to_sign(canonical, DATE))
    authorization = f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders={';'.join(names)}, Signature={sig}"
    with pytest.raises(signing.SignatureError, match=f"{unsigned!r} must be signed"):
        check(vector, authorization)


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic abc",
        "SDK-HMAC-SHA256 Access=AK, Signature=00",
        "SDK-HMAC-SM3 Access=A, SignedHeaders=host, Signature=00",
    ],
)
def test_verify_refuses_malformed_authorization(authorization: str) -> None:
    with pytest.raises(signing.SignatureError, match="malformed Authorization"):
        check(VECTORS["get_query"], authorization)


def test_verify_refuses_malformed_date() -> None:
    vector = VECTORS["get_query"]
    headers = {**wire_headers(vector, ours(vector).authorization), "X-Sdk-Date": "2024-01-02"}
    with pytest.raises(signing.SignatureError, match="malformed X-Sdk-Date"):
        check(vector, "", headers=headers)


# --- properties ----------------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_segments = st.lists(_text.filter(bool), min_size=0, max_size=5)
_query = st.lists(st.tuples(_text, _text), max_size=5)
_body = st.one_of(
    st.none(),
    st.dictionaries(_text, st.one_of(_text, st.integers(), st.booleans()), max_size=4).map(
        lambda d: json.dumps(d).encode("utf-8")
    ),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    segments=_segments,
    query=_query,
    body=_body,
    project=st.one_of(st.none(), st.text("0123456789abcdef", min_size=1, max_size=32)),
)
def test_property_sign_matches_official_and_verifies(
    method: str,
    segments: list[str],
    query: list[tuple[str, str]],
    body: bytes | None,
    project: str | None,
) -> None:
    headers = dict(BASE_HEADERS)
    if project:
        headers["X-Project-Id"] = project
    vector = Vector(method, _path(*segments), tuple(query), body, headers)
    signed = ours(vector)
    expected = official(vector)
    assert (signed.canonical, signed.to_sign, signed.authorization) == (
        expected.canonical,
        expected.to_sign,
        expected.authorization,
    )
    assert check(vector, signed.authorization) == AK
    tampered = replace(vector, body=(body or b"") + b" ")
    with pytest.raises(signing.SignatureError):
        check(tampered, signed.authorization)
