"""Kubernetes image pull secrets: a ``kubernetes.io/dockerconfigjson`` Secret manifest.

Written by hand (no YAML library): keys are fixed names, and every value is emitted as a
double-quoted JSON string, which is valid YAML and cannot be mistaken for a number, boolean
or null (a Secret named ``123`` or ``true`` stays a string). The ``.dockerconfigjson``
value is base64 of ``{"auths": {host: {"username", "password", "auth"}}}``.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from swrtui.services.errors import BadArgument
from swrtui.services.login.credentials import DockerCredentials

# RFC 1123 subdomain (Secret names) and label (namespaces), as Kubernetes validates them.
_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
OUTPUTS = ("yaml", "json")


def dockerconfigjson(credentials: DockerCredentials) -> str:
    """The ``.dockerconfigjson`` document (plain JSON; it holds the password)."""
    entry = {
        "username": credentials.username,
        "password": credentials.password.reveal(),
        "auth": credentials.auth(),
    }
    return json.dumps({"auths": {credentials.host: entry}}, separators=(",", ":"))


def _check(name: str, namespace: str | None) -> None:
    if len(name) > 253 or not _SUBDOMAIN.fullmatch(name):
        raise BadArgument(f"not a valid Kubernetes Secret name (RFC 1123 subdomain): {name!r}")
    if namespace is not None and (len(namespace) > 63 or not _LABEL.fullmatch(namespace)):
        raise BadArgument(f"not a valid Kubernetes namespace (RFC 1123 label): {namespace!r}")


def secret_document(
    name: str, credentials: DockerCredentials, namespace: str | None = None
) -> dict[str, Any]:
    _check(name, namespace)
    metadata = {"name": name, **({"namespace": namespace} if namespace else {})}
    encoded = base64.b64encode(dockerconfigjson(credentials).encode("utf-8")).decode("ascii")
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": metadata,
        "type": "kubernetes.io/dockerconfigjson",
        "data": {".dockerconfigjson": encoded},
    }


def _yaml(document: dict[str, Any], indent: str = "") -> list[str]:
    # Keys are this module's constants (plain YAML); values are always quoted.
    lines = []
    for key, value in document.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += _yaml(value, indent + "  ")
        else:
            lines.append(f"{indent}{key}: {json.dumps(value)}")
    return lines


def kubernetes_secret(
    name: str, credentials: DockerCredentials, namespace: str | None = None, output: str = "yaml"
) -> str:
    """The Secret manifest as YAML (default) or JSON text, ready for ``kubectl apply -f -``."""
    document = secret_document(name, credentials, namespace)
    if output == "json":
        return json.dumps(document, indent=2) + "\n"
    if output != "yaml":
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, got {output!r}")
    return "\n".join(_yaml(document)) + "\n"
