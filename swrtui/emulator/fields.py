"""Readers for the fields of a decoded JSON body: typed values, or the service's 400s.

Plain dictionaries in, so handlers and the backend (which knows nothing of requests) share
one set of rules for missing, empty and mistyped fields.
"""

from __future__ import annotations

from typing import Any

from swrtui.emulator import errors


def required_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None or value == "":
        raise errors.missing_parameter(name)
    if not isinstance(value, str):
        raise errors.invalid_parameter(f"{name} must be a string")
    return value


def optional_str(body: dict[str, Any], name: str, default: str = "") -> str:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise errors.invalid_parameter(f"{name} must be a string")
    return value


def optional_bool(body: dict[str, Any], name: str, default: bool = False) -> bool:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise errors.invalid_parameter(f"{name} must be true or false")
    return value


def required_bool(body: dict[str, Any], name: str) -> bool:
    if body.get(name) is None:
        raise errors.missing_parameter(name)
    return optional_bool(body, name)
