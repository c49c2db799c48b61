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


def run_tui(args: argparse.Namespace) -> int:
    ask = getpass.getpass if sys.stdin.isatty() else None
    settings = bootstrap.resolve_settings(args)
    credentials = bootstrap.credentials_for(settings, ask=ask, session=SessionStore())
    client = bootstrap.build_client(settings, credentials)
    profile = settings.profile
    permanent = profile.auth == "aksk" and credentials.security_token is None
    context = AppContext(
        client=client,
        profile=profile.name,
        region=settings.region,
        endpoint=settings.endpoint,
        read_only=profile.read_only,
        theme=profile.theme,
        save_theme=_profile_theme_saver(profile.name) if settings.saved else None,
        ak=(credentials.ak or "") if permanent else "",
        sk=credentials.sk if permanent else None,
    )
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
    )


def run_demo(args: argparse.Namespace) -> int:
    SwrApp(demo_context(read_only=bool(getattr(args, "read_only", False)))).run()
    return 0
