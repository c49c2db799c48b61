"""Docker logins the registry accepts: issued temporary ones and computed long-term ones.

Temporary: ``POST /v2/manage/utils/secret`` issues a user and password valid until an
expiry; only the password's SHA-256 is kept. Long-term: user ``{region}@{AK}`` with the
lowercase hex HMAC-SHA256 of the AK keyed with the SK, as SWR's console documents (only a
permanent AK: temporary keys carry a security token and are refused).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from swrtui.emulator.state.store import DockerLogin, EmulatorState, User


def _sha(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def issue(state: EmulatorState, user: User, name: str, password: str, expires: datetime) -> None:
    state.docker_logins[name] = DockerLogin(user.id, _sha(password), expires)


def long_term_password(access_key: str, secret_key: str) -> str:
    return hmac.new(secret_key.encode(), access_key.encode(), hashlib.sha256).hexdigest()


def check(state: EmulatorState, name: str, password: str, now: datetime) -> User | None:
    """The user these docker credentials stand for, or None (wrong, unknown or expired)."""
    login = state.docker_logins.get(name)
    if login is not None:
        valid = hmac.compare_digest(login.password_sha256, _sha(password))
        return state.all_users().get(login.user_id) if valid and now < login.expires_at else None
    region, _, access_key = name.partition("@")
    if region != state.region:
        return None
    user = state.user_by_access_key(access_key)
    if user is None or user.security_token is not None:
        return None
    expected = long_term_password(user.access_key, user.secret_key)
    return user if hmac.compare_digest(expected, password) else None
