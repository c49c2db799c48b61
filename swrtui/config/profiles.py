"""Named profiles in ``config.toml``: loading with per-key validation, editing and saving.

The file holds no secret: the AK lives here because it is an identifier, the SK, passwords
and tokens live in the keyring (see :mod:`swrtui.config.credentials`). Shape::

    default_profile = "prod"

    [profiles.prod]
    region = "cn-north-4"
    auth = "aksk"
    ak = "AKIDEXAMPLE"
    verify_tls = true
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swrtui.config import tomlfile
from swrtui.config.errors import ConfigError
from swrtui.config.locations import config_path

AUTH_METHODS = ("aksk", "password", "token")
PROFILE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_REGION_RE = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")
_HOST_RE = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$")
# Ids and keys travel in HTTP headers: printable ASCII without spaces.
_TOKEN_RE = re.compile(r"[!-~]+")
HEADER = "# swrtui configuration. Secrets live in the OS keyring, never in this file."


@dataclass(frozen=True)
class Profile:
    """One account/region combination; ``None`` means "use the default"."""

    name: str
    region: str | None = None
    api_endpoint: str | None = None
    iam_endpoint: str | None = None
    registry_host: str | None = None
    project_id: str | None = None
    project_name: str | None = None
    auth: str = "aksk"
    ak: str | None = None
    domain_name: str | None = None
    user_name: str | None = None
    verify_tls: bool = True
    ca_bundle: str | None = None
    max_concurrency: int = 8
    read_only: bool = False
    theme: str | None = None

    def to_table(self) -> dict[str, Any]:
        """The profile's keys as written to the file (defaults included, ``None`` dropped)."""
        values = dataclasses.asdict(self)
        values.pop("name")
        return {k: v for k, v in values.items() if v is not None}


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[Any], str | None]:
    # fullmatch: with match and "$", a value ending in a newline would pass.
    return lambda value: None if regex.fullmatch(value) else f"expected {what}, got {value!r}"


# Longer is no endpoint anyone types; httpx refuses such URLs with an InvalidURL.
MAX_URL = 2048


def _url(value: str) -> str | None:
    shown = repr(value) if len(value) <= 80 else f"{value[:77]!r}… ({len(value)} characters)"
    if len(value) > MAX_URL:
        return f"expected an http(s):// URL of at most {MAX_URL} characters, got {shown}"
    # Spaces and control characters (a pasted newline) make a URL no server would accept.
    ok = value.startswith(("https://", "http://")) and len(value) > len("https://")
    if ok and value.isprintable() and not any(c.isspace() for c in value):
        return None
    return f"expected an http(s):// URL without spaces or control characters, got {shown}"


def _choice(value: str) -> str | None:
    return None if value in AUTH_METHODS else f"expected one of {', '.join(AUTH_METHODS)}"


def _concurrency(value: int) -> str | None:
    return None if 1 <= value <= 64 else f"expected 1 to 64, got {value}"


# key -> (expected type, extra check returning a problem or None)
_FIELDS: dict[str, tuple[type, Callable[[Any], str | None] | None]] = {
    "region": (str, _pattern(_REGION_RE, "a region id like cn-north-4")),
    "api_endpoint": (str, _url),
    "iam_endpoint": (str, _url),
    "registry_host": (str, _pattern(_HOST_RE, "a host name like swr.cn-north-4.example.com")),
    "project_id": (str, _pattern(_TOKEN_RE, "an id without spaces")),
    "project_name": (str, _pattern(_TOKEN_RE, "a name without spaces")),
    "auth": (str, _choice),
    "ak": (str, _pattern(_TOKEN_RE, "an access key id without spaces")),
    "domain_name": (str, None),
    "user_name": (str, None),
    "verify_tls": (bool, None),
    "ca_bundle": (str, None),
    "max_concurrency": (int, _concurrency),
    "read_only": (bool, None),
    "theme": (str, None),
}
_TYPE_WORDS = {str: "a string", bool: "true or false", int: "an integer"}


def check_value(key: str, value: Any) -> str | None:
    """The problem with ``value`` for profile key ``key``, or None when it is valid."""
    if key not in _FIELDS:
        return f"unknown key (known keys: {', '.join(_FIELDS)})"
    kind, extra = _FIELDS[key]
    # bool is an int subclass: `max_concurrency = true` must not pass as 1
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        return f"expected {_TYPE_WORDS[kind]}, got {type(value).__name__} {value!r}"
    return extra(value) if extra else None


def check_profile_name(name: str) -> str | None:
    """The problem with a profile name, or None (names become TOML keys and keyring users)."""
    if PROFILE_NAME_RE.match(name):
        return None
    return "profile names are 1-64 letters, digits, '-' or '_', starting with a letter or digit"


@dataclass
class Config:
    """The whole config file: profiles by name and which one is the default."""

    path: Path
    default_profile: str | None = None
    profiles: dict[str, Profile] = field(default_factory=dict)

    def get(self, name: str) -> Profile:
        """The named profile, or a ConfigError listing the ones that exist."""
        if name in self.profiles:
            return self.profiles[name]
        known = ", ".join(sorted(self.profiles)) or "none yet; run `swrtui configure`"
        raise ConfigError(f"no profile named {name!r} (profiles: {known})", self.path)

    def put(self, profile: Profile, make_default: bool = False) -> None:
        """Add or replace a profile; the first profile becomes the default."""
        self.profiles[profile.name] = profile
        if make_default or self.default_profile is None:
            self.default_profile = profile.name

    def remove(self, name: str) -> Profile:
        """Drop a profile; if it was the default, no profile is the default any more."""
        profile = self.get(name)
        del self.profiles[name]
        if self.default_profile == name:
            self.default_profile = None
        return profile

    def to_document(self) -> dict[str, Any]:
        tables = {name: p.to_table() for name, p in sorted(self.profiles.items())}
        return {"default_profile": self.default_profile, "profiles": tables}


def _fail(path: Path, text: str, table: str, key: str, problem: str) -> ConfigError:
    dotted = f"{table}.{key}" if table and key else (table or key)
    return ConfigError(problem, path, tomlfile.locate(text, table, key), dotted)


def _parse_profile(path: Path, text: str, name: str, table: Any) -> Profile:
    where = f"profiles.{name}"
    if not isinstance(table, Mapping):
        raise _fail(path, text, "profiles", name, "expected a table like [profiles.NAME]")
    problem = check_profile_name(name)
    if problem:
        raise _fail(path, text, where, "", problem)
    for key, value in table.items():
        problem = check_value(key, value)
        if problem:
            raise _fail(path, text, where, key, problem)
    return Profile(name=name, **table)


def parse(path: Path, document: Mapping[str, Any], text: str) -> Config:
    """Validate a parsed document; the first problem raises naming its file, line and key."""
    for key in document:
        if key not in ("default_profile", "profiles"):
            raise _fail(path, text, "", key, "unknown key (known: default_profile, profiles)")
    tables = document.get("profiles", {})
    if not isinstance(tables, Mapping):
        raise _fail(path, text, "", "profiles", "expected a table of profiles")
    profiles = {name: _parse_profile(path, text, name, t) for name, t in tables.items()}
    default = document.get("default_profile")
    if default is not None and (not isinstance(default, str) or default not in profiles):
        problem = f"names no profile in this file: {default!r}"
        raise _fail(path, text, "", "default_profile", problem)
    return Config(path, default, profiles)


def load_config(path: Path | None = None) -> Config:
    """The config at ``path`` (default: :func:`config_path`); a missing file is an empty one."""
    path = path or config_path()
    if not path.exists():
        return Config(path)
    document, text = tomlfile.read(path)
    return parse(path, document, text)


def save_config(config: Config) -> None:
    """Write ``config`` back to its file: atomically, with a backup of the original, keeping
    the user's comments, order and formatting."""
    tomlfile.write(config.path, config.to_document(), header=HEADER)
