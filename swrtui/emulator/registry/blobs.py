"""Blobs: HEAD/GET (streamed, with Range), uploads (monolithic, chunked, cross-repo mount).

Upload bodies are streamed chunk by chunk into the upload's file and hashed on the way, so
memory stays flat whatever the layer size; the digest is verified before the blob exists.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from swrtui.emulator.registry.errors import RegistryError
from swrtui.emulator.state.blobs import Upload
from swrtui.emulator.state.store import EmulatorState

MAX_BLOB_BYTES = 2 * 1024 * 1024 * 1024


def get(state: EmulatorState, request: Request, digest: str) -> Response:
    size = state.blobs.size(digest)
    if size is None:
        raise RegistryError("BLOB_UNKNOWN", "blob unknown to registry", {"digest": digest})
    headers = {
        "Docker-Content-Digest": digest,
        "Content-Length": str(size),
        "Accept-Ranges": "bytes",
    }
    if request.method == "HEAD":
        return Response(None, media_type="application/octet-stream", headers=headers)
    return StreamingResponse(
        state.blobs.chunks(digest), media_type="application/octet-stream", headers=headers
    )


def _upload(state: EmulatorState, upload_id: str) -> Upload:
    upload = state.blobs.uploads.get(upload_id)
    if upload is None:
        raise RegistryError("BLOB_UPLOAD_UNKNOWN", "blob upload unknown", {"uuid": upload_id})
    return upload


async def _receive(upload: Upload, request: Request) -> None:
    with upload.path.open("ab") as handle:
        async for chunk in request.stream():
            if upload.size + len(chunk) > MAX_BLOB_BYTES:
                raise RegistryError("SIZE_INVALID", "blob larger than the registry accepts")
            upload.write(handle, chunk)


def _progress(name: str, upload: Upload, status: int) -> Response:
    return Response(
        None,
        status_code=status,
        headers={
            "Location": f"/v2/{name}/blobs/uploads/{upload.id}",
            "Range": f"0-{max(upload.size - 1, 0)}",
            "Docker-Upload-UUID": upload.id,
        },
    )


async def _finish(state: EmulatorState, name: str, upload: Upload, digest: str) -> Response:
    if upload.digest != digest:
        state.blobs.cancel_upload(upload)
        raise RegistryError(
            "DIGEST_INVALID",
            "provided digest did not match uploaded content",
            {"expected": digest, "received": upload.digest},
        )
    state.blobs.finish_upload(upload)
    return Response(
        None,
        status_code=201,
        headers={"Location": f"/v2/{name}/blobs/{digest}", "Docker-Content-Digest": digest},
    )


async def start(state: EmulatorState, request: Request, name: str, may_mount: bool) -> Response:
    """POST: a mount (when the blob exists and its source may be read), a monolithic
    upload (``?digest=``), or a new session."""
    mount = request.query_params.get("mount")
    if mount and may_mount and state.blobs.size(mount) is not None:
        return Response(
            None,
            status_code=201,
            headers={"Location": f"/v2/{name}/blobs/{mount}", "Docker-Content-Digest": mount},
        )
    upload = state.blobs.start_upload()
    digest = request.query_params.get("digest")
    if digest:
        await _receive(upload, request)
        return await _finish(state, name, upload, digest)
    return _progress(name, upload, 202)


async def patch(state: EmulatorState, request: Request, name: str, upload_id: str) -> Response:
    upload = _upload(state, upload_id)
    content_range = request.headers.get("content-range")
    if content_range and not content_range.startswith(f"{upload.size}-"):
        raise RegistryError("BLOB_UPLOAD_INVALID", "chunk out of order", status=416)
    await _receive(upload, request)
    return _progress(name, upload, 202)


async def put(state: EmulatorState, request: Request, name: str, upload_id: str) -> Response:
    upload = _upload(state, upload_id)
    digest = request.query_params.get("digest")
    if not digest:
        raise RegistryError("DIGEST_INVALID", "digest query parameter is required")
    await _receive(upload, request)
    return await _finish(state, name, upload, digest)


def status(state: EmulatorState, name: str, upload_id: str) -> Response:
    return _progress(name, _upload(state, upload_id), 204)


def cancel(state: EmulatorState, upload_id: str) -> Response:
    state.blobs.cancel_upload(_upload(state, upload_id))
    return Response(None, status_code=204)
