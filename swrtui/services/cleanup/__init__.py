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
"""

from __future__ import annotations

from swrtui.services.cleanup.execute import (
    ConfirmationRequired,
    Event,
    Failure,
    Finished,
    Report,
    Started,
    TagFinished,
    execute_plan,
    resume,
    target_of,
)
from swrtui.services.cleanup.journal import (
    JournalBusy,
    JournalError,
    JournalState,
    WrongTarget,
    check_target,
    find_journal,
    list_journals,
    read_journal,
)
from swrtui.services.cleanup.patterns import Pattern, RuleError, parse_duration
from swrtui.services.cleanup.plan import (
    BYTES_NOTE,
    NAME_ONLY,
    REMOVES_IMAGE,
    IncompleteInventory,
    NothingInScope,
    Plan,
    PlannedDeletion,
    make_plan,
    plan_rules,
)
from swrtui.services.cleanup.retention import (
    NoPolicy,
    PolicyExport,
    export_policy,
    preview_repository,
    preview_retention,
)
from swrtui.services.cleanup.rules import BadScope, RuleSet, parse_scope, select

__all__ = [
    "BYTES_NOTE",
    "NAME_ONLY",
    "REMOVES_IMAGE",
    "BadScope",
    "ConfirmationRequired",
    "Event",
    "Failure",
    "Finished",
    "IncompleteInventory",
    "JournalBusy",
    "JournalError",
    "JournalState",
    "NoPolicy",
    "NothingInScope",
    "Pattern",
    "Plan",
    "PlannedDeletion",
    "PolicyExport",
    "Report",
    "RuleError",
    "RuleSet",
    "Started",
    "TagFinished",
    "WrongTarget",
    "check_target",
    "execute_plan",
    "export_policy",
    "find_journal",
    "list_journals",
    "make_plan",
    "parse_duration",
    "parse_scope",
    "plan_rules",
    "preview_repository",
    "preview_retention",
    "read_journal",
    "resume",
    "select",
    "target_of",
]
