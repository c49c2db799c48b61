"""Theme files (TOML) → Textual :class:`~textual.theme.Theme` objects.

The bundled themes ship in ``swrtui/tui/themes/``; users add their own in
``<config dir>/themes/`` (next to ``config.toml``, so ``$SWRTUI_CONFIG`` moves it too). A
file is a flat table: ``name``, ``dark`` and the color keys in :data:`COLOR_KEYS`
(``primary`` required). Loading never raises: every bad file becomes one line in the
returned problem list, which the app shows in a single notification.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from swrtui.config.locations import config_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

BUNDLED_DIR = Path(__file__).with_name("themes")
DEFAULT_THEME = "swr-dark"
# The bundled themes' names start with this.
BUNDLED_PREFIX = "swr-"
COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
)
_KNOWN_KEYS = {"name", "dark", *COLOR_KEYS}


class ThemeFileError(ValueError):
    """A theme file that cannot become a theme; the message names the key at fault."""


@dataclass
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def user_theme_dir() -> Path:
    return config_path().parent / "themes"


def _color(document: dict[str, Any], key: str) -> str | None:
    value = document.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ThemeFileError(f"{key}: expected a color string, got {value!r}")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(f"{key}: not a color: {value!r}") from None
    return value


def theme_from_document(document: dict[str, Any]) -> Theme:
    """Validate one parsed theme file and build the Theme."""
    unknown = sorted(set(document) - _KNOWN_KEYS)
    if unknown:
        raise ThemeFileError(f"unknown keys: {', '.join(unknown)}")
    name = document.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeFileError("name: expected a non-empty string")
    dark = document.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError(f"dark: expected true or false, got {dark!r}")
    colors = {key: _color(document, key) for key in COLOR_KEYS}
    if colors["primary"] is None:
        raise ThemeFileError("primary: required")
    return Theme(name=name.strip(), dark=dark, **colors)  # type: ignore[arg-type]


def load_theme_file(path: Path) -> Theme:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"not TOML: {exc}") from None
    return theme_from_document(document)


def load_themes(*directories: Path) -> LoadedThemes:
    """Every ``*.toml`` in the directories, in order (later files win on a name clash)."""
    loaded = LoadedThemes()
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                loaded.themes.append(load_theme_file(path))
            except ThemeFileError as exc:
                loaded.problems.append(f"{path.name}: {exc}")
    return loaded


def load_all_themes() -> LoadedThemes:
    """The bundled themes, then the user's."""
    return load_themes(BUNDLED_DIR, user_theme_dir())


def install_themes(app: App[object]) -> None:
    """Register every theme with ``app``; one warning names all the files skipped."""
    loaded = load_all_themes()
    for theme in loaded.themes:
        app.register_theme(theme)
    if loaded.problems:
        app.notify(
            "\n".join(loaded.problems),
            title="Some theme files were skipped",
            severity="warning",
            timeout=10,
        )
