"""Keyring storage, headless detection, the session-only store and environment overrides."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest
from keyring.backends import chainer, null
from keyring.errors import KeyringLocked

from swrtui.config import credentials as creds
from swrtui.config.profiles import Profile
from swrtui.redaction import Secret

from .conftest import MemoryKeyring


def test_keyring_store_uses_service_and_profile_kind_usernames(
    memory_keyring: MemoryKeyring,
) -> None:
    status = creds.keyring_status()
    assert status.usable and status.backend.endswith("tests.isolation.MemoryKeyring")
    store = creds.open_store()
    assert store.persistent
    store.set("prod", "sk", Secret("prod-secret-key"))
    store.set("prod", "security_token", Secret("temporary-token"))
    assert memory_keyring.entries == {
        ("swrtui", "prod:sk"): "prod-secret-key",
        ("swrtui", "prod:security_token"): "temporary-token",
    }
    found = store.get("prod", "sk")
    assert isinstance(found, Secret) and found.reveal() == "prod-secret-key"
    assert store.get("dev", "sk") is None
    assert sorted(creds.delete_all(store, "prod")) == ["security_token", "sk"]
    assert memory_keyring.entries == {} and not store.delete("prod", "sk")
    with pytest.raises(ValueError, match="unknown secret kind"):
        store.get("prod", "ak")


class LockedKeyring(keyring.backend.KeyringBackend):
    priority = -10  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def _empty_chainer(monkeypatch: pytest.MonkeyPatch) -> chainer.ChainerBackend:
    monkeypatch.setattr(keyring.backend, "_limit", lambda backend: False)
    return chainer.ChainerBackend()


@pytest.mark.parametrize(
    ("make", "backend", "words"),
    [
        (lambda mp: None, "fail.Keyring", "no keyring backend is available"),
        (lambda mp: null.Keyring(), "null.Keyring", "switched off"),
        (_empty_chainer, "chainer.ChainerBackend", "no backend to chain"),
        (lambda mp: LockedKeyring(), "LockedKeyring", "locked"),
    ],
)
def test_unusable_keyrings_are_detected_and_explained(
    no_keyring: object, monkeypatch: pytest.MonkeyPatch, make, backend: str, words: str
) -> None:
    chosen = make(monkeypatch)
    if chosen is not None:
        keyring.set_keyring(chosen)
    status = creds.keyring_status()
    assert not status.usable
    assert status.backend.endswith(backend)
    assert words in status.explanation
    with pytest.raises(creds.KeyringUnavailable) as caught:
        creds.open_store()
    message = str(caught.value)
    for advice in (
        "HUAWEICLOUD_SDK_AK",
        "gnome-keyring",
        "KeePassXC",
        "PYTHON_KEYRING_BACKEND",
        "session only",
        "never writes them to a file",
    ):
        assert advice in message
    assert caught.value.status == status


def test_session_store_keeps_secrets_in_memory_only(no_keyring: object) -> None:
    store = creds.open_store(session_only=True)
    assert not store.persistent
    store.set("prod", "password", Secret("session-password"))
    value = store.get("prod", "password")
    assert value is not None and value.reveal() == "session-password"
    assert store.delete("prod", "password") and store.get("prod", "password") is None


def test_environment_overrides_keyring_item_by_item(memory_keyring: MemoryKeyring) -> None:
    store = creds.KeyringStore()
    store.set("prod", "sk", Secret("keyring-sk-value"))
    store.set("prod", "security_token", Secret("keyring-token"))
    profile = Profile(name="prod", ak="PROFILEAK")

    stored = creds.load_credentials(profile, store, {})
    assert stored.ak == "PROFILEAK" and stored.sk is not None
    assert stored.sk.reveal() == "keyring-sk-value"

    env = {"CLOUD_SDK_AK": "CLOUDAK", "CLOUD_SDK_SK": "cloud-sk", "HUAWEICLOUD_SDK_SK": "hw-sk"}
    mixed = creds.load_credentials(profile, store, env)
    assert mixed.ak == "CLOUDAK"
    assert mixed.sk is not None and mixed.sk.reveal() == "hw-sk"  # HUAWEICLOUD_ wins
    assert mixed.security_token is not None and mixed.security_token.reveal() == "keyring-token"

    env["HUAWEICLOUD_SDK_SECURITY_TOKEN"] = "env-token"
    overridden = creds.load_credentials(profile, store, env)
    assert overridden.security_token is not None
    assert overridden.security_token.reveal() == "env-token"
    assert "hw-sk" not in repr(overridden) and "env-token" not in repr(overridden)


def test_only_the_kinds_of_the_auth_method_are_read(memory_keyring: MemoryKeyring) -> None:
    store = creds.KeyringStore()
    store.set("p", "sk", Secret("an-sk-for-p"))
    store.set("p", "password", Secret("a-password-for-p"))
    found = creds.load_credentials(Profile(name="p", auth="password"), store, {})
    assert found.sk is None and found.password is not None
    assert found.secret_for("password") == Secret("a-password-for-p")
