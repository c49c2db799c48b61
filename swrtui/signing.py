"""SDK-HMAC-SHA256 request signing as Huawei Cloud APIG (and ``huaweicloudsdkcore``) does it.

Pure and stdlib-only: the client uses :func:`sign` to add ``X-Sdk-Date`` and ``Authorization``
to an outgoing request; the emulator uses :func:`verify` to check an incoming one. Both go
through the same canonical-request builder, so the two sides cannot drift apart silently;
the tests pin both to the official signer.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote

from swrtui import clock

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
# Bodies of other content types are not hashed; the SDK marks them UNSIGNED-PAYLOAD instead.
_HASHED_CONTENT_TYPES = ("application/json", "application/bson")
DEFAULT_MAX_SKEW_SECONDS = 15 * 60

_AUTHORIZATION_RE = re.compile(
    r"^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$"
)

QueryItems = Sequence[tuple[str, str]]


class SignatureError(ValueError):
    """An incoming request's signature cannot be accepted; ``reason`` says why."""

    def __init__(self, reason: str, access_key: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.access_key = access_key


@dataclass(frozen=True)
class ParsedAuthorization:
    access_key: str
    signed_headers: tuple[str, ...]
    signature: str


# Path segments and query keys and values repeat from request to request (``v2``, the
# organization, ``limit``, ``100``); quote() was the largest part of signing a request.
# They hold names and paging values, never secrets.
@lru_cache(maxsize=4096)
def _encode(value: str) -> str:
    return quote(value, safe="~")


@lru_cache(maxsize=1024)
def canonical_uri(raw_path: str) -> str:
    """The path as the SDK canonicalises it: unquote, split, re-quote, trailing ``/``."""
    encoded = "/".join(_encode(segment) for segment in unquote(raw_path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(items: Iterable[tuple[str, str]]) -> str:
    """Sorted ``key=value`` pairs, RFC 3986 encoded (space is ``%20``), joined by ``&``."""
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(items))


def query_items(raw_query: str) -> list[tuple[str, str]]:
    """Decode a raw query string the way the server side must before canonicalising it."""
    return parse_qsl(raw_query, keep_blank_values=True)


def payload_hash(body: bytes | None, declared: str | None = None) -> str:
    """The body's SHA-256, or the declared ``X-Sdk-Content-Sha256`` value for a non-empty body."""
    if not body:
        return EMPTY_BODY_SHA256
    return declared or hashlib.sha256(body).hexdigest()


def default_signed_header_names(headers: Mapping[str, str]) -> tuple[str, ...]:
    """Every header the signer sees, lower-cased and sorted; names with ``_`` are skipped."""
    return tuple(sorted({name.lower() for name in headers if "_" not in name}))


def _lower_header_map(headers: Mapping[str, str]) -> dict[str, str]:
    # Later duplicates (differing only in case) win, as in the SDK.
    return {name.lower(): value for name, value in headers.items()}


def canonical_request(
    method: str,
    raw_path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    body: bytes | None,
) -> str:
    lowered = _lower_header_map(headers)
    # A declared payload hash counts only when signed; otherwise it would unlock any body.
    declared = CONTENT_SHA256_HEADER.lower()
    declared_hash = lowered.get(declared) if declared in signed_headers else None
    header_block = "".join(
        f"{name}:{str(lowered.get(name, '')).strip()}\n" for name in signed_headers
    )
    return "\n".join(
        [
            method.upper(),
            canonical_uri(raw_path),
            canonical_query(query),
            header_block,
            ";".join(signed_headers),
            payload_hash(body, declared_hash),
        ]
    )


def string_to_sign(canonical: str, sdk_date: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def signature(secret_key: str, to_sign: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def format_sdk_date(moment: datetime | None = None) -> str:
    moment = moment or clock.now()
    return moment.astimezone(timezone.utc).strftime(DATE_FORMAT)


def sign(
    *,
    access_key: str,
    secret_key: str,
    method: str,
    raw_path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes | None,
    sdk_date: str | None = None,
) -> dict[str, str]:
    """Return the headers to add to a request so that APIG accepts it.

    ``headers`` must already hold ``Host`` and every header that should be signed (the SDK
    signs ``Content-Type``, ``User-Agent``, ``X-Project-Id`` and ``X-Security-Token``).
    The result holds ``X-Sdk-Date`` and ``Authorization`` (and ``X-Sdk-Content-Sha256`` when
    the content type is neither JSON nor BSON, as the SDK adds it).
    """
    if not access_key or not secret_key:
        raise ValueError("access key and secret key are both required for signing")
    date = sdk_date or _existing_header(headers, DATE_HEADER) or format_sdk_date()
    added = {DATE_HEADER: date}
    content_type = _existing_header(headers, "Content-Type")
    if content_type and not content_type.startswith(_HASHED_CONTENT_TYPES):
        added[CONTENT_SHA256_HEADER] = UNSIGNED_PAYLOAD
    all_headers = {**headers, **added}
    names = default_signed_header_names(all_headers)
    canonical = canonical_request(method, raw_path, query, all_headers, names, body)
    sig = signature(secret_key, string_to_sign(canonical, date))
    authorization = (
        f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, Signature={sig}"
    )
    return {**added, "Authorization": authorization}


def _existing_header(headers: Mapping[str, str], wanted: str) -> str | None:
    for name, value in headers.items():
        if name.lower() == wanted.lower():
            return value
    return None


def parse_authorization(value: str) -> ParsedAuthorization:
    match = _AUTHORIZATION_RE.match(value.strip())
    if not match:
        raise SignatureError("malformed Authorization header")
    access_key, names, sig = match.groups()
    return ParsedAuthorization(access_key, tuple(names.split(";")), sig)


def parse_sdk_date(value: str) -> datetime:
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError as exc:
        raise SignatureError(f"malformed {DATE_HEADER} header") from exc


def _checked_date(
    parsed: ParsedAuthorization, lowered: Mapping[str, str], now: datetime, max_skew: int
) -> str:
    """The request's ``X-Sdk-Date``, once it is fresh and every header it claims is signed
    and present."""
    date_value = lowered.get(DATE_HEADER.lower())
    if not date_value:
        raise SignatureError(f"missing {DATE_HEADER} header", parsed.access_key)
    signed_at = parse_sdk_date(date_value)
    if abs((now - signed_at).total_seconds()) > max_skew:
        raise SignatureError("request date is outside the allowed clock skew", parsed.access_key)
    for required in ("host", DATE_HEADER.lower()):
        if required not in parsed.signed_headers:
            raise SignatureError(f"header {required!r} must be signed", parsed.access_key)
    missing = [name for name in parsed.signed_headers if name not in lowered]
    if missing:
        raise SignatureError(f"signed header {missing[0]!r} is missing", parsed.access_key)
    return date_value


def verify(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Mapping[str, str],
    body: bytes | None,
    secret_for: Mapping[str, str],
    now: datetime | None = None,
    max_skew_seconds: int = DEFAULT_MAX_SKEW_SECONDS,
) -> str:
    """Check an incoming request's signature; return its access key or raise SignatureError.

    ``secret_for`` maps access keys to secret keys. The signed-header list is the one the
    client declared, but ``host`` and ``x-sdk-date`` must be among them.
    """
    lowered = _lower_header_map(headers)
    auth_value = lowered.get("authorization")
    if not auth_value:
        raise SignatureError("missing Authorization header")
    parsed = parse_authorization(auth_value)
    date_value = _checked_date(parsed, lowered, now or clock.now(), max_skew_seconds)
    secret = secret_for.get(parsed.access_key)
    if secret is None:
        raise SignatureError("unknown access key", parsed.access_key)
    canonical = canonical_request(
        method, raw_path, query_items(raw_query), lowered, parsed.signed_headers, body
    )
    expected = signature(secret, string_to_sign(canonical, date_value))
    if not hmac.compare_digest(expected, parsed.signature):
        raise SignatureError("signature does not match", parsed.access_key)
    return parsed.access_key
