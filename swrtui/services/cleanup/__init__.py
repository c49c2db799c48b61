"""Tag cleanup: rules → plan (the dry run) → confirmed execution with a journal → report.

::

    rules = RuleSet(orgs=..., repos=..., keep_last=5, older_than=parse_duration("90d"),
                    keep=(Pattern.parse("latest"), Pattern.parse("release-*")))
    plan = await make_plan(client, rules)              # lists, deletes nothing
    report = await execute_plan(client, plan, confirmed=True, journal_dir=d, on_event=cb)
    report = await resume(client, find_journal(d, "latest"), confirmed=True)

Modules: ``patterns`` (globs, regexes, durations), ``rules`` (rule sets, the pure selection
engine), ``plan`` (plans, totals, each deletion marked: it removes the image or only a
name), ``journal`` (JSONL per run),
``execute`` (bounded concurrent deletes, events, report), ``retention`` (SWR retention
policy preview and export through the same engine).

Names are loaded on first use (PEP 562): the command line builds its options from
``options`` and ``rules`` without paying for the client that ``execute`` and ``plan`` import.
"""

# ruff: noqa: I001 - one re-export statement per module (``X as X``), kept together.
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ finds the name
    from swrtui.services.cleanup.execute import (
        ConfirmationRequired as ConfirmationRequired,
        Event as Event,
        Failure as Failure,
        Finished as Finished,
        Report as Report,
        Started as Started,
        TagFinished as TagFinished,
        execute_plan as execute_plan,
        resume as resume,
        target_of as target_of,
    )
    from swrtui.services.cleanup.journal import (
        JournalBusy as JournalBusy,
        JournalError as JournalError,
        JournalState as JournalState,
        WrongTarget as WrongTarget,
        check_target as check_target,
        find_journal as find_journal,
        list_journals as list_journals,
        read_journal as read_journal,
    )
    from swrtui.services.cleanup.patterns import (
        Pattern as Pattern,
        RuleError as RuleError,
        parse_duration as parse_duration,
    )
    from swrtui.services.cleanup.plan import (
        BYTES_NOTE as BYTES_NOTE,
        NAME_ONLY as NAME_ONLY,
        REMOVES_IMAGE as REMOVES_IMAGE,
        IncompleteInventory as IncompleteInventory,
        NothingInScope as NothingInScope,
        Plan as Plan,
        PlannedDeletion as PlannedDeletion,
        make_plan as make_plan,
        plan_rules as plan_rules,
    )
    from swrtui.services.cleanup.retention import (
        NoPolicy as NoPolicy,
        PolicyExport as PolicyExport,
        export_policy as export_policy,
        preview_repository as preview_repository,
        preview_retention as preview_retention,
    )
    from swrtui.services.cleanup.rules import (
        BadScope as BadScope,
        RuleSet as RuleSet,
        parse_scope as parse_scope,
        select as select,
    )

# Searched in this order: the cheap, client-free modules first.
_MODULES = ("patterns", "rules", "journal", "plan", "retention", "execute")


def __getattr__(name: str) -> Any:
    for module in _MODULES:
        found = importlib.import_module(f"{__name__}.{module}")
        if name in vars(found) and not name.startswith("_"):
            return vars(found)[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
