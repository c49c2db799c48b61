"""Reading and writing the small TOML files swrtui owns (top-level keys plus flat tables).

Reading uses ``tomllib`` (``tomli`` on Python 3.10) and turns its decode errors into
:class:`ConfigError` with the line and, when the line has one, the key. Writing is a minimal,
correct emitter for the shape swrtui writes: scalars (str, bool, int) at the top and in
tables one level down, e.g. ``[profiles.prod]``. Files are replaced atomically, mode 0600.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from swrtui.config.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Scalar = str | bool | int

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")
_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)\s*=")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


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


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else _string(name)


def _string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps(document: Mapping[str, Any]) -> str:
    """TOML text for top-level scalars and ``{table: {subtable: {key: scalar}}}`` mappings."""
    lines = [
        f"{_key(k)} = {_scalar(v)}"
        for k, v in document.items()
        if v is not None and not isinstance(v, Mapping)
    ]
    for name, table in document.items():
        if not isinstance(table, Mapping):
            continue
        for sub, values in table.items():
            if not isinstance(values, Mapping):
                raise TypeError(f"{name}.{sub}: only tables of tables are supported")
            lines.append("")
            lines.append(f"[{_key(name)}.{_key(sub)}]")
            lines.extend(f"{_key(k)} = {_scalar(v)}" for k, v in values.items() if v is not None)
    return "\n".join(lines).lstrip("\n") + "\n"


def write(path: Path, document: Mapping[str, Any], header: str = "") -> None:
    """Replace ``path`` atomically with ``document`` (private: mode 0600, parents 0700)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = (header + "\n" if header else "") + dumps(document)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
