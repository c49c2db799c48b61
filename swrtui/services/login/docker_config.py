"""Writing a login into docker's ``config.json`` without disturbing anything else in it.

The file is ``$DOCKER_CONFIG/config.json``, else ``~/.docker/config.json``. Only
``auths[host].auth`` changes (other hosts, ``credHelpers``, ``credsStore``, proxies and any
unknown keys stay as they were). The file is edited the way docker's own tools edit it:

- a symlinked ``config.json`` (dotfiles) is followed: the link's target is rewritten, the
  link stays a link;
- an ``auths`` that is not a JSON object is refused, not "repaired" into ``{}`` (that would
  silently drop the user's other logins);
- the first backup is kept: ``config.json.bak`` is written only when none exists, so a second
  login never overwrites the user's original with our first edit;
- the new file is written to a temporary file in the target's directory, synced and moved
  over the old one with ``os.replace`` (atomic on POSIX), keeping the file's mode (0600 for a
  new file, since it holds a password).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swrtui.config.files import atomic_write, back_up, existing_mode, real_target
from swrtui.services.errors import ServiceError
from swrtui.services.login.credentials import DockerCredentials

CONFIG_ENV = "DOCKER_CONFIG"


class DockerConfigError(ServiceError, ValueError):
    """The existing docker config cannot be read as a JSON object: it is left untouched."""

    code = "LOGIN.DOCKER_CONFIG"
    title = "Docker config not written"


def docker_config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    directory = env.get(CONFIG_ENV)
    base = Path(directory).expanduser() if directory else Path.home() / ".docker"
    return base / "config.json"


@dataclass(frozen=True)
class WriteResult:
    path: Path
    backup: Path | None
    notes: tuple[str, ...]


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError) as exc:
        raise DockerConfigError(
            f"{path} is not readable JSON ({exc}); nothing was changed"
        ) from None
    if not isinstance(document, dict):
        raise DockerConfigError(f"{path} does not hold a JSON object; nothing was changed")
    return document


def _notes(document: Mapping[str, Any], host: str) -> tuple[str, ...]:
    """Settings that make docker ignore ``auths`` for this host."""
    helpers = document.get("credHelpers")
    if isinstance(helpers, Mapping) and host in helpers:
        helper = helpers[host]
        return (
            f"credHelpers sends {host} to docker-credential-{helper}; docker uses that, not auths",
        )
    if document.get("credsStore"):
        return (
            f"credsStore is {document['credsStore']!r}: docker reads logins from that store, "
            "so `docker login` (which writes there) may be needed instead",
        )
    return ()


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    return "null" if value is None else kinds.get(type(value), "a number")


def _auths(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """The ``auths`` object, created when missing; any other type is the user's to fix."""
    auths = document.setdefault("auths", {})
    if not isinstance(auths, dict):
        raise DockerConfigError(
            f'{path}: "auths" is {_json_kind(auths)}, not an object; fix it by hand '
            "(nothing was changed)"
        )
    return auths


def write_docker_auth(credentials: DockerCredentials, path: Path | None = None) -> WriteResult:
    """Merge the login into ``auths`` of the docker config; returns where and the backup.

    ``path`` is the config as the user names it; a symlink is followed, and the returned
    ``path`` is the file actually written.
    """
    target = real_target(path or docker_config_path())
    document = _load(target)
    auths = _auths(document, target)
    mode = existing_mode(target)
    backup, kept = back_up(target)
    entry = auths.get(credentials.host)
    entry = dict(entry) if isinstance(entry, dict) else {}
    # A stale identity token would win over the new auth, so it goes with the old login.
    entry.pop("identitytoken", None)
    entry["auth"] = credentials.auth()
    auths[credentials.host] = entry
    atomic_write(target, json.dumps(document, indent="\t") + "\n", mode)
    return WriteResult(target, backup, kept + _notes(document, credentials.host))
