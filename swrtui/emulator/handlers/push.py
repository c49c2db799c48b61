"""The control endpoint ``POST /_emulator/push``: make an image exist, as ``docker push`` would.

Body ``{namespace, repository, tag, size?, content_key?, created?}``. The organization must
exist; a missing repository is created (private, category ``other``) as if its
organization's creator had pushed it. Pushing the same ``content_key`` twice gives the same
digest, so tags of one image can be made by pushing it under several names. Unauthenticated
like the rest of ``/_emulator``: it is for tests, demos and scripts, not part of SWR.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from starlette.responses import Response

from swrtui import names
from swrtui.emulator import errors
from swrtui.emulator.backend import images
from swrtui.emulator.fields import optional_str, required_str
from swrtui.emulator.http import Call, ok
from swrtui.emulator.router import Route
from swrtui.emulator.state.store import iso, utcnow

MiB = 1024 * 1024
MAX_SIZE = 2**63 - 1


def _size(body: dict[str, Any], content_key: str) -> int:
    value = body.get("size")
    if value is None:
        # A stable, plausible size (1-64 MiB) for the same content key every time.
        digest = hashlib.sha256(content_key.encode("utf-8")).digest()
        return MiB + int.from_bytes(digest[:4], "big") % (63 * MiB)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise errors.invalid_parameter("size must be a positive integer (bytes)")
    if value > MAX_SIZE:  # descriptor sizes are int64 in the distribution spec
        raise errors.invalid_parameter(f"size must be at most {MAX_SIZE} bytes")
    return value


def _when(body: dict[str, Any]) -> datetime:
    text = optional_str(body, "created")
    if not text:
        return utcnow()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise errors.invalid_parameter(f"created must be an ISO 8601 time, got {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc).replace(microsecond=0)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-01:00 is past year 9999 in UTC
        raise errors.invalid_parameter(f"created is out of range, got {text!r}") from None


async def push(call: Call) -> Response:
    body = call.json_object()
    ns_name = required_str(body, "namespace")
    raw_repo = required_str(body, "repository")
    tag_name = required_str(body, "tag")
    if not names.is_valid_organization(ns_name):
        raise errors.invalid_org_name(ns_name)
    if not names.is_valid_repository(raw_repo):
        raise errors.invalid_repo_name(raw_repo)
    if not names.is_valid_tag(tag_name):
        raise errors.invalid_tag_name(tag_name)
    ns = call.state.namespaces.get(ns_name)
    if ns is None:
        raise errors.org_not_found(ns_name)
    repo_name = names.unescape_repository(raw_repo)
    content_key = optional_str(body, "content_key") or f"{ns_name}/{repo_name}:{tag_name}"
    # Validate everything before touching the state.
    when, size = _when(body), _size(body, content_key)
    repo, tag = images.push_image(
        call.state, ns, repo_name, tag_name, content_key=content_key, size=size, when=when
    )
    return ok(
        {
            "namespace": ns.name,
            "repository": repo.name,
            "tag": tag.name,
            "digest": tag.digest,
            "image_id": tag.image_id,
            "size": tag.size,
            "created": iso(tag.created),
            "updated": iso(tag.updated),
        },
        status=201,
    )


routes = [Route("POST", "/_emulator/push", push, authenticated=False)]
