"""What a new or moved tag sets off: matching triggers fire and automatic syncs run.

Both the push control endpoint and the retag API land a tag, so both call
:func:`tag_landed` rather than knowing about triggers and sync themselves.
"""

from __future__ import annotations

from datetime import datetime

from swrtui.emulator.handlers.sync import auto_sync
from swrtui.emulator.handlers.triggers import fire_triggers
from swrtui.emulator.store import EmulatorState, Namespace, Repository, User


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
