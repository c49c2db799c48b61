"""The emulator's state as a JSON-ready document, and back.

Generic over the store's dataclasses: fields are walked with :func:`dataclasses.fields` and
decoded by their annotations (:func:`typing.get_type_hints`), so a field added to
``store.py`` later is saved and restored with no change here. Datetimes travel as ISO 8601
strings, dictionaries keep their key types (``dict[int, ...]`` keys come back as ints), and
the id counter keeps its position so ids handed out after a restore never collide.

``include_secrets=False`` masks what must not leave the process in a dump (users' secret keys
and passwords, token values); such a document cannot be restored.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, Union

from swrtui.emulator.state.store import EmulatorState, Token, User

FORMAT = "swrtui-emulator-state"
VERSION = 1
MASK = "********"
# Per dataclass, the fields a dump without secrets masks.
SECRET_FIELDS: dict[type, tuple[str, ...]] = {
    User: ("secret_key", "password", "security_token"),
    Token: ("value",),
}


def to_document(state: EmulatorState, include_secrets: bool) -> dict[str, Any]:
    """Everything in ``state`` as plain JSON types."""
    encoded = _encode(state, include_secrets)
    if not include_secrets:
        # Token values are also the map's keys.
        encoded["tokens"] = {f"token-{n}": t for n, t in enumerate(encoded["tokens"].values(), 1)}
    return {"format": FORMAT, "version": VERSION, "secrets": include_secrets, "state": encoded}


def from_document(doc: dict[str, Any]) -> EmulatorState:
    """Rebuild a state; raises ValueError for a document of another kind or a masked one."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError("not a swrtui emulator state document")
    if doc.get("version") != VERSION:
        raise ValueError(f"unsupported state document version {doc.get('version')!r}")
    if not doc.get("secrets"):
        raise ValueError("this state document has its secrets masked and cannot be restored")
    state = _decode(doc["state"], EmulatorState, "state")
    assert isinstance(state, EmulatorState)
    return state


# --- encoding ------------------------------------------------------------------------------


def _encode(value: Any, include_secrets: bool) -> Any:
    # Scalars first: they are most of the document, and this runs after every change.
    if value is None or type(value) in _SCALARS:
        return value
    if type(value) in _FIELD_NAMES or dataclasses.is_dataclass(value):
        return _encode_dataclass(value, include_secrets)
    if isinstance(value, dict):
        return {str(_encode(k, True)): _encode(v, include_secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item, include_secrets) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_encode(item, include_secrets) for item in value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return _encode(value.value, include_secrets)
    if isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot snapshot a {type(value).__name__}")


_SCALARS = frozenset((str, int, float, bool))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _encode_dataclass(obj: Any, include_secrets: bool) -> dict[str, Any]:
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(
            f.name for f in dataclasses.fields(obj) if f.metadata.get("snapshot", True)
        )
    masked = () if include_secrets else SECRET_FIELDS.get(cls, ())
    encoded: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, itertools.count):
            value = _counter_position(obj, name, value)
        encoded[name] = MASK if name in masked else _encode(value, include_secrets)
    return encoded


def _counter_position(owner: Any, name: str, counter: itertools.count[int]) -> int:
    """The next value the counter would give, leaving the owner an identical counter."""
    position = next(counter)
    setattr(owner, name, itertools.count(position))
    return position


# --- decoding ------------------------------------------------------------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is Any:
        return value
    if origin in (Union, types.UnionType):
        return _decode_union(value, typing.get_args(hint), where)
    if origin is dict:
        key_type, value_type = typing.get_args(hint) or (str, Any)
        _expect(value, dict, where)
        return {
            _decode_key(k, key_type, where): _decode(v, value_type, f"{where}.{k}")
            for k, v in value.items()
        }
    if origin in (list, tuple, set, frozenset):
        _expect(value, list, where)
        args = [a for a in typing.get_args(hint) if a is not Ellipsis] or [Any]
        return origin(_decode(item, args[0], f"{where}[{i}]") for i, item in enumerate(value))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decode_dataclass(value, hint, where)
    return _decode_scalar(value, hint, where)


def _decode_union(value: Any, options: tuple[Any, ...], where: str) -> Any:
    if value is None and type(None) in options:
        return None
    failures = []
    for option in options:
        if option is type(None):
            continue
        try:
            return _decode(value, option, where)
        except (TypeError, ValueError) as exc:
            failures.append(str(exc))
    raise ValueError("; ".join(failures) or f"{where}: no type accepts {value!r}")


def _decode_dataclass(value: Any, cls: type, where: str) -> Any:
    _expect(value, dict, where)
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    # Keys absent from an older document fall back to the field's default.
    known = {
        name: _decode(value[name], hints[name], f"{where}.{name}")
        for name in fields
        if name in value and fields[name].metadata.get("snapshot", True)
    }
    obj = cls(**{name: v for name, v in known.items() if fields[name].init})
    for name, v in known.items():
        if not fields[name].init:
            setattr(obj, name, v)
    return obj


def _decode_key(key: str, key_type: Any, where: str) -> Any:
    if key_type is int:
        try:
            return int(key)
        except ValueError:
            raise ValueError(f"{where}: key {key!r} is not an integer") from None
    return _decode(key, key_type, where)


def _decode_scalar(value: Any, hint: Any, where: str) -> Any:
    if hint is datetime:
        _expect(value, str, where)
        return datetime.fromisoformat(value)
    if hint is itertools.count:
        _expect(value, int, where)
        return itertools.count(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(hint, type):
        _expect(value, hint, where)
        return value
    raise TypeError(f"{where}: cannot restore a field annotated {hint!r}")


def _expect(value: Any, kind: type, where: str) -> None:
    # bool is an int in Python but never one in these documents.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
