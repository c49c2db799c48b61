"""Where a region's services live: the SWR API, IAM, and the image registry.

Every helper is a default only; ``SwrClient(endpoint=...)`` and the auth classes take any
URL, which is how the emulator (or a private endpoint) is reached.
"""

from __future__ import annotations

DEFAULT_REGION = "cn-north-4"


def api_endpoint(region: str = DEFAULT_REGION) -> str:
    return f"https://swr-api.{region}.myhuaweicloud.com"


def iam_endpoint(region: str = DEFAULT_REGION) -> str:
    return f"https://iam.{region}.myhuaweicloud.com"


def registry_host(region: str = DEFAULT_REGION) -> str:
    return f"swr.{region}.myhuaweicloud.com"
