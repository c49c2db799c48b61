"""Named starting states for the emulator: ``empty``, ``demo`` and ``large:ORGSxREPOSxTAGS``.

Seeds are deterministic: the same name gives the same data in ``swrtui demo`` and
``swrtui emulator --seed demo``. The credentials common to every seed are defined in
:mod:`swrtui.emulator.state.tenants` and offered here too, since callers that build a seed
usually sign in with them.
"""

from __future__ import annotations

from swrtui.emulator.state.seed_demo import demo_state
from swrtui.emulator.state.seed_large import large_state, parse_large_spec
from swrtui.emulator.state.store import EmulatorState
from swrtui.emulator.state.tenants import (
    DEMO_ADMIN_AK,
    DEMO_ADMIN_NAME,
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_SK,
    DEMO_DOMAIN_ID,
    DEMO_DOMAIN_NAME,
    DEMO_PROJECT_ID,
    DEMO_PROJECT_NAME,
    PARTNER_DOMAIN_ID,
    PARTNER_DOMAIN_NAME,
    PARTNER_PROJECT_ID,
    tenants,
)

__all__ = [
    "DEMO_ADMIN_AK",
    "DEMO_ADMIN_NAME",
    "DEMO_ADMIN_PASSWORD",
    "DEMO_ADMIN_SK",
    "DEMO_DOMAIN_ID",
    "DEMO_DOMAIN_NAME",
    "DEMO_PROJECT_ID",
    "DEMO_PROJECT_NAME",
    "PARTNER_DOMAIN_ID",
    "PARTNER_DOMAIN_NAME",
    "PARTNER_PROJECT_ID",
    "build",
    "tenants",
]


def build(spec: str) -> EmulatorState:
    """The state for a seed name; raises ValueError for an unknown one."""
    if spec == "empty":
        return tenants()
    if spec == "demo":
        return demo_state()
    if spec.startswith("large"):
        return large_state(*parse_large_spec(spec))
    raise ValueError(
        f"unknown seed {spec!r}: use empty, demo, large:REPOSxTAGS or large:ORGSxREPOSxTAGS"
    )
