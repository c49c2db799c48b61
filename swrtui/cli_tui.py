"""The TUI's command-line runners (imported lazily by ``cli.py``): on a profile, and on the demo.

They live outside :mod:`swrtui.tui` because they compose through :mod:`swrtui.bootstrap`,
which may start the in-process emulator, and the TUI package must never import it.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys
from collections.abc import Callable

from swrtui import bootstrap
from swrtui.config.credentials import SessionStore
from swrtui.config.errors import ConfigError
from swrtui.config.profiles import load_config, save_config
from swrtui.tui.app import SwrApp
from swrtui.tui.context import AppContext


def _profile_theme_saver(profile: str) -> Callable[[str], None]:
    """Store the chosen theme in the profile's ``theme`` key of config.toml."""

    def save(theme: str) -> None:
        config = load_config()
        config.put(dataclasses.replace(config.get(profile), theme=theme))
        save_config(config)

    return save


def _profile_names() -> list[str]:
    try:
        return sorted(load_config().profiles)
    except ConfigError:
        return []


def profile_context(
    args: argparse.Namespace, store: SessionStore, ask: Callable[[str], str] | None
) -> AppContext:
    """The app's context for the profile ``args`` picks (with its overrides)."""
    settings = bootstrap.resolve_settings(args)
    credentials = bootstrap.credentials_for(settings, ask=ask, session=store)
    client = bootstrap.build_client(settings, credentials)
    profile = settings.profile
    permanent = profile.auth == "aksk" and credentials.security_token is None
    return AppContext(
        client=client,
        profile=profile.name,
        region=settings.region,
        endpoint=settings.endpoint,
        read_only=profile.read_only,
        theme=profile.theme,
        save_theme=_profile_theme_saver(profile.name) if settings.saved else None,
        ak=(credentials.ak or "") if permanent else "",
        sk=credentials.sk if permanent else None,
        profiles=_profile_names,
    )


def profile_switcher(store: SessionStore) -> Callable[[str], AppContext]:
    """What ``profile: Switch…`` (and command mode's ``use``) connect through."""

    def connect(name: str) -> AppContext:
        # Nothing can be typed at a getpass prompt under the running TUI: a profile whose
        # secret is in neither the keyring nor the session store fails with a message.
        context = profile_context(argparse.Namespace(profile=name), store, ask=None)
        context.connect = connect
        return context

    return connect


def run_tui(args: argparse.Namespace) -> int:
    ask = getpass.getpass if sys.stdin.isatty() else None
    store = SessionStore()
    context = profile_context(args, store, ask)
    context.connect = profile_switcher(store)
    SwrApp(context).run()
    return 0


def demo_context(read_only: bool = False) -> AppContext:
    """The app's context on the in-process demo emulator (nothing is saved)."""
    client = bootstrap.demo_client()
    return AppContext(
        client=client,
        profile="demo",
        region=client.region,
        endpoint=client.endpoint,
        read_only=read_only,
        # The demo has its own profile only: the switcher lists it and says so.
        profiles=lambda: ["demo"],
    )


def run_demo(args: argparse.Namespace) -> int:
    SwrApp(demo_context(read_only=bool(getattr(args, "read_only", False)))).run()
    return 0
