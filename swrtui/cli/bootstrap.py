"""Composition root: command line + environment + config file + keyring → ``SwrClient``.

Precedence, highest first: command-line options (``--profile/--region/--endpoint/
--project-id/--read-only``), environment (``SWRTUI_PROFILE``, ``SWRTUI_REGION``, the
``HUAWEICLOUD_SDK_*`` credentials), the profile in ``config.toml``, then built-in defaults.
With no config file at all, AK/SK from the environment plus ``--region``/``--endpoint``
(and ``--project-id``) are enough, which is how scripts and CI run swrtui.

:func:`demo_client` is the same client over ``httpx.ASGITransport`` to the in-process
emulator; only :mod:`swrtui.cli` may import the emulator. :func:`connect` and :func:`demo`
are the one way every front end (TUI, REPL, ``login``, ``cleanup``) gets started, so what a
profile can do (read-only, a long-term docker login) is decided here once.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from swrtui.cli import sandbox
from swrtui.client import AkSkAuth, PasswordTokenAuth, SwrClient, TokenAuth, regions
from swrtui.config import credentials as creds
from swrtui.config.errors import ConfigError
from swrtui.config.locations import state_dir
from swrtui.config.profiles import Config, Profile, check_value, load_config
from swrtui.redaction import Secret

PROFILE_ENV = "SWRTUI_PROFILE"
REGION_ENV = "SWRTUI_REGION"
# The profile used when no config file (or no default profile) applies: pure env/flags.
ENVIRONMENT_PROFILE = "environment"
DEMO_ENDPOINT = "http://swr-emulator.demo"
# Cleanup journals, under the state directory.
JOURNALS = "cleanup"


class MissingCredentials(ConfigError):
    """A secret or identifier the chosen auth method needs is nowhere to be found."""

    code = "CONFIG.MISSING_CREDENTIALS"
    title = "Missing credentials"


@dataclass(frozen=True)
class Settings:
    """The effective profile (overrides applied) and whether it is saved in the config file."""

    profile: Profile
    saved: bool

    @property
    def region(self) -> str:
        return self.profile.region or regions.DEFAULT_REGION

    @property
    def endpoint(self) -> str:
        return self.profile.api_endpoint or regions.api_endpoint(self.region)

    @property
    def iam_endpoint(self) -> str:
        return self.profile.iam_endpoint or regions.iam_endpoint(self.region)


def _override(key: str, value: Any, option: str) -> Any:
    problem = check_value(key, value) if value is not None else None
    if problem:
        raise ConfigError(problem, key=option)
    return value


def _base_profile(name: str | None, config: Config) -> tuple[Profile, bool]:
    if name:
        return config.get(name), True
    if config.default_profile:
        return config.profiles[config.default_profile], True
    if len(config.profiles) == 1:
        return next(iter(config.profiles.values())), True
    return Profile(name=ENVIRONMENT_PROFILE), False


def resolve_settings(
    args: Any = None, environ: Mapping[str, str] | None = None, config: Config | None = None
) -> Settings:
    """Pick the profile and apply overrides from ``args`` (argparse namespace) and the env."""
    env = os.environ if environ is None else environ
    config = config if config is not None else load_config()

    def arg(name: str) -> Any:
        return getattr(args, name, None) if args is not None else None

    base, saved = _base_profile(arg("profile") or env.get(PROFILE_ENV), config)
    changes = {
        "region": _override("region", arg("region") or env.get(REGION_ENV), "--region"),
        "api_endpoint": _override("api_endpoint", arg("endpoint"), "--endpoint"),
        "project_id": _override("project_id", arg("project_id"), "--project-id"),
        "read_only": True if arg("read_only") else None,
    }
    profile = dataclasses.replace(base, **{k: v for k, v in changes.items() if v is not None})
    return Settings(profile, saved)


def journal_dir() -> Path:
    """Where a profile's cleanup runs keep their journals."""
    return state_dir() / JOURNALS


def profile_names() -> list[str]:
    """The saved profiles a front end offers to switch to (none when the file is broken)."""
    try:
        return sorted(load_config().profiles)
    except ConfigError:
        return []


def _hint(settings: Settings) -> str:
    if settings.saved:
        return f"run `swrtui configure --profile {settings.profile.name}`"
    return "set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or run `swrtui configure`"


def _need(value: Any, what: str, settings: Settings) -> Any:
    if value:
        return value
    name = settings.profile.name
    raise MissingCredentials(f"no {what} for profile {name!r}: {_hint(settings)}")


def _auth(settings: Settings, credentials: creds.Credentials) -> httpx.Auth:
    profile = settings.profile
    if profile.auth == "aksk":
        return AkSkAuth(
            _need(credentials.ak, "access key (AK)", settings),
            _need(credentials.sk, "secret key (SK)", settings),
            security_token=credentials.security_token,
            project_id=profile.project_id,
        )
    if profile.auth == "token":
        return TokenAuth(_need(credentials.token, "IAM token", settings), profile.project_id)
    return PasswordTokenAuth(
        settings.iam_endpoint,
        _need(profile.domain_name, "account (domain) name", settings),
        _need(profile.user_name, "IAM user name", settings),
        _need(credentials.password, "password", settings),
        project_id=profile.project_id,
        # Huawei Cloud names each region's default project after the region.
        project_name=profile.project_name or settings.region,
    )


def build_client(
    settings: Settings,
    credentials: creds.Credentials,
    transport: httpx.AsyncBaseTransport | None = None,
) -> SwrClient:
    """An SwrClient for the effective profile, authenticated with ``credentials``."""
    profile = settings.profile
    return SwrClient(
        settings.endpoint,
        region=settings.region,
        auth=_auth(settings, credentials),
        project_id=profile.project_id,
        registry=profile.registry_host,
        transport=transport,
        verify=_ca_bundle(settings) or profile.verify_tls,
        max_concurrency=profile.max_concurrency,
        read_only=profile.read_only,
        project_id_hint=_project_hint(settings),
    )


def _project_hint(settings: Settings) -> str:
    """Where this user gives the project ID (the console's "My Credentials" page lists it)."""
    if settings.saved:
        name = settings.profile.name
        return (
            f"give --project-id ID, or set project_id in profile {name!r} "
            f"(`swrtui configure --profile {name}`)"
        )
    return "give --project-id ID, or save it in a profile with `swrtui configure`"


def _ca_bundle(settings: Settings) -> str | None:
    """The profile's CA bundle, checked here: httpx would fail later with a bare OSError."""
    bundle = settings.profile.ca_bundle
    if bundle is None:
        return None
    try:
        readable = Path(bundle).expanduser().is_file() and os.access(
            Path(bundle).expanduser(), os.R_OK
        )
    except (OSError, ValueError):
        readable = False
    if not readable:
        raise ConfigError(
            f"ca_bundle {bundle[:200]!r} of profile {settings.profile.name!r} is not a "
            "readable file"
        )
    return str(Path(bundle).expanduser())


def _open_store(settings: Settings) -> tuple[creds.CredentialStore | None, str]:
    """The keyring for a saved profile, or None with the reason it cannot be used."""
    if not settings.saved:
        return None, ""
    try:
        return creds.open_store(), ""
    except creds.KeyringUnavailable as exc:
        return None, str(exc)


def credentials_for(
    settings: Settings,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    session: creds.SessionStore | None = None,
) -> creds.Credentials:
    """Environment, then keyring; a missing secret is asked for and kept for this session only.

    ``ask`` is a hidden prompt (``getpass.getpass``) in interactive front ends; without it a
    missing secret raises MissingCredentials, with the no-keyring help when that is the cause.
    """
    env = os.environ if environ is None else environ
    store, keyring_problem = _open_store(settings)
    found = creds.load_credentials(settings.profile, store, env)
    kind = creds.SECRET_KIND[settings.profile.auth]
    name = settings.profile.name
    if found.secret_for(settings.profile.auth) is None and session is not None:
        found = dataclasses.replace(found, **{kind: session.get(name, kind)})
    if found.secret_for(settings.profile.auth) is not None:
        return found
    if ask is None:
        detail = f"\n{keyring_problem}" if keyring_problem else ""
        raise MissingCredentials(
            f"no {creds.secret_label(kind)} for profile {name!r} in the environment or keyring: "
            f"{_hint(settings)}{detail}"
        )
    prompt = (
        f"{creds.secret_label(kind, capital=True)} for profile {name!r} (kept in memory only): "
    )
    secret = Secret(ask(prompt))
    if session is not None:
        session.set(name, kind, secret)
    return dataclasses.replace(found, **{kind: secret})


@dataclass(frozen=True)
class Connected:
    """What a front end starts from: a ready client and what the profile allows."""

    client: SwrClient
    profile: Profile
    region: str
    endpoint: str
    # Whether the profile is in config.toml (so its theme can be saved there).
    saved: bool
    # The permanent AK/SK a long-term docker login is computed from, None when there is none;
    # long_term_problem then says why, in words for the user.
    long_term_keys: tuple[str, Secret] | None
    # Where cleanup runs keep their journals (resumable from the REPL and the command line).
    journal_dir: Path
    long_term_problem: str = ""

    @property
    def read_only(self) -> bool:
        return self.profile.read_only


def long_term_keys(
    auth: str, credentials: creds.Credentials
) -> tuple[tuple[str, Secret] | None, str]:
    """The AK/SK a long-term login can be computed from, or ``None`` and the reason why not.

    The one place that decides it: a long-term login is derived from a permanent AK/SK, so
    a temporary AK/SK (one with a security token) or a token/password profile cannot.
    """
    if auth != "aksk":
        return None, "a long-term login is computed from an AK/SK: use an aksk profile"
    if credentials.security_token:
        return None, "temporary AK/SK (with a security token) cannot make a long-term login"
    if not credentials.ak or not credentials.sk:
        return None, "a long-term login needs the profile's AK and SK"
    return (credentials.ak, credentials.sk), ""


def connect(
    settings: Settings,
    ask: Callable[[str], str] | None = None,
    session: creds.SessionStore | None = None,
    environ: Mapping[str, str] | None = None,
) -> Connected:
    """The profile ``settings`` picks, connected: credentials found (or asked), client built."""
    credentials = credentials_for(settings, environ, ask, session)
    keys, problem = long_term_keys(settings.profile.auth, credentials)
    return Connected(
        client=build_client(settings, credentials),
        profile=settings.profile,
        region=settings.region,
        endpoint=settings.endpoint,
        saved=settings.saved,
        long_term_keys=keys,
        journal_dir=journal_dir(),
        long_term_problem=problem,
    )


def demo_client(read_only: bool = False) -> SwrClient:
    """A client on the demo seed of an in-process emulator, as the demo tenant's admin."""
    from swrtui.emulator.app import create_app
    from swrtui.emulator.state import seeds

    return SwrClient(
        DEMO_ENDPOINT,
        region=seeds.DEMO_PROJECT_NAME,
        auth=AkSkAuth(seeds.DEMO_ADMIN_AK, seeds.DEMO_ADMIN_SK, project_id=seeds.DEMO_PROJECT_ID),
        project_id=seeds.DEMO_PROJECT_ID,
        transport=httpx.ASGITransport(create_app(seed="demo")),
        read_only=read_only,
    )


@contextmanager
def demo(read_only: bool = False, keep_dir: bool = False) -> Iterator[Connected]:
    """The demo tenant's admin on the in-process emulator; the TUI and the REPL demo alike.

    The one way into the demo, so every demo run is sandboxed: while it lasts, every file it
    writes (docker config, journals, history, caches) lands in its own directory, which is
    removed afterwards unless ``keep_dir`` (see :mod:`swrtui.cli.sandbox`).
    """
    from swrtui.emulator.state import seeds

    with sandbox.demo_dir(keep=keep_dir):
        client = demo_client(read_only)
        yield Connected(
            client=client,
            profile=Profile(name="demo", region=client.region, read_only=read_only),
            region=client.region,
            endpoint=client.endpoint,
            saved=False,
            long_term_keys=(seeds.DEMO_ADMIN_AK, Secret(seeds.DEMO_ADMIN_SK)),
            # Under the sandbox's state directory, like a real profile's.
            journal_dir=journal_dir(),
        )
