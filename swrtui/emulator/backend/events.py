"""What a new or moved tag sets off: matching triggers fire and automatic syncs run.

Both the control push and the retag API land a tag (through
:mod:`swrtui.emulator.backend.images`), so both reach triggers and sync through
:func:`tag_landed` rather than knowing about them.
"""

from __future__ import annotations

from datetime import datetime

from swrtui.emulator.backend.sync import auto_sync
from swrtui.emulator.backend.triggers import fire_triggers
from swrtui.emulator.state.store import EmulatorState, Namespace, Repository, User


def tag_landed(
    state: EmulatorState,
    ns: Namespace,
    repo: Repository,
    tag_name: str,
    operator: User,
    when: datetime,
) -> None:
    fire_triggers(state, ns, repo, tag_name, when)
    auto_sync(state, repo, tag_name, operator, when)
