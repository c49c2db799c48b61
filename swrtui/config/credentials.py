"""Secrets: the OS keyring (service ``swrtui``), a session-only store, and the environment.

One keyring entry per profile and secret kind, user name ``"{profile}:{kind}"``, kinds
``sk``, ``password``, ``token`` and ``security_token``. The AK is an identifier and lives in
the profile. There is deliberately no plaintext fallback file: with no usable keyring,
:func:`keyring_status` says why in plain words, :data:`NO_KEYRING_HELP` says what to do, and
:class:`SessionStore` keeps secrets in this process's memory only.

Environment variables override stored values item by item: ``HUAWEICLOUD_SDK_AK/SK`` (then
``CLOUD_SDK_AK/SK``, the names Huawei's samples use) and ``HUAWEICLOUD_SDK_SECURITY_TOKEN``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from swrtui.config.errors import ConfigError
from swrtui.config.profiles import Profile
from swrtui.redaction import Secret, redact

SERVICE = "swrtui"
KINDS = ("sk", "password", "token", "security_token")
SECRET_KIND = {"aksk": "sk", "password": "password", "token": "token"}
_LABELS = {"sk": "secret key (SK)", "password": "password", "token": "IAM token"}
# Only these are looked up per auth method: each lookup may make the keyring ask to unlock.
_KINDS_BY_AUTH = {"aksk": ("sk", "security_token"), "password": ("password",), "token": ("token",)}
AK_ENV = ("HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK")
SK_ENV = ("HUAWEICLOUD_SDK_SK", "CLOUD_SDK_SK")
SECURITY_TOKEN_ENV = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
_PROBE_USER = "__swrtui_probe__"

NO_KEYRING_HELP = """\
swrtui keeps secrets only in the OS keyring and never writes them to a file. To go on, pick one:
  - environment: export HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or CLOUD_SDK_AK and
    CLOUD_SDK_SK), plus HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials;
  - start a Secret Service: e.g. `dbus-run-session -- sh`, then
    `echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets`, or run KeePassXC
    with its Secret Service integration enabled;
  - choose another keyring backend with PYTHON_KEYRING_BACKEND (see `keyring --list-backends`);
  - session only: swrtui asks for the secret when it starts and keeps it in memory until it
    exits (nothing is saved)."""


@dataclass(frozen=True)
class KeyringStatus:
    """Which keyring backend is active, whether it can hold secrets, and why (plain words)."""

    backend: str
    usable: bool
    explanation: str


class CredentialStoreError(ConfigError):
    """The keyring refused an operation (locked, unavailable, denied); one-line message."""

    code = "CONFIG.KEYRING"
    title = "Keyring problem"


class KeyringUnavailable(CredentialStoreError):
    """No usable keyring; ``status`` says why and the message says what to do."""

    code = "CONFIG.NO_KEYRING"

    def __init__(self, status: KeyringStatus) -> None:
        self.status = status
        super().__init__(f"no usable keyring: {status.explanation}\n{NO_KEYRING_HELP}")


def _backend_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _static_problem(backend: Any) -> str | None:
    """Why ``backend`` cannot hold secrets judging by its type alone, or None."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring):
        return (
            "no keyring backend is available: no Secret Service, KWallet, macOS Keychain "
            "or Windows Credential Locker was found"
        )
    if isinstance(backend, null.Keyring):
        return "the keyring is switched off (null backend): it stores nothing"
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "the keyring chainer has no backend to chain to"
    return None


def keyring_status() -> KeyringStatus:
    """Inspect the active keyring backend and probe it with one harmless lookup."""
    import keyring
    from keyring.errors import InitError, KeyringLocked

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend plugin must not crash the status check
        return KeyringStatus("unknown", False, f"the keyring could not start: {redact(str(exc))}")
    name = _backend_name(backend)
    problem = _static_problem(backend)
    if problem:
        return KeyringStatus(name, False, problem)
    try:
        backend.get_password(SERVICE, _PROBE_USER)
    except KeyringLocked:
        problem = "the keyring collection is locked and was not unlocked"
    except InitError as exc:
        problem = f"the keyring could not be initialised: {redact(str(exc))}"
    except Exception as exc:  # D-Bus and OS errors arrive as many unrelated types
        problem = f"the keyring failed: {type(exc).__name__}: {redact(str(exc))}"
    if problem:
        return KeyringStatus(name, False, problem)
    return KeyringStatus(name, True, f"secrets are stored by {name}")


class CredentialStore(Protocol):
    """Where a profile's secrets are kept; ``persistent`` is False for session-only memory."""

    description: str
    persistent: bool

    def get(self, profile: str, kind: str) -> Secret | None: ...

    def set(self, profile: str, kind: str, value: Secret) -> None: ...

    def delete(self, profile: str, kind: str) -> bool: ...


def _user(profile: str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown secret kind {kind!r}")
    return f"{profile}:{kind}"


class KeyringStore:
    """Secrets in the OS keyring through the ``keyring`` package."""

    description = "keyring"
    persistent = True

    def get(self, profile: str, kind: str) -> Secret | None:
        import keyring

        user = _user(profile, kind)
        try:
            value = keyring.get_password(SERVICE, user)
        except Exception as exc:
            raise CredentialStoreError(f"keyring lookup failed: {redact(str(exc))}") from None
        return Secret(value) if value else None

    def set(self, profile: str, kind: str, value: Secret) -> None:
        import keyring

        user = _user(profile, kind)
        try:
            keyring.set_password(SERVICE, user, value.reveal())
        except Exception as exc:
            raise CredentialStoreError(f"keyring refused the secret: {redact(str(exc))}") from None

    def delete(self, profile: str, kind: str) -> bool:
        import keyring
        from keyring.errors import PasswordDeleteError

        user = _user(profile, kind)
        try:
            keyring.delete_password(SERVICE, user)
        except PasswordDeleteError:
            return False
        except Exception as exc:
            raise CredentialStoreError(f"keyring delete failed: {redact(str(exc))}") from None
        return True


class SessionStore:
    """Secrets in this process's memory only: gone when it exits, never written anywhere."""

    description = "memory (this session only)"
    persistent = False

    def __init__(self) -> None:
        self._secrets: dict[str, Secret] = {}

    def get(self, profile: str, kind: str) -> Secret | None:
        return self._secrets.get(_user(profile, kind))

    def set(self, profile: str, kind: str, value: Secret) -> None:
        self._secrets[_user(profile, kind)] = value

    def delete(self, profile: str, kind: str) -> bool:
        return self._secrets.pop(_user(profile, kind), None) is not None


def open_store(session_only: bool = False) -> CredentialStore:
    """The keyring when it is usable; raises KeyringUnavailable otherwise (or session memory)."""
    if session_only:
        return SessionStore()
    status = keyring_status()
    if not status.usable:
        raise KeyringUnavailable(status)
    return KeyringStore()


def secret_label(kind: str, capital: bool = False) -> str:
    """Words for a secret kind in messages and prompts, e.g. ``secret key (SK)``."""
    label = _LABELS.get(kind, kind.replace("_", " "))
    return label[:1].upper() + label[1:] if capital else label


def kinds_for(auth: str) -> tuple[str, ...]:
    """The secret kinds an auth method uses (``aksk`` may add a security token)."""
    return _KINDS_BY_AUTH[auth]


def delete_all(store: CredentialStore, profile: str) -> list[str]:
    """Remove every secret kind stored for ``profile``; the kinds that existed."""
    return [kind for kind in KINDS if store.delete(profile, kind)]


@dataclass(frozen=True)
class Credentials:
    """What authenticates a request; secrets are Secret so the repr shows no value."""

    ak: str | None = None
    sk: Secret | None = None
    security_token: Secret | None = None
    password: Secret | None = None
    token: Secret | None = None

    def secret_for(self, auth: str) -> Secret | None:
        """The secret the auth method needs (SK, password or token)."""
        value = getattr(self, SECRET_KIND[auth])
        return value if isinstance(value, Secret) else None


def _first(environ: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((environ[n] for n in names if environ.get(n)), None)


def from_environment(environ: Mapping[str, str]) -> Credentials:
    """AK, SK and security token from the environment (Huawei's variable names)."""
    sk = _first(environ, SK_ENV)
    token = environ.get(SECURITY_TOKEN_ENV)
    return Credentials(
        ak=_first(environ, AK_ENV),
        sk=Secret(sk) if sk else None,
        security_token=Secret(token) if token else None,
    )


def _stored(store: CredentialStore | None, profile: Profile | None, kind: str) -> Secret | None:
    if store is None or profile is None or kind not in _KINDS_BY_AUTH[profile.auth]:
        return None
    return store.get(profile.name, kind)


def load_credentials(
    profile: Profile | None, store: CredentialStore | None, environ: Mapping[str, str]
) -> Credentials:
    """Environment first, then the profile (AK) and the store (secrets), item by item."""
    env = from_environment(environ)
    return Credentials(
        ak=env.ak or (profile.ak if profile else None),
        sk=env.sk or _stored(store, profile, "sk"),
        security_token=env.security_token or _stored(store, profile, "security_token"),
        password=_stored(store, profile, "password"),
        token=_stored(store, profile, "token"),
    )
