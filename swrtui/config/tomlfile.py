"""Reading and writing the small TOML files swrtui owns (top-level keys plus flat tables).

Reading uses ``tomllib`` (``tomli`` on Python 3.10) and turns its decode errors into
:class:`ConfigError` with the line and, when the line has one, the key. Writing edits the
user's file with tomlkit, which keeps comments, key order and formatting (the file is
theirs), and replaces it atomically with a backup of the original (see
:mod:`swrtui.config.files`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

import tomlkit

from swrtui.config.errors import ConfigError
from swrtui.config.files import atomic_write, back_up, existing_mode, real_target

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")
_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)\s*=")


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed document and its text; a syntax error becomes a one-line ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason})", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror or exc}", path) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = _LINE_RE.search(str(exc))
        line = int(found.group(1)) if found else None
        problem = _LINE_RE.sub("", str(exc)).strip()
        key = _key_on_line(text, line) if line else ""
        raise ConfigError(f"invalid TOML: {problem}", path, line, key) from None
    except RecursionError:
        # tomllib recurses per nesting level: a 5000-deep array is no config anyone wrote.
        raise ConfigError("invalid TOML: nested too deeply", path) from None


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" else key


def _key_on_line(text: str, line: int) -> str:
    """The dotted key defined on ``line`` (with its table), or the table the line opens."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    table = ""
    for number, content in enumerate(lines[:line], start=1):
        header = _TABLE_LINE.match(content)
        if header:
            table = header.group(1).replace(" ", "")
            if number == line:
                return table
    content = lines[line - 1].strip()
    if content.startswith("["):  # a header too broken for _TABLE_LINE: name what it says
        return content.strip("[] ").replace(" ", "")
    match = _KEY_LINE.match(content)
    if not match:
        return ""
    key = _unquote(match.group(1))
    return f"{table}.{key}" if table else key


def locate(text: str, table: str, key: str) -> int | None:
    """The line defining ``key`` in ``[table]`` (``""`` = top level), for validation messages."""
    current = ""
    for number, content in enumerate(text.splitlines(), start=1):
        header = _TABLE_LINE.match(content)
        if header:
            current = ".".join(_unquote(p.strip()) for p in header.group(1).split("."))
            if not key and current == table:
                return number
            continue
        match = _KEY_LINE.match(content)
        if key and match and current == table and _unquote(match.group(1)) == key:
            return number
    return None


def _merge(table: MutableMapping[str, Any], values: Mapping[str, Any]) -> None:
    """Make ``table`` (a tomlkit container) hold ``values``, touching only what differs: keys
    and tables that stay keep their comments, order and formatting; a None value removes."""
    for key in [k for k in table if values.get(k) is None]:
        del table[key]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            if not isinstance(table.get(key), MutableMapping):
                # A table of tables ([profiles.NAME]) is written without an empty [profiles].
                nested = all(isinstance(v, Mapping) for v in value.values())
                table[key] = tomlkit.table(is_super_table=nested and bool(value))
            _merge(table[key], value)
        elif table.get(key) != value or type(table.get(key)) is not type(value):
            table[key] = value


def dumps(document: Mapping[str, Any], text: str = "") -> str:
    """``text`` (a TOML file, or nothing) changed to hold ``document``, in tomlkit's
    style-preserving way: the user's comments, key order and blank lines stay."""
    parsed = tomlkit.parse(text)
    _merge(parsed, document)
    return tomlkit.dumps(parsed)


def write(path: Path, document: Mapping[str, Any], header: str = "") -> Path | None:
    """Rewrite ``path`` to hold ``document``, keeping what the user wrote around it.

    A symlink is followed (the link keeps pointing at the file), the change is atomic, the
    mode is kept (0600 for a new file) and the first original is kept as ``NAME.bak``;
    returns that backup when one was written. ``header`` starts a new file only.
    """
    target = real_target(path)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    text = dumps(document, old if old.strip() else (header + "\n" if header else ""))
    if text == old:
        return None
    backup, _ = back_up(target)
    atomic_write(target, text, existing_mode(target))
    return backup
