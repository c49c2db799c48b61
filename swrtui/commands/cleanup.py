"""``cleanup``: plan (dry run) and execute tag cleanups through :mod:`swrtui.services.cleanup`.

``cleanup plan demo/web --keep-last 5 --older-than 90d --keep 'release-*'`` lists what
would go; ``cleanup execute`` with the same rules deletes exactly that plan (asking first
unless ``--yes``), journaling every outcome so ``cleanup resume RUN`` can finish it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from swrtui.commands.args import DURATION, INT, TEXT, Kind, Where, choice
from swrtui.commands.format import human_bytes
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, Arg, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, error, message, record, table
from swrtui.commands.session import Session
from swrtui.services import cleanup as service
from swrtui.services.cleanup.rules import DEFAULT_KEEP
from swrtui.services.deletion import name_targets

REGISTRY.group("cleanup", "Tag cleanup: dry-run plans, confirmed execution, resume")

SCOPE = Kind("ORG[/REPO_GLOB]", lambda text, where: text, "location")
RULES: tuple[Arg, ...] = (
    arg("scope", SCOPE, "org or org/repo, globs allowed (default: the context)", required=False),
    opt("--keep-last", INT, "keep the N newest tags of each repository"),
    opt("--older-than", DURATION, "delete tags older than this (30d, 12h, 2w)"),
    opt("--age", choice("updated", "created"), "which time --older-than reads (updated)"),
    opt("--include", TEXT, "only tags matching (glob, or re:REGEX); repeatable", many=True),
    opt("--exclude", TEXT, "never tags matching; repeatable", many=True),
    opt("--keep", TEXT, "also always keep these (latest always is); repeatable", many=True),
)
PLAN_COLUMNS = (
    Column("reference"),
    Column("digest", kind="digest"),
    Column("size", kind="bytes"),
    Column("updated", kind="time"),
    Column("rule"),
)


def _scope(scope: str | None, where: Where) -> str:
    if scope:
        return scope
    if where.org:
        return f"{where.org}/{where.repo}" if where.repo else where.org
    raise UsageError("cleanup: missing ORG[/REPO_GLOB] (argument 1): or `cd` into one first")


def _patterns(texts: list[str]) -> tuple[service.Pattern, ...]:
    return tuple(service.Pattern.parse(text) for text in texts)


def rule_set(where: Where, values: dict[str, Any]) -> service.RuleSet:
    try:
        orgs, repos = service.parse_scope(_scope(values["scope"], where))
        # --keep adds to the default (latest): keeping more is never the surprise.
        keep = (*DEFAULT_KEEP, *_patterns(values["keep"]))
        return service.RuleSet(
            orgs=orgs,
            repos=repos,
            include=_patterns(values["include"]),
            exclude=_patterns(values["exclude"]),
            keep=keep,
            older_than=values["older_than"],
            age_field=values["age"] or "updated",
            keep_last=values["keep_last"],
        )
    except service.RuleError as exc:
        raise UsageError(f"cleanup: {exc}") from None


def confirm_question(plan: service.Plan) -> str:
    """What a confirmation of ``plan`` asks: the tags by name and the plan's own bytes."""
    names = name_targets([item.reference for item in plan.items])
    return (
        f"Delete {plan.count} {'tag' if plan.count == 1 else 'tags'} "
        f"({human_bytes(plan.bytes_freed)} freed at most): {names}?"
    )


def plan_result(plan: service.Plan, title: str) -> Result:
    rows = [(i.reference, i.digest, i.size, i.updated, i.rule) for i in plan.items]
    notes = [
        f"{plan.count} of {plan.tags_scanned} tags in {plan.repositories} "
        f"{'repository' if plan.repositories == 1 else 'repositories'} would be deleted; "
        f"{plan.kept} kept; about {human_bytes(plan.bytes_freed)} freed",
        *(f"warning: {w.message}" for w in plan.warnings),
    ]
    return table(PLAN_COLUMNS, rows, title=title, notes=notes, document=plan.to_dict())


@command(
    "cleanup plan",
    "Show what a cleanup would delete (nothing is deleted)",
    *RULES,
    aliases=("dry-run", "preview"),
    default=True,
)
async def cleanup_plan(session: Session, **values: Any) -> Result:
    rules = rule_set(session.where, values)
    try:
        plan = await service.make_plan(session.client, rules)
    except service.IncompleteInventory as exc:
        return refused(exc, "cleanup plan")
    return plan_result(plan, f"Cleanup plan: {rules.describe()}")


def refused(exc: service.IncompleteInventory, name: str) -> Result:
    """No plan over a partial inventory ("keep the last N" would keep the wrong N): name
    every repository or page that could not be listed, each with its error."""
    lines = "; ".join(gap.line for gap in exc.gaps)
    text = f"{name}: refused, the inventory is incomplete ({lines}); run it again to retry"
    return replace(error(text, exc.code), missing=exc.gaps)


def _journal_dir(session: Session) -> Any:
    if session.journal_dir is None:
        raise UsageError("cleanup: no state directory for the journal in this session")
    return session.journal_dir


def _progress(session: Session) -> Any:
    def on_event(event: service.Event) -> None:
        if isinstance(event, service.TagFinished):
            session.notify(f"{event.done}/{event.total} {event.outcome} {event.item.reference}")

    return on_event


def report_result(report: service.Report) -> Result:
    rows = [(f.item.reference, f.error_code, f.message) for f in report.failed]
    fields = {
        "run": report.run_id,
        "deleted": len(report.deleted),
        "already_gone": len(report.already_gone),
        "failed": len(report.failed),
        "not_attempted": len(report.not_attempted),
        "cancelled": report.cancelled,
        "journal": str(report.journal),
    }
    changes = {Changed("tags", i.org, i.repo) for i in (*report.deleted, *report.already_gone)}
    result = record(fields, title="Cleanup report").with_changes(*changes)
    if rows:
        notes = tuple(f"failed: {ref}: {code}: {msg}" for ref, code, msg in rows)
        return replace(result, notes=notes)
    return result


@command(
    "cleanup execute",
    "Delete what `cleanup plan` lists, with a journal",
    *RULES,
    aliases=("run",),
    destructive=True,
)
async def cleanup_execute(session: Session, **values: Any) -> Result:
    rules = rule_set(session.where, values)
    try:
        plan = await service.make_plan(session.client, rules)
    except service.IncompleteInventory as exc:
        return refused(exc, "cleanup execute")
    if not plan.items:
        return message("nothing to delete")
    report = await service.execute_plan(
        session.client,
        plan,
        confirmed=True,
        journal_dir=_journal_dir(session),
        on_event=_progress(session),
        profile=session.profile,
    )
    return report_result(report)


@command(
    "cleanup resume",
    "Finish an interrupted cleanup run from its journal",
    arg("run", TEXT, "run id, or latest"),
    destructive=True,
)
async def cleanup_resume(session: Session, run: str) -> Result:
    try:
        path = service.find_journal(_journal_dir(session), run)
        report = await service.resume(
            session.client, path, confirmed=True, on_event=_progress(session),
            profile=session.profile,
        )  # fmt: skip
    except service.JournalError as exc:
        raise UsageError(f"cleanup resume: {exc}") from None
    return report_result(report)
