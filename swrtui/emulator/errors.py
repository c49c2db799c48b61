"""Errors the emulator answers with, shaped as the service shapes them.

Every failure leaves the emulator as ``{"error_code": ..., "error_msg": ...}`` with the
HTTP status and ``SVCSTG.SWR.*`` code of the reference's section 6 (APIG codes for
signature failures, as the gateway in front of SWR answers). Handlers raise
:class:`ApiError` (usually through one of the constructors below); the app turns it into a
response in one place.
"""

from __future__ import annotations


class ApiError(Exception):
    """A refusal with an HTTP status and a stable service error code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


# --- authentication (401) --------------------------------------------------------------


def no_credentials() -> ApiError:
    return ApiError(
        401,
        "SVCSTG.S2I.4019000",
        "Authentication error: No user token or user AK/SK information found.",
    )


def bad_signature(detail: str) -> ApiError:
    return ApiError(401, "APIGW.0301", f"Incorrect IAM authentication information: {detail}")


def bad_token() -> ApiError:
    return ApiError(
        401,
        "SVCSTG.SWR.4010000",
        "Authentication failed. The possible cause is that the token has expired.",
    )


def wrong_project(project_id: str) -> ApiError:
    return ApiError(
        401,
        "SVCSTG.SWR.4011064",
        f"Cross-account error: project {project_id} does not belong to your account.",
    )


# --- permission (403) ------------------------------------------------------------------


def forbidden(what: str = "perform this operation") -> ApiError:
    return ApiError(403, "SVCSTG.SWR.4039002", f"You do not have the permission to {what}.")


def not_yours() -> ApiError:
    return ApiError(
        403,
        "SVCSTG.SWR.4039001",
        "You cannot apply for or operate the resources that do not belong to you.",
    )


# --- request shape (400, 413) ------------------------------------------------------------


def invalid_parameter(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001025", f"Invalid parameters: {detail}")


def invalid_body(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001018", f"Invalid request body type: {detail}")


def missing_parameter(name: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001014", f"Mandatory parameters must be configured: {name}")


def invalid_filter(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001035", f"Invalid filtering criteria: {detail}")


def invalid_org_name(name: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001028", f"Invalid organization name: {name}")


def invalid_repo_name(name: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001029", f"Invalid image name: {name}")


def invalid_tag_name(name: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4009021", f"Invalid image tag: {name}")


def invalid_permission(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001066", f"Invalid permissions: {detail}")


def invalid_username(name: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001067", f"Invalid username: {name}")


def invalid_org_permission(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001065", f"Invalid organization permissions: {detail}")


def body_too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "SVCSTG.SWR.4131001",
        f"The request exceeds the maximum size allowed ({limit} bytes).",
    )


def description_too_long(limit: int) -> ApiError:
    return ApiError(
        413,
        "SVCSTG.SWR.4131012",
        f"The description exceeds the maximum length allowed ({limit} characters).",
    )


def unsupported_version(version: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4000047", f"This version is not supported: {version}")


# --- state (404, 406, 409, quota) ------------------------------------------------------------


def org_not_found(name: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040058", f"The organization does not exist: {name}")


def repo_not_found(org: str, repo: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040010", f"The image does not exist: {org}/{repo}")


def tag_not_found(tag: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040048", f"The image tag does not exist: {tag}")


def not_found(what: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040083", f"The requested resource cannot be found: {what}")


def url_not_found(path: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040083", f"The requested URL cannot be found: {path}")


def method_not_allowed(method: str, path: str) -> ApiError:
    return ApiError(405, "SVCSTG.SWR.4050001", f"Method {method} is not allowed on {path}")


def permission_not_found(user: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040091", f"The permission does not exist: {user}")


def org_permission_not_found(user: str) -> ApiError:
    return ApiError(
        404, "SVCSTG.SWR.4040078", f"The organization permission does not exist: {user}"
    )


def org_not_empty(name: str) -> ApiError:
    return ApiError(
        406,
        "SVCSTG.SWR.4060074",
        f"The organization cannot be deleted because there are images in it: {name}",
    )


def org_exists(name: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090060", f"The organization already exists: {name}")


def repo_exists(name: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090006", f"The image already exists: {name}")


def permission_exists(user: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090089", f"The permission already exists: {user}")


def org_permission_exists(user: str) -> ApiError:
    return ApiError(
        409, "SVCSTG.SWR.4090076", f"The organization permission already exists: {user}"
    )


def conflict(detail: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090006", detail)


def tag_exists(tag: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090006", f"The image tag already exists: {tag}")


def share_exists(domain: str) -> ApiError:
    return ApiError(409, "SVCSTG.SWR.4090089", f"The shared account already exists: {domain}")


def share_not_found(domain: str) -> ApiError:
    return ApiError(404, "SVCSTG.SWR.4040083", f"The shared account does not exist: {domain}")


def invalid_domain(detail: str) -> ApiError:
    return ApiError(400, "SVCSTG.SWR.4001041", f"Invalid domain: {detail}")


def org_quota_exceeded(limit: int) -> ApiError:
    return ApiError(
        400,
        "SVCSTG.SWR.4000097",
        f"The maximum number of organizations has been exceeded (quota {limit}).",
    )


def too_many_requests() -> ApiError:
    return ApiError(429, "SVCSTG.SWR.4291000", "There are too many requests. Try again later.")


def internal(detail: str = "Internal error") -> ApiError:
    return ApiError(500, "SVCSTG.SWR.5000001", f"Internal server error: {detail}")
