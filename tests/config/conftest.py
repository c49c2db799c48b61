"""Fixtures for the config tests: isolated config/state/cache dirs and swappable keyrings.

The keyrings are :class:`tests.isolation.MemoryKeyring` (in memory, through the real
``keyring`` API) and keyring's own failing backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.isolation import MemoryKeyring, isolate_user_dirs, restoring_globals


@dataclass
class Dirs:
    root: Path
    config_file: Path


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dirs]:
    """Config, state, cache and data dirs under tmp_path; no credential env; no redaction hook."""
    root = tmp_path / "home"
    config_file = isolate_user_dirs(root, monkeypatch)
    with restoring_globals():
        yield Dirs(root, config_file)


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
