"""Writing a login into docker's ``config.json`` without disturbing anything else in it.

The file is ``$DOCKER_CONFIG/config.json``, else ``~/.docker/config.json``. Only
``auths[host].auth`` changes (other hosts, ``credHelpers``, ``credsStore``, proxies and any
unknown keys stay as they were). The previous file is copied to ``config.json.bak`` first; the
new one is written to a temporary file in the same directory, synced and moved over the old
one with ``os.replace`` (atomic on POSIX), with mode 0600 since it holds a password.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def atomic_write(path: Path, text: str, mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` through a synced temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_docker_auth(credentials: DockerCredentials, path: Path | None = None) -> WriteResult:
    """Merge the login into ``auths`` of the docker config; returns where and the backup."""
    path = path or docker_config_path()
    document = _load(path)
    backup = None
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        atomic_write(backup, path.read_text(encoding="utf-8"))
    auths = document.get("auths")
    if not isinstance(auths, dict):
        auths = document["auths"] = {}
    entry = auths.get(credentials.host)
    entry = dict(entry) if isinstance(entry, dict) else {}
    # A stale identity token would win over the new auth, so it goes with the old login.
    entry.pop("identitytoken", None)
    entry["auth"] = credentials.auth()
    auths[credentials.host] = entry
    atomic_write(path, json.dumps(document, indent="\t") + "\n")
    return WriteResult(path, backup, _notes(document, credentials.host))
