"""Fixtures for the config tests: isolated config/state/cache dirs and swappable keyrings.

``MemoryKeyring`` is a real ``keyring`` backend that keeps entries in a dict, so the code
under test goes through ``keyring.get_password`` & co. exactly as with the OS keyring. Its
priority is negative so that merely defining it never makes keyring pick it on its own.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from swrtui import cli, redaction

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


@dataclass
class Dirs:
    root: Path
    config_file: Path


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dirs]:
    """Config, state, cache and data dirs under tmp_path; no credential env; no redaction hook."""
    root = tmp_path / "home"
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(root / name.lower()))
    config_file = root / "config" / "swrtui" / "config.toml"
    monkeypatch.setenv("SWRTUI_CONFIG", str(config_file))
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    yield Dirs(root, config_file)
    keyring.set_keyring(previous)
    redaction.uninstall_redaction()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring() -> fail.Keyring:
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    return backend


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliResult]:
    """``run_cli(*argv, stdin="...")`` runs ``swrtui.cli.main`` with a non-terminal stdin."""

    def run(*argv: str, stdin: str = "") -> CliResult:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = cli.main(list(argv))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
