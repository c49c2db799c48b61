"""Tag cleanup: rules → plan (the dry run) → confirmed execution with a journal → report.

::

    rules = RuleSet(orgs=..., repos=..., keep_last=5, older_than=parse_duration("90d"),
                    keep=(Pattern.parse("latest"), Pattern.parse("release-*")))
    plan = await make_plan(client, rules)              # lists, deletes nothing
    report = await execute_plan(client, plan, confirmed=True, journal_dir=d, on_event=cb)
    report = await resume(client, find_journal(d, "latest"), confirmed=True)

Modules: ``patterns`` (globs, regexes, durations), ``rules`` (rule sets, the pure selection
engine), ``plan`` (plans, totals, shared-digest warnings), ``journal`` (JSONL per run),
``execute`` (bounded concurrent deletes, events, report), ``retention`` (SWR retention
policy preview and export through the same engine).

The names below are loaded on first use (PEP 562): the command line builds its options from
``options`` and ``rules`` without paying for the client that ``execute`` and ``plan`` import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads it
    from swrtui.services.cleanup.execute import (
        ConfirmationRequired as ConfirmationRequired,
    )
    from swrtui.services.cleanup.execute import (
        Event as Event,
    )
    from swrtui.services.cleanup.execute import (
        Failure as Failure,
    )
    from swrtui.services.cleanup.execute import (
        Finished as Finished,
    )
    from swrtui.services.cleanup.execute import (
        Report as Report,
    )
    from swrtui.services.cleanup.execute import (
        Started as Started,
    )
    from swrtui.services.cleanup.execute import (
        TagFinished as TagFinished,
    )
    from swrtui.services.cleanup.execute import (
        execute_plan as execute_plan,
    )
    from swrtui.services.cleanup.execute import (
        resume as resume,
    )
    from swrtui.services.cleanup.execute import (
        target_of as target_of,
    )
    from swrtui.services.cleanup.journal import (
        JournalBusy as JournalBusy,
    )
    from swrtui.services.cleanup.journal import (
        JournalError as JournalError,
    )
    from swrtui.services.cleanup.journal import (
        JournalState as JournalState,
    )
    from swrtui.services.cleanup.journal import (
        WrongTarget as WrongTarget,
    )
    from swrtui.services.cleanup.journal import (
        check_target as check_target,
    )
    from swrtui.services.cleanup.journal import (
        find_journal as find_journal,
    )
    from swrtui.services.cleanup.journal import (
        list_journals as list_journals,
    )
    from swrtui.services.cleanup.journal import (
        read_journal as read_journal,
    )
    from swrtui.services.cleanup.patterns import (
        Pattern as Pattern,
    )
    from swrtui.services.cleanup.patterns import (
        RuleError as RuleError,
    )
    from swrtui.services.cleanup.patterns import (
        parse_duration as parse_duration,
    )
    from swrtui.services.cleanup.plan import (
        BYTES_NOTE as BYTES_NOTE,
    )
    from swrtui.services.cleanup.plan import (
        DigestWarning as DigestWarning,
    )
    from swrtui.services.cleanup.plan import (
        IncompleteInventory as IncompleteInventory,
    )
    from swrtui.services.cleanup.plan import (
        NothingInScope as NothingInScope,
    )
    from swrtui.services.cleanup.plan import (
        Plan as Plan,
    )
    from swrtui.services.cleanup.plan import (
        PlannedDeletion as PlannedDeletion,
    )
    from swrtui.services.cleanup.plan import (
        make_plan as make_plan,
    )
    from swrtui.services.cleanup.plan import (
        plan_rules as plan_rules,
    )
    from swrtui.services.cleanup.retention import (
        NoPolicy as NoPolicy,
    )
    from swrtui.services.cleanup.retention import (
        PolicyExport as PolicyExport,
    )
    from swrtui.services.cleanup.retention import (
        export_policy as export_policy,
    )
    from swrtui.services.cleanup.retention import (
        preview_repository as preview_repository,
    )
    from swrtui.services.cleanup.retention import (
        preview_retention as preview_retention,
    )
    from swrtui.services.cleanup.rules import (
        BadScope as BadScope,
    )
    from swrtui.services.cleanup.rules import (
        RuleSet as RuleSet,
    )
    from swrtui.services.cleanup.rules import (
        parse_scope as parse_scope,
    )
    from swrtui.services.cleanup.rules import (
        select as select,
    )

# Exported name -> the module of this package that defines it.
_EXPORTS = {
    "BYTES_NOTE": "plan",
    "BadScope": "rules",
    "ConfirmationRequired": "execute",
    "DigestWarning": "plan",
    "Event": "execute",
    "Failure": "execute",
    "Finished": "execute",
    "IncompleteInventory": "plan",
    "JournalBusy": "journal",
    "JournalError": "journal",
    "JournalState": "journal",
    "NoPolicy": "retention",
    "NothingInScope": "plan",
    "Pattern": "patterns",
    "Plan": "plan",
    "PlannedDeletion": "plan",
    "PolicyExport": "retention",
    "Report": "execute",
    "RuleError": "patterns",
    "RuleSet": "rules",
    "Started": "execute",
    "TagFinished": "execute",
    "WrongTarget": "journal",
    "check_target": "journal",
    "execute_plan": "execute",
    "export_policy": "retention",
    "find_journal": "journal",
    "list_journals": "journal",
    "make_plan": "plan",
    "parse_duration": "patterns",
    "parse_scope": "rules",
    "plan_rules": "plan",
    "preview_repository": "retention",
    "preview_retention": "retention",
    "read_journal": "journal",
    "resume": "execute",
    "select": "rules",
    "target_of": "execute",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
