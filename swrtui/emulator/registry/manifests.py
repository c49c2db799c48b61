"""Manifests (GET/HEAD/PUT/DELETE by tag or digest), tags/list, _catalog and referrers.

Reads resolve a tag through the SWR tag itself and a digest through the repository's
stored manifests or any tag holding it, so the API's view and the registry's are one state.
A PUT checks the digest, the JSON and that every blob or child manifest it names exists,
then lands through :func:`swrtui.emulator.backend.images.land_manifest`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from swrtui import names
from swrtui.emulator.backend import images
from swrtui.emulator.registry.errors import RegistryError
from swrtui.emulator.state.store import (
    EmulatorState,
    Namespace,
    Repository,
    StoredManifest,
    User,
    utcnow,
)

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
KNOWN_TYPES = images.LIST_TYPES | {
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
}


def find_repo(state: EmulatorState, name: str) -> tuple[Namespace, Repository]:
    org, _, repo_name = name.partition("/")
    ns = state.namespaces.get(org)
    repo = ns.repos.get(repo_name) if ns is not None else None
    if ns is None or repo is None:
        raise RegistryError("NAME_UNKNOWN", "repository name not known to registry", {"name": name})
    return ns, repo


def resolve(repo: Repository, reference: str) -> tuple[str, StoredManifest]:
    """(digest, manifest) for a tag or a digest; MANIFEST_UNKNOWN when absent."""
    if reference.startswith("sha256:"):
        stored = repo.manifests.get(reference)
        if stored is not None:
            return reference, stored
        tag = next((t for t in repo.tags.values() if t.digest == reference), None)
    else:
        tag = repo.tags.get(reference)
    if tag is None:
        raise RegistryError("MANIFEST_UNKNOWN", "manifest unknown", {"reference": reference})
    stored = repo.manifests.get(tag.digest)
    if stored is None:  # a seeded or control-pushed tag: its type is in the document
        media_type = json.loads(tag.manifest).get("mediaType", "")
        stored = StoredManifest(media_type, tag.manifest)
    return tag.digest, stored


def get(state: EmulatorState, request: Request, name: str, reference: str) -> Response:
    _, repo = find_repo(state, name)
    digest, stored = resolve(repo, reference)
    body = stored.body.encode("utf-8")
    headers = {"Docker-Content-Digest": digest, "Content-Length": str(len(body))}
    if request.method == "HEAD":
        return Response(None, media_type=stored.media_type, headers=headers)
    return Response(body, media_type=stored.media_type, headers=headers)


def _parse(body: bytes, content_type: str) -> tuple[dict[str, Any], str]:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegistryError("MANIFEST_INVALID", f"manifest is not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("schemaVersion") != 2:
        raise RegistryError("MANIFEST_INVALID", "only schemaVersion 2 manifests are accepted")
    media_type = str(document.get("mediaType") or content_type.split(";")[0].strip())
    if media_type not in KNOWN_TYPES and "manifests" not in document:
        raise RegistryError("MANIFEST_INVALID", f"unsupported manifest type {media_type!r}")
    if media_type not in KNOWN_TYPES:
        media_type = OCI_INDEX
    return document, media_type


def _size_and_id(
    state: EmulatorState,
    repo: Repository | None,
    document: dict[str, Any],
    media_type: str,
    digest: str,
) -> tuple[int, str]:
    """Image size (config + layers; for a list, its children's) and image id; checks that
    everything referenced exists."""
    if media_type in images.LIST_TYPES:
        total = 0
        for entry in document.get("manifests") or []:
            child = repo.manifests.get(entry.get("digest", "")) if repo else None
            if child is None:
                raise RegistryError(
                    "MANIFEST_BLOB_UNKNOWN",
                    "child manifest unknown",
                    {"digest": entry.get("digest")},
                )
            total += _size_and_id(state, repo, json.loads(child.body), child.media_type, "")[0]
        return total, digest.removeprefix("sha256:")
    config = document.get("config") or {}
    total = 0
    for blob in [config, *(document.get("layers") or [])]:
        size = state.blobs.size(str(blob.get("digest", "")))
        if size is None:
            raise RegistryError(
                "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", {"digest": blob.get("digest")}
            )
        total += size
    return total, str(config.get("digest", "")).removeprefix("sha256:")


async def put(
    state: EmulatorState, request: Request, name: str, reference: str, pusher: User
) -> Response:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_MANIFEST_BYTES:
            raise RegistryError("SIZE_INVALID", "manifest larger than 4 MiB")
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    is_digest = reference.startswith("sha256:")
    if is_digest and reference != digest:
        raise RegistryError("DIGEST_INVALID", "manifest digest does not match its content")
    if not is_digest and not names.is_valid_tag(reference):
        raise RegistryError("MANIFEST_INVALID", f"invalid tag {reference!r}")
    document, media_type = _parse(bytes(body), request.headers.get("content-type", ""))
    org, _, repo_name = name.partition("/")
    ns = state.namespaces[org]
    size, image_id = _size_and_id(state, ns.repos.get(repo_name), document, media_type, digest)
    stored = StoredManifest(media_type, bytes(body).decode("utf-8"))
    images.land_manifest(
        state,
        ns,
        repo_name,
        None if is_digest else reference,
        stored,
        digest=digest,
        size=size,
        image_id=image_id,
        pusher=pusher,
        when=utcnow(),
    )
    headers = {"Location": f"/v2/{name}/manifests/{digest}", "Docker-Content-Digest": digest}
    subject = document.get("subject")
    if isinstance(subject, dict) and subject.get("digest"):
        headers["OCI-Subject"] = str(subject["digest"])
    return Response(None, status_code=201, headers=headers)


def delete(state: EmulatorState, name: str, reference: str) -> Response:
    """By digest: every tag on it and the manifest go; by tag: that tag only."""
    _, repo = find_repo(state, name)
    digest, _ = resolve(repo, reference)
    when = utcnow()
    doomed = [
        t.name
        for t in repo.tags.values()
        if (t.digest == digest if reference.startswith("sha256:") else t.name == reference)
    ]
    for tag in doomed:
        images.delete_tag(repo, tag, when)
    if reference.startswith("sha256:"):
        repo.manifests.pop(digest, None)
    return Response(None, status_code=202)


def _page(items: list[str], request: Request, path: str) -> tuple[list[str], dict[str, str]]:
    last = request.query_params.get("last")
    if last:
        items = [i for i in items if i > last]
    headers: dict[str, str] = {}
    raw_n = request.query_params.get("n")
    if raw_n is not None:
        if not raw_n.isdigit():
            raise RegistryError("PAGINATION_NUMBER_INVALID", "n must be a number", status=400)
        n = int(raw_n)
        if len(items) > n:
            items = items[:n]
            if items:
                headers["Link"] = f'<{path}?n={n}&last={items[-1]}>; rel="next"'
    return items, headers


def tags_list(state: EmulatorState, request: Request, name: str) -> Response:
    _, repo = find_repo(state, name)
    tags, headers = _page(sorted(repo.tags), request, f"/v2/{name}/tags/list")
    return JSONResponse({"name": name, "tags": tags}, headers=headers)


def catalog(state: EmulatorState, request: Request, visible: list[str]) -> Response:
    repos, headers = _page(sorted(visible), request, "/v2/_catalog")
    return JSONResponse({"repositories": repos}, headers=headers)


def referrers(state: EmulatorState, request: Request, name: str, digest: str) -> Response:
    _, repo = find_repo(state, name)
    wanted = request.query_params.get("artifactType")
    found = []
    for ref_digest, stored in sorted(repo.manifests.items()):
        document = json.loads(stored.body)
        if (document.get("subject") or {}).get("digest") != digest:
            continue
        artifact = document.get("artifactType") or (document.get("config") or {}).get("mediaType")
        if wanted and artifact != wanted:
            continue
        entry = {
            "mediaType": stored.media_type,
            "digest": ref_digest,
            "size": len(stored.body.encode("utf-8")),
            "artifactType": artifact,
        }
        if document.get("annotations"):
            entry["annotations"] = document["annotations"]
        found.append(entry)
    body = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": found}
    headers = {"OCI-Filters-Applied": "artifactType"} if wanted else {}
    return JSONResponse(body, media_type=OCI_INDEX, headers=headers)
