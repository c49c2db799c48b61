"""Where a region's services live: the SWR API, IAM, and the image registry.

Every helper is a default only; ``SwrClient(endpoint=...)`` and the auth classes take any
URL, which is how the emulator (or a private endpoint) is reached.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_REGION = "cn-north-4"


def api_endpoint(region: str = DEFAULT_REGION) -> str:
    return f"https://swr-api.{region}.myhuaweicloud.com"


def iam_endpoint(region: str = DEFAULT_REGION) -> str:
    return f"https://iam.{region}.myhuaweicloud.com"


def registry_host(region: str = DEFAULT_REGION) -> str:
    return f"swr.{region}.myhuaweicloud.com"


def image_reference(host: str, org: str, repo: str, tag: str) -> str:
    """What ``docker pull`` takes for a tag on the registry at ``host``."""
    return f"{host}/{org}/{repo}:{tag}"


def registry_for(endpoint: str, region: str = DEFAULT_REGION) -> str:
    """The registry host that goes with the API at ``endpoint``.

    SWR's API hosts answer on the default HTTPS port and its registry is the region's
    ``swr.`` host. An endpoint on an explicit port is a local server such as the emulator,
    which serves the registry on its API port and names that host:port in its temporary
    logins, so pull commands and logins must name it too.
    """
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:  # a malformed port: not ours to judge here, the request will say
        port = None
    if port is None or parts.hostname is None:
        return registry_host(region)
    return parts.netloc.rpartition("@")[2]
