"""The registry's errors, in the OCI distribution spec's JSON shape.

``{"errors": [{"code": "MANIFEST_UNKNOWN", "message": ..., "detail": ...}]}`` with the
spec's status per code; a 401 carries the ``WWW-Authenticate`` challenge naming the token
realm and the scope that would have been needed.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

STATUS = {
    "BLOB_UNKNOWN": 404,
    "BLOB_UPLOAD_INVALID": 400,
    "BLOB_UPLOAD_UNKNOWN": 404,
    "DIGEST_INVALID": 400,
    "MANIFEST_BLOB_UNKNOWN": 404,
    "MANIFEST_INVALID": 400,
    "MANIFEST_UNKNOWN": 404,
    "NAME_INVALID": 400,
    "NAME_UNKNOWN": 404,
    "SIZE_INVALID": 400,
    "UNAUTHORIZED": 401,
    "DENIED": 403,
    "UNSUPPORTED": 405,
    "TOOMANYREQUESTS": 429,
}


class RegistryError(Exception):
    def __init__(self, code: str, message: str, detail: Any = None, status: int = 0) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.detail = detail
        self.status = status or STATUS[code]
        self.challenge: str | None = None

    def response(self) -> JSONResponse:
        entry: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.detail is not None:
            entry["detail"] = self.detail
        headers = {"Docker-Distribution-API-Version": "registry/2.0"}
        if self.challenge:
            headers["WWW-Authenticate"] = self.challenge
        return JSONResponse({"errors": [entry]}, status_code=self.status, headers=headers)


def unauthorized(challenge: str, message: str = "authentication required") -> RegistryError:
    error = RegistryError("UNAUTHORIZED", message)
    error.challenge = challenge
    return error
