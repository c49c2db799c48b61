"""Runners for ``swrtui configure``, ``swrtui profiles list|show|delete`` and ``keyring status``.

Secrets enter only through a hidden prompt (``getpass``) or stdin (``--sk-stdin`` and
friends), never through argv where ``ps`` and shell history would see them. ``configure``
verifies the credentials with one cheap authenticated call before anything is saved.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from swrtui.cli.bootstrap import Settings, build_client
from swrtui.cli.console import err
from swrtui.client import SwrError, regions
from swrtui.commands.format import plural
from swrtui.config import credentials as creds
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import (
    AUTH_METHODS,
    Config,
    Profile,
    check_profile_name,
    check_value,
    load_config,
    save_config,
)
from swrtui.errors import describe_error
from swrtui.redaction import Secret, mask

_SECRET_FLAGS = {"sk": "sk_stdin", "password": "password_stdin", "token": "token_stdin"}


def _interactive() -> bool:
    return sys.stdin.isatty()


# --- configure -----------------------------------------------------------------------------


class _Asker:
    """Fills one profile attribute: flag, else prompt (terminal only), else current/default."""

    def __init__(self, existing: Profile | None) -> None:
        self.existing = existing
        self.interactive = _interactive()

    def __call__(
        self, key: str, flag_value: Any, label: str, default: Any = None, required: bool = False
    ) -> Any:
        current = getattr(self.existing, key, None) if self.existing else None
        value = flag_value
        if value is None and self.interactive:
            shown = current if current is not None else default
            answer = input(f"{label}{f' [{shown}]' if shown is not None else ''}: ").strip()
            value = answer or None
        if value is None:
            value = current if current is not None else default
        if value is None and required:
            raise ConfigError(f"{label} is required (pass it as a flag or run in a terminal)")
        problem = check_value(key, value) if value is not None else None
        if problem:
            raise ConfigError(problem, key=key)
        return value


def _profile_from_args(args: argparse.Namespace, name: str, existing: Profile | None) -> Profile:
    ask = _Asker(existing)
    base = existing or Profile(name=name)
    region = ask("region", args.region, "Region", regions.DEFAULT_REGION)
    endpoint = ask("api_endpoint", args.endpoint, "API endpoint (Enter: the region's default)")
    project_id = ask("project_id", args.project_id, "Project id (Enter: none)")
    auth = ask("auth", args.auth, f"Auth method ({', '.join(AUTH_METHODS)})", "aksk")
    values: dict[str, Any] = {
        "region": region,
        "api_endpoint": endpoint,
        "project_id": project_id,
        "auth": auth,
    }
    if auth == "aksk":
        values["ak"] = ask("ak", args.ak, "Access key (AK)", required=True)
    if auth == "password":
        values["iam_endpoint"] = ask(
            "iam_endpoint", args.iam_endpoint, "IAM endpoint (Enter: the region's default)"
        )
        values["domain_name"] = ask(
            "domain_name", args.domain, "Account (domain) name", required=True
        )
        values["user_name"] = ask("user_name", args.user, "IAM user name", required=True)
    return dataclasses.replace(base, name=name, **values)


def _read_secret(
    args: argparse.Namespace, profile: Profile, stored: Secret | None, can_store: bool
) -> Secret | None:
    """The secret piped in or typed, else the stored one. Without a keyring (``can_store``
    false) nobody is asked for what cannot be kept: a piped one is still used to verify, and
    None means there is none."""
    kind = creds.SECRET_KIND[profile.auth]
    for other, flag in _SECRET_FLAGS.items():
        if getattr(args, flag, False) and other != kind:
            option = "--" + flag.replace("_", "-")
            raise ConfigError(f"{option} does not fit --auth {profile.auth}")
    if getattr(args, _SECRET_FLAGS[kind], False):
        value = sys.stdin.readline().rstrip("\r\n")
    elif _interactive() and can_store:
        keep = " (Enter: keep the stored one)" if stored else ""
        value = getpass.getpass(f"{creds.secret_label(kind, capital=True)}{keep}: ")
    else:
        value = ""
    if value:
        return Secret(value)
    if stored or not can_store:
        return stored
    option = "--" + _SECRET_FLAGS[kind].replace("_", "-")
    raise ConfigError(f"no {creds.secret_label(kind)} given: pipe it in with {option}")


async def _verify(settings: Settings, credentials: creds.Credentials) -> int:
    async with build_client(settings, credentials) as client:
        return len(await client.organizations.list())


def _verify_or_explain(profile: Profile, secret: Secret) -> bool:
    credentials = creds.Credentials(ak=profile.ak, **{creds.SECRET_KIND[profile.auth]: secret})
    settings = Settings(profile, saved=False)
    print(f"Checking the credentials against {settings.endpoint} ...")
    try:
        count = asyncio.run(_verify(settings, credentials))
    except SwrError as exc:
        err(f"verification failed: {describe_error(exc)}")
        err("nothing was saved")
        return False
    print(f"ok: signed in, {plural(count, 'organization')} visible")
    return True


def _store_secret(profile: Profile, secret: Secret, status: creds.KeyringStatus) -> str:
    """Put the secret in the keyring (dropping other kinds); a line saying what happened."""
    kind = creds.SECRET_KIND[profile.auth]
    if not status.usable:
        return (
            f"the {creds.secret_label(kind)} was NOT stored: no usable keyring; "
            f"{status.explanation}.\n{creds.NO_KEYRING_HELP}"
        )
    store = creds.KeyringStore()
    try:
        store.set(profile.name, kind, secret)
        for stale in set(creds.KINDS) - set(creds.kinds_for(profile.auth)):
            store.delete(profile.name, stale)
    except creds.CredentialStoreError as exc:
        return f"the secret was NOT stored: {exc}\n{creds.NO_KEYRING_HELP}"
    return f"{creds.secret_label(kind)} stored in the keyring ({secret.masked()})"


def _profile_name(args: argparse.Namespace, config: Config) -> str:
    name = args.profile or os.environ.get("SWRTUI_PROFILE") or config.default_profile
    if not name and _interactive():
        name = input("Profile name [default]: ").strip()
    name = name or "default"
    problem = check_profile_name(name)
    if problem:
        raise ConfigError(problem, key="--profile")
    return name


def run_configure(args: argparse.Namespace) -> int:
    """Create or update a profile, verify it, then save it and its secret."""
    config = load_config()
    name = _profile_name(args, config)
    existing = config.profiles.get(name)
    status = creds.keyring_status()
    if not status.usable:
        err(
            f"note: no usable keyring, so the secret is not asked for (it could not be kept): "
            f"{status.explanation}"
        )
    profile = _profile_from_args(args, name, existing)
    stored_kind = creds.SECRET_KIND[profile.auth]
    stored = creds.KeyringStore().get(name, stored_kind) if existing and status.usable else None
    secret = _read_secret(args, profile, stored, status.usable)
    if secret is None:
        outcome = (
            f"the {creds.secret_label(stored_kind)} was not asked for and the profile was not "
            f"checked against the service.\n{creds.NO_KEYRING_HELP}"
        )
    elif not args.no_verify_call and not _verify_or_explain(profile, secret):
        return 1
    else:
        outcome = _store_secret(profile, secret, status)
    config.put(profile, make_default=args.default)
    save_config(config)
    print(f"saved profile {name!r} to {config.path}")
    print(outcome)
    return 0


# --- profiles ------------------------------------------------------------------------------


def _secret_lines(profile: Profile) -> dict[str, str]:
    """For each secret kind the profile uses: where it is, masked, never the value."""
    status = creds.keyring_status()
    env = creds.from_environment(os.environ)
    lines: dict[str, str] = {}
    for kind in creds.kinds_for(profile.auth):
        if kind in ("sk", "security_token") and getattr(env, kind) is not None:
            lines[kind] = f"from the environment ({mask(getattr(env, kind))})"
        elif not status.usable:
            lines[kind] = f"unknown, no usable keyring: {status.explanation}"
        else:
            value = creds.KeyringStore().get(profile.name, kind)
            lines[kind] = f"stored in keyring ({value.masked()})" if value else "not stored"
    return lines


def _list(args: argparse.Namespace, config: Config) -> int:
    rows = [
        {
            "name": p.name,
            "region": p.region or regions.DEFAULT_REGION,
            "auth": p.auth,
            "default": p.name == config.default_profile,
        }
        for p in sorted(config.profiles.values(), key=lambda p: p.name)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print(f"no profiles in {config.path}; create one with `swrtui configure`")
        return 0
    width = max(len(r["name"]) for r in rows)
    print(f"  {'NAME':<{width}}  {'REGION':<16}  AUTH")
    for r in rows:
        print(
            f"{'*' if r['default'] else ' '} {r['name']:<{width}}  {r['region']:<16}  {r['auth']}"
        )
    return 0


def _show(args: argparse.Namespace, config: Config) -> int:
    profile = config.get(args.name)
    secrets = _secret_lines(profile)
    if args.json:
        document = {
            "name": profile.name,
            "default": profile.name == config.default_profile,
            **profile.to_table(),
            "secrets": secrets,
        }
        print(json.dumps(document, indent=2))
        return 0
    marker = " (default)" if profile.name == config.default_profile else ""
    print(f"profile {profile.name}{marker} in {config.path}")
    for key, value in profile.to_table().items():
        print(f"  {key} = {json.dumps(value)}")
    for kind, line in secrets.items():
        print(f"  {kind}: {line}")
    return 0


def _confirm(question: str) -> bool:
    if not _interactive():
        raise ConfigError("refusing to delete without confirmation: pass --yes")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _delete(args: argparse.Namespace, config: Config) -> int:
    profile = config.get(args.name)
    if not args.yes and not _confirm(f"Delete profile {profile.name!r} and its keyring entries?"):
        print("nothing deleted")
        return 1
    status = creds.keyring_status()
    removed = creds.delete_all(creds.KeyringStore(), profile.name) if status.usable else []
    config.remove(profile.name)
    save_config(config)
    print(f"deleted profile {profile.name!r} from {config.path}")
    if status.usable:
        print(f"keyring entries removed: {', '.join(removed) or 'none were stored'}")
    else:
        print(f"keyring not checked: {status.explanation}")
    return 0


_PROFILE_ACTIONS: dict[str, Callable[[argparse.Namespace, Config], int]] = {
    "list": _list,
    "show": _show,
    "delete": _delete,
}


def run_profiles(args: argparse.Namespace) -> int:
    """``swrtui profiles list|show|delete`` (list when no action is given)."""
    return _PROFILE_ACTIONS[args.profiles_action or "list"](args, load_config())


def run_keyring(args: argparse.Namespace) -> int:
    """``swrtui keyring status``: exit 0 when secrets can be stored, 1 when not."""
    status = creds.keyring_status()
    if args.json:
        print(json.dumps(status.__dict__, indent=2))
    else:
        print(f"backend: {status.backend}")
        print(f"usable: {'yes' if status.usable else 'no'}")
        print(status.explanation)
        if not status.usable:
            print(creds.NO_KEYRING_HELP)
    return 0 if status.usable else 1
