"""Docker logins for SWR: temporary and long-term credentials, and where to put them.

::

    creds = await temporary_login(client)              # user, password (Secret), host, expiry
    creds = long_term_login(region, ak, sk)            # computed locally, no expiry
    login_command(creds, "prompt")                     # safest command to show (Secret)
    await docker_login(creds)                          # runs docker, password on its stdin
    write_docker_auth(creds)                           # merge into ~/.docker/config.json
    kubernetes_secret("pull-secret", creds)            # dockerconfigjson Secret manifest

Modules: ``credentials``, ``commands``, ``docker_config``, ``kubernetes`` and
``credential_helper`` (the docker credential-helper protocol behind ``docker-credential-swr``).
"""

from __future__ import annotations

from swrtui.services.login.commands import (
    FORMS,
    DockerLoginResult,
    docker_argv,
    docker_login,
    login_command,
)
from swrtui.services.login.credential_helper import NOT_FOUND, Helper, HelperError, MemoryCache
from swrtui.services.login.credentials import (
    LONG_TERM,
    TEMPORARY,
    DockerCredentials,
    long_term_login,
    long_term_password,
    temporary_login,
)
from swrtui.services.login.docker_config import (
    DockerConfigError,
    WriteResult,
    docker_config_path,
    write_docker_auth,
)
from swrtui.services.login.kubernetes import dockerconfigjson, kubernetes_secret

__all__ = [
    "FORMS",
    "LONG_TERM",
    "NOT_FOUND",
    "TEMPORARY",
    "DockerConfigError",
    "DockerCredentials",
    "DockerLoginResult",
    "Helper",
    "HelperError",
    "MemoryCache",
    "WriteResult",
    "docker_argv",
    "docker_config_path",
    "docker_login",
    "dockerconfigjson",
    "kubernetes_secret",
    "login_command",
    "long_term_login",
    "long_term_password",
    "temporary_login",
    "write_docker_auth",
]
