"""``docker-credential-swr``: docker's credential helper for the active swrtui profile.

Wire it per registry in ``~/.docker/config.json``::

    {"credHelpers": {"swr.cn-north-4.myhuaweicloud.com": "swr"}}

The profile is chosen as everywhere in swrtui (``SWRTUI_PROFILE``, else the default
profile; ``HUAWEICLOUD_SDK_AK/SK`` work too). ``get`` answers with a temporary login for the
profile's registry host, cached in the OS keyring (service ``swrtui-docker-login``) until ten
minutes before it expires, or for this call only when there is no usable keyring. The
protocol itself is :mod:`swrtui.services.login.credential_helper`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TextIO

from swrtui.cli.bootstrap import Settings, connect, resolve_settings
from swrtui.client import registry_for
from swrtui.errors import describe_error
from swrtui.redaction import Secret, install_redaction, redact
from swrtui.services.login.credential_helper import (
    NOT_FOUND,
    Helper,
    HelperError,
    LoginCache,
    MemoryCache,
)
from swrtui.services.login.credentials import TEMPORARY, DockerCredentials, temporary_login

KEYRING_SERVICE = "swrtui-docker-login"
USAGE = "usage: docker-credential-swr get|store|erase|list (input on stdin)"


class KeyringCache:
    """Temporary logins in the OS keyring, one entry per profile and registry host."""

    def __init__(self, profile: str, hosts: Iterable[str]) -> None:
        self.profile = profile
        self._hosts = list(hosts)

    def _user(self, host: str) -> str:
        return f"{self.profile}:{host}"

    def get(self, host: str) -> DockerCredentials | None:
        import keyring

        raw = keyring.get_password(KEYRING_SERVICE, self._user(host))
        if not raw:
            return None
        try:
            document = json.loads(raw)
            return DockerCredentials(
                username=document["username"],
                password=Secret(document["secret"]),
                host=host,
                expires_at=datetime.fromisoformat(document["expires_at"]),
                kind=TEMPORARY,
            )
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable entry is as good as none: log in afresh

    def put(self, host: str, credentials: DockerCredentials) -> None:
        import keyring

        if credentials.expires_at is None:
            return  # only logins that expire are cached
        document = {
            "username": credentials.username,
            "secret": credentials.password.reveal(),
            "expires_at": credentials.expires_at.isoformat(),
        }
        keyring.set_password(KEYRING_SERVICE, self._user(host), json.dumps(document))

    def erase(self, host: str) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):  # nothing cached: nothing to erase
            keyring.delete_password(KEYRING_SERVICE, self._user(host))

    def hosts(self) -> Iterable[str]:
        return [host for host in self._hosts if self.get(host) is not None]


def _cache(settings: Settings, hosts: Iterable[str]) -> LoginCache:
    from swrtui.config.credentials import keyring_status

    if keyring_status().usable:
        return KeyringCache(settings.profile.name, hosts)
    return MemoryCache()


def make_helper(settings: Settings | None = None) -> Helper:
    """The helper for the active profile (or ``settings``)."""
    settings = settings or resolve_settings()
    host = settings.profile.registry_host or registry_for(settings.endpoint, settings.region)
    hosts = frozenset({host.lower()})

    async def fetch() -> DockerCredentials:
        async with connect(settings).client as client:
            return await temporary_login(client)

    return Helper(hosts=hosts, fetch=fetch, cache=_cache(settings, hosts))


# Docker sends a server URL or a small JSON document; anything larger is not docker talking,
# and echoing it in an error (50 MB of it, in one trial) helps nobody.
MAX_INPUT = 64 * 1024


def _read_input(stdin: TextIO) -> str:
    try:
        text = stdin.read(MAX_INPUT + 1)
    except UnicodeDecodeError:
        raise HelperError("the input on stdin is not UTF-8 text") from None
    if len(text) > MAX_INPUT:
        raise HelperError(f"the input on stdin is larger than {MAX_INPUT // 1024} KiB")
    return text


def _answer(action: str, text: str) -> str:
    try:
        return asyncio.run(make_helper().handle(action, text))
    except HelperError:
        raise
    except Exception as exc:  # no profile, keyring trouble, ...: docker must get the answer
        raise HelperError(NOT_FOUND, describe_error(exc)) from None


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    # As in swrtui's own entry point: whatever logging the environment sets up, no record
    # (httpcore's debug lines carry the X-Swr-Dockerlogin header) shows a password.
    install_redaction()
    args = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if len(args) != 1:
        print(USAGE, file=err)
        return 1
    try:
        answer = _answer(args[0], _read_input(stdin or sys.stdin))
    except HelperError as exc:
        print(str(exc), file=out)
        if exc.detail:
            print(f"docker-credential-swr: {redact(exc.detail)}", file=err)
        return 1
    if answer:
        print(answer, file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
