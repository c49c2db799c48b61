"""The TUI's command-line runners (imported lazily by :mod:`swrtui.cli`): on a profile, and
on the demo.

They live outside :mod:`swrtui.tui` because they compose through :mod:`swrtui.cli.bootstrap`,
which may start the in-process emulator, and the TUI package must never import it.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from swrtui.cli import bootstrap
from swrtui.config.credentials import SessionStore
from swrtui.config.locations import names_cache_file
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


def app_context(
    connected: bootstrap.Connected, profiles: Callable[[], Sequence[str]]
) -> AppContext:
    """The app's context for a connected profile (or the demo); ``profiles`` to switch to."""
    profile = connected.profile
    ak, sk = connected.long_term_keys or ("", None)
    return AppContext(
        client=connected.client,
        profile=profile.name,
        region=connected.region,
        endpoint=connected.endpoint,
        read_only=connected.read_only,
        theme=profile.theme,
        save_theme=_profile_theme_saver(profile.name) if connected.saved else None,
        journal_dir=connected.journal_dir,
        ak=ak,
        sk=sk,
        profiles=profiles,
        names_file=names_cache_file(profile.name),
    )


def profile_context(
    args: argparse.Namespace, store: SessionStore, ask: Callable[[str], str] | None
) -> AppContext:
    """The app's context for the profile ``args`` picks (with its overrides)."""
    settings = bootstrap.resolve_settings(args)
    return app_context(bootstrap.connect(settings, ask, store), bootstrap.profile_names)


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


@contextmanager
def demo_context(read_only: bool = False, keep_dir: bool = False) -> Iterator[AppContext]:
    """The app's context on the in-process demo emulator, inside the demo's sandbox."""
    with bootstrap.demo(read_only, keep_dir) as connected:
        # The demo has its own profile only: the switcher lists it and says so.
        yield app_context(connected, lambda: ["demo"])


def run_demo(args: argparse.Namespace) -> int:
    read_only = bool(getattr(args, "read_only", False))
    with demo_context(read_only, bool(getattr(args, "keep_demo_dir", False))) as context:
        SwrApp(context).run()
    return 0
