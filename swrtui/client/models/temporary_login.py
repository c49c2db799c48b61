"""Temporary docker login credentials (reference 4.11.1 and the SDK's authorization token).

The service answers a docker ``config.json`` ``auths`` map (registry host → base64
``user:password``), the ready ``docker login`` command in ``X-Swr-Dockerlogin`` and the
expiry in ``X-Swr-Expireat``. The user name, password and registry are read from that
command as the service wrote it; the ``auths`` entry is the fallback when the header is
missing. Passwords, the command and the ``auths`` values are held in
:class:`~swrtui.redaction.Secret`, so no ``repr`` or log line ever shows them.
"""

from __future__ import annotations

import base64
import binascii
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from swrtui import clock
from swrtui.client.models import _parse
from swrtui.redaction import Secret

_USER_FLAGS = ("-u", "--username")
_PASSWORD_FLAGS = ("-p", "--password")


@dataclass(frozen=True)
class DockerLogin:
    """The three parts of a ``docker login -u USER -p PASSWORD HOST`` command."""

    username: str
    password: Secret
    registry: str


def _flag_value(word: str, words: list[str], index: int, flags: tuple[str, ...]) -> str | None:
    """The value of ``-u X`` / ``--username X`` / ``--username=X`` at ``words[index]``."""
    if word in flags and index + 1 < len(words):
        return words[index + 1]
    for flag in flags:
        if flag.startswith("--") and word.startswith(flag + "="):
            return word[len(flag) + 1 :]
    return None


def parse_docker_login(command: str) -> DockerLogin | None:
    """Split a ``docker login`` command; ``None`` unless it names a user, password and host."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if words[:2] != ["docker", "login"]:
        return None
    user = password = None
    positional: list[str] = []
    index = 2
    while index < len(words):
        word = words[index]
        if (value := _flag_value(word, words, index, _USER_FLAGS)) is not None:
            user = value
        elif (value := _flag_value(word, words, index, _PASSWORD_FLAGS)) is not None:
            password = value
        else:
            positional.append(word)
            index += 1
            continue
        # A flag given as two words consumed its value too.
        index += 1 if "=" in word else 2
    if not (user and password and len(positional) == 1):
        return None
    return DockerLogin(user, Secret(password), positional[0])


def decode_auth(value: str) -> tuple[str, Secret] | None:
    """A ``config.json`` ``auth`` value (base64 ``user:password``) as (user, password)."""
    try:
        plain = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        # ValueError: b64decode refuses a str with non-ASCII characters outright.
        return None
    user, sep, password = plain.partition(":")
    return (user, Secret(password)) if sep and user and password else None


def _auths(document: Mapping[str, Any]) -> dict[str, Secret]:
    entries = _parse.mapping(document.get("auths"))
    return {
        host: Secret(_parse.text(_parse.mapping(entry), "auth"))
        for host, entry in entries.items()
        if _parse.text(_parse.mapping(entry), "auth")
    }


def _from_auths(auths: Mapping[str, Secret]) -> DockerLogin | None:
    for host, auth in auths.items():
        decoded = decode_auth(auth.reveal())
        if decoded is not None:
            return DockerLogin(decoded[0], decoded[1], host)
    return None


@dataclass(frozen=True)
class LoginCredentials:
    """Credentials for ``docker login`` to the region's registry, valid until ``expires_at``."""

    username: str
    password: Secret
    registry: str
    expires_at: datetime | None
    # Registry host → the base64 ``user:password`` docker keeps in config.json.
    auths: Mapping[str, Secret] = field(default_factory=dict)
    # The service's ready command, verbatim (it carries the password).
    login_command: Secret | None = None

    def expired(self, now: datetime | None = None) -> bool:
        """Whether the credentials have run out (never, when no expiry was given)."""
        if self.expires_at is None:
            return False
        return (now or clock.now()) >= self.expires_at

    @classmethod
    def from_api(
        cls, document: Mapping[str, Any], headers: Mapping[str, str]
    ) -> LoginCredentials | None:
        """Parse the body and headers; ``None`` when neither yields user, password and host."""
        auths = _auths(_parse.mapping(document))
        command = _parse.text(headers, "X-Swr-Dockerlogin", "x-swr-dockerlogin")
        login = (parse_docker_login(command) if command else None) or _from_auths(auths)
        if login is None:
            return None
        return cls(
            username=login.username,
            password=login.password,
            registry=login.registry,
            expires_at=_parse.time(headers, "X-Swr-Expireat", "x-swr-expireat"),
            auths=auths,
            login_command=Secret(command) if command else None,
        )
