"""Keep tests that run swrtui's config code away from the developer's own environment.

``isolate_user_dirs`` points the XDG dirs and the config file under a temporary root and
drops the credential variables; ``restoring_globals`` puts back the keyring and removes the
redaction hook a test installed. ``MemoryKeyring`` is a real ``keyring`` backend that keeps
entries in a dict, so the code under test goes through ``keyring.get_password`` & co. exactly
as with the OS keyring. Its priority is negative so that merely defining it never makes
keyring pick it on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.errors import PasswordDeleteError

from swrtui import redaction

CREDENTIAL_ENV = (
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "CLOUD_SDK_AK",
    "CLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "SWRTUI_PROFILE",
    "SWRTUI_REGION",
    "SWRTUI_DEBUG",
    "PYTHON_KEYRING_BACKEND",
)


def isolate_user_dirs(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, state, cache and data dirs under ``root``, no credential env; the config file."""
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(root / name.lower()))
    config_file = root / "config" / "swrtui" / "config.toml"
    monkeypatch.setenv("SWRTUI_CONFIG", str(config_file))
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    return config_file


@contextmanager
def restoring_globals() -> Iterator[None]:
    """Give back the keyring in use before, and drop the redaction hook, when the test ends."""
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        redaction.uninstall_redaction()


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring backend: ``entries`` maps (service, username) to the secret."""

    priority = -10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")
