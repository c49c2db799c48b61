"""``RegistryClient``: reads images from a Docker/OCI distribution registry, on httpx.

::

    async with RegistryClient("https://swr.cn-north-4.myhuaweicloud.com", login) as registry:
        manifest = await registry.manifest("org/repo", "latest")     # index or image
        config = await registry.config("org/repo", manifest.config)  # an image's config
        size = await registry.blob_size("org/repo", manifest.layers[0].digest)
        referrers = await registry.referrers("org/repo", manifest.digest)

Every request carries a bearer token for its repository (see :mod:`swrtui.registry.auth`);
everything read is checked against the digest it was asked by or announced with, so a
registry (or anything in between) cannot hand back other bytes unnoticed.
"""

from __future__ import annotations

import hashlib
import re
import ssl
from types import TracebackType

import httpx

from swrtui import __version__
from swrtui.registry import media
from swrtui.registry.auth import Credentials, TokenCache, parse_challenge
from swrtui.registry.errors import (
    BadReference,
    DigestMismatch,
    RegistryProtocolError,
    RegistryUnreachable,
    from_response,
)
from swrtui.registry.models import (
    Descriptor,
    ImageConfig,
    Manifest,
    parse_config,
    parse_index_descriptors,
    parse_manifest,
)

# The distribution spec's grammar of repository names, tags and (sha256) digests.
_COMPONENT = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
_NAME = re.compile(rf"^{_COMPONENT}(?:/{_COMPONENT})*$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[a-f0-9]{64}$")
# Manifests and configs are small documents; a bigger answer is refused, not buffered.
MAX_DOCUMENT = 4 * 1024 * 1024


async def anonymous() -> None:
    """Credentials for public repositories only."""
    return None


def is_digest(reference: str) -> bool:
    return bool(_DIGEST.match(reference))


def check_repository(name: str) -> str:
    if len(name) > 255 or not _NAME.match(name):
        raise BadReference(f"invalid repository name {name!r}")
    return name


def check_reference(reference: str) -> str:
    if not (_TAG.match(reference) or _DIGEST.match(reference)):
        raise BadReference(f"invalid tag or digest {reference!r}")
    return reference


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class RegistryClient:
    """One registry; ``credentials`` are asked for only when a token realm needs them."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials = anonymous,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        verify: bool | ssl.SSLContext = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"User-Agent": f"swrtui/{__version__} httpx/{httpx.__version__}"}
        self._http = httpx.AsyncClient(
            transport=transport, timeout=timeout, verify=verify, headers=headers
        )
        self.tokens = TokenCache(self._http, credentials, self.base_url)
        # Requests sent to the registry and its realm: what a benchmark counts.
        self.round_trips = 0

    async def __aenter__(self) -> RegistryClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def manifest(self, repository: str, reference: str) -> Manifest:
        """The manifest (image or index) ``reference`` (tag or digest) names, digest-checked."""
        check_repository(repository)
        check_reference(reference)
        headers = {"Accept": media.MANIFEST_ACCEPT}
        answer, raw = await self._get(
            repository, f"manifests/{reference}", headers, "MANIFEST_UNKNOWN"
        )
        actual = sha256(raw)
        announced = answer.headers.get("Docker-Content-Digest")
        expected = reference if is_digest(reference) else announced
        if expected and expected != actual:
            raise DigestMismatch(expected, actual, str(answer.request.url))
        return parse_manifest(raw, actual, answer.headers.get("content-type", ""))

    async def config(self, repository: str, descriptor: Descriptor) -> ImageConfig:
        """An image's config blob, checked against its descriptor's digest and size."""
        raw = await self.document_blob(repository, descriptor)
        return parse_config(raw, descriptor.digest)

    async def document_blob(self, repository: str, descriptor: Descriptor) -> bytes:
        """A small blob (config, artifact) read whole and digest-checked."""
        check_repository(repository)
        if not is_digest(descriptor.digest):
            raise BadReference(f"unsupported digest {descriptor.digest!r}")
        if descriptor.size > MAX_DOCUMENT:
            raise RegistryProtocolError(f"{descriptor.digest} is {descriptor.size} bytes: too big")
        answer, raw = await self._get(repository, f"blobs/{descriptor.digest}", {}, "BLOB_UNKNOWN")
        if sha256(raw) != descriptor.digest:
            raise DigestMismatch(descriptor.digest, sha256(raw), str(answer.request.url))
        return raw

    async def blob_size(self, repository: str, digest: str) -> int:
        """HEAD a blob: its size; raises ``BLOB_UNKNOWN`` when the registry lacks it."""
        check_repository(repository)
        if not is_digest(digest):
            raise BadReference(f"invalid digest {digest!r}")
        answer, _ = await self._send("HEAD", repository, f"blobs/{digest}", {}, "BLOB_UNKNOWN")
        try:
            return int(answer.headers["content-length"])
        except (KeyError, ValueError):
            raise RegistryProtocolError(f"HEAD of {digest} gave no Content-Length") from None

    async def referrers(self, repository: str, digest: str) -> tuple[Descriptor, ...]:
        """The artifacts (signatures, SBOMs) that refer to ``digest``."""
        check_repository(repository)
        if not is_digest(digest):
            raise BadReference(f"invalid digest {digest!r}")
        headers = {"Accept": media.OCI_INDEX}
        _, raw = await self._get(repository, f"referrers/{digest}", headers, "MANIFEST_UNKNOWN")
        return parse_index_descriptors(raw)

    async def _get(
        self, repository: str, path: str, headers: dict[str, str], not_found: str
    ) -> tuple[httpx.Response, bytes]:
        return await self._send("GET", repository, path, headers, not_found)

    async def _send(
        self, method: str, repository: str, path: str, headers: dict[str, str], not_found: str
    ) -> tuple[httpx.Response, bytes]:
        """One request with the repository's pull token; a 401 buys a token, once."""
        scope = f"repository:{repository}:pull"
        url = f"{self.base_url}/v2/{repository}/{path}"
        token = self.tokens.cached(scope)
        answer, body = await self._exchange(method, url, headers, token)
        if answer.status_code == 401:
            challenge = parse_challenge(answer.headers.get("www-authenticate", ""))
            if challenge is not None:
                self.tokens.forget(scope)
                token = await self.tokens.fetch(challenge, scope)
                self.round_trips += 1
                answer, body = await self._exchange(method, url, headers, token)
        if answer.status_code >= 400:
            raise from_response(answer, body, not_found)
        return answer, body

    async def _exchange(
        self, method: str, url: str, headers: dict[str, str], token: str | None
    ) -> tuple[httpx.Response, bytes]:
        sent = dict(headers)
        if token:
            sent["Authorization"] = f"Bearer {token}"
        self.round_trips += 1
        try:
            async with self._http.stream(method, url, headers=sent) as answer:
                return answer, await _read_bounded(answer)
        except httpx.HTTPError as exc:
            raise RegistryUnreachable(f"{method} {url}: {type(exc).__name__}", url) from None


async def _read_bounded(answer: httpx.Response) -> bytes:
    """Read the body, refusing one past :data:`MAX_DOCUMENT` (a blob is never read here)."""
    chunks: list[bytes] = []
    total = 0
    async for chunk in answer.aiter_bytes():
        total += len(chunk)
        if total > MAX_DOCUMENT:
            raise RegistryProtocolError(f"{answer.request.url} answered over {MAX_DOCUMENT} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
