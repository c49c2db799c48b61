"""The ``demo`` seed: a realistic, deterministic tenant to browse with no cloud account."""

from __future__ import annotations

from datetime import datetime, timezone

from swrtui.emulator.seeds import tenants
from swrtui.emulator.store import EmulatorState, Namespace

EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)


def demo_state() -> EmulatorState:
    state = tenants()
    admin = state.domains["0a1b2c3d4e5f4a5b8c9d0e1f2a3b4c5d"].users["u-admin-0001"]
    for name in ("demo", "platform"):
        state.namespaces[name] = Namespace(
            id=state.next_id(),
            name=name,
            domain_id=admin.domain_id,
            creator_id=admin.id,
            creator_name=admin.name,
            created=EPOCH,
        )
    return state
