"""Where swrtui keeps its files: the config file, and the state and cache directories.

``SWRTUI_CONFIG`` overrides the config file path (tests and scripts point it at a temporary
file); everything else follows the platform's conventions through platformdirs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "swrtui"
CONFIG_ENV = "SWRTUI_CONFIG"


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The config file: ``$SWRTUI_CONFIG`` or ``config.toml`` in the user config directory."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def state_dir() -> Path:
    """Directory for state that outlives a run (journals, history)."""
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Directory for data that may be thrown away at any time."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def names_cache_file(profile: str) -> Path:
    """The profile's cached organization, repository and tag-count names (no secrets)."""
    # Profile names are validated elsewhere, but a file name must never climb out.
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in profile).lstrip(".")
    return cache_dir() / "names" / f"{safe or '_'}.json"
