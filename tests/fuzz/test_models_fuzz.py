"""Every client model's ``from_api`` on malformed, mistyped and oversized documents.

Clean error, for the models: none. ``models/_parse.py`` promises lenient readers ("so
``from_api`` never crashes"): whatever JSON arrives, ``from_api`` returns an instance whose
fields have their declared types (a missing or mistyped value becomes the default). The
models are discovered from the package, so a new one is fuzzed without touching this file;
the keys each parser reads are harvested from its module's source, so the generated
documents hit the real fields (with the wrong types) most of the time.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import types
import typing
from datetime import date, datetime
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import swrtui.client.models as models_package
from swrtui.redaction import Secret
from tests.fuzz.strategies import documents, json_values, over_the_wire, time_like

pytestmark = pytest.mark.fuzz


def _model_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(models_package.__path__):
        module = importlib.import_module(f"{models_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "from_api" in vars(cls):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


MODELS = _model_classes()
# The ~20 models share the budget: 50 documents each by default, 2,500 in the long run.
PER_MODEL = max(50, settings.default.max_examples // 4)
_KEY_RE = re.compile(r'"([A-Za-z][A-Za-z0-9_-]*)"')


def _wire_keys(cls: type) -> list[str]:
    """The string literals of the model's module that look like JSON keys."""
    source = inspect.getsource(inspect.getmodule(cls))  # type: ignore[arg-type]
    return sorted(set(_KEY_RE.findall(source)))


def _type_ok(value: Any, hint: Any) -> bool:
    """Whether ``value`` fits a field annotation (checked for the plain types only)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, arm) for arm in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, float)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint in (str, bool, datetime, date, Secret):
        return isinstance(value, hint)
    if origin is tuple:
        return isinstance(value, tuple)
    return True  # nested models and mappings: their own from_api is fuzzed separately


def _field_names(instance: Any) -> list[str]:
    """The stored fields of a dataclass or a msgspec Struct (compact listing models)."""
    if isinstance(instance, msgspec.Struct):
        return [field.name for field in msgspec.structs.fields(instance)]
    return [field.name for field in dataclasses.fields(instance)]


def _check_fields(instance: Any) -> None:
    hints = typing.get_type_hints(type(instance))
    for name in _field_names(instance):
        value = getattr(instance, name)
        assert _type_ok(value, hints[name]), (name, value)


def test_every_model_module_is_covered() -> None:
    names = {cls.__name__ for cls in MODELS}
    # The areas' main models: if discovery broke, this says so instead of fuzzing nothing.
    assert {"Tag", "Repository", "Organization", "Retention", "Trigger", "SyncJob"} <= names
    assert len(MODELS) >= 15


@pytest.mark.parametrize("model", MODELS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
@settings(max_examples=PER_MODEL)
@given(data=st.data())
def test_from_api_takes_any_document(model: type, data: st.DataObject) -> None:
    keys = _wire_keys(model)
    document = over_the_wire(data.draw(st.one_of(documents(keys), json_values), label="doc"))
    if "headers" in inspect.signature(model.from_api).parameters:
        raw = data.draw(st.dictionaries(st.sampled_from(keys), time_like.map(str)), label="hdr")
        headers = httpx.Headers({k: v.encode("utf-8", "replace") for k, v in raw.items()})
        result = model.from_api(document if isinstance(document, dict) else {}, headers)
        if result is None:
            return
    else:
        result = model.from_api(document)
    assert isinstance(result, model)
    _check_fields(result)
