"""``cleanup``: plan (dry run) and execute tag cleanups through :mod:`swrtui.services.cleanup`.

``cleanup plan demo/web --keep-last 5 --older-than 90d --keep 'release-*'`` lists what
would go; ``cleanup execute`` with the same rules deletes exactly that plan (asking first
unless ``--yes``), journaling every outcome so ``cleanup resume RUN`` can finish it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from swrtui.commands.args import TEXT, ArgError, Kind, Where
from swrtui.commands.format import human_bytes, plural, short_digest
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, Arg, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, error, message, record, table
from swrtui.commands.session import Confirm, Session
from swrtui.services import cleanup as service
from swrtui.services.cleanup import options
from swrtui.services.deletion import name_targets

REGISTRY.group("cleanup", "Tag cleanup: dry-run plans, confirmed execution, resume")

SCOPE = Kind("ORG[/REPO_GLOB]", lambda text, where: text, "location")


def _kind(option: options.RuleOption) -> Kind:
    """The command-language kind of a shared rule option (same parsing as the CLI's)."""

    def convert(text: str, where: Where) -> Any:
        try:
            return option.parse(text)
        except service.RuleError as exc:
            raise ArgError(str(exc)) from None

    return Kind(option.metavar, convert, "choice" if option.choices else "", option.choices)


def _opt(option: options.RuleOption) -> Arg:
    if option.is_flag:
        return opt(option.flag, help=option.help)
    return opt(option.flag, _kind(option), option.help, many=option.many)


RULES: tuple[Arg, ...] = (
    arg("scope", SCOPE, "org or org/repo, globs allowed (default: the context)", required=False),
    *(_opt(option) for option in options.RULE_OPTIONS),
)
PLAN_COLUMNS = (
    Column("reference"),
    Column("digest", kind="digest"),
    Column("size", kind="bytes"),
    Column("updated", kind="time"),
    Column("rule"),
    Column("effect"),
)
# How the tables word a deletion's effect (JSON keeps the plan's own spelling).
EFFECT_TEXT = {service.REMOVES_IMAGE: "removes image", service.NAME_ONLY: "name only"}


def _scope(scope: str | None, where: Where) -> str:
    if scope:
        return scope
    if where.org:
        return f"{where.org}/{where.repo}" if where.repo else where.org
    raise UsageError("cleanup: missing ORG[/REPO_GLOB] (argument 1): or `cd` into one first")


def rule_set(where: Where, values: dict[str, Any]) -> service.RuleSet:
    try:
        return options.rule_set(_scope(values["scope"], where), values)
    except service.RuleError as exc:
        raise UsageError(f"cleanup: {exc}") from None


def confirm_question(plan: service.Plan) -> str:
    """What a confirmation of ``plan`` asks: the tags by name and the plan's own bytes."""
    names = name_targets([item.reference for item in plan.items])
    return (
        f"Delete {plural(plan.count, 'tag')} "
        f"({human_bytes(plan.bytes_freed)} freed at most): {names}?"
    )


def plan_summary(plan: service.Plan, verb: str = "would be deleted") -> str:
    """The plan in one line, as every front end words it."""
    return (
        f"{plan.count} of {plural(plan.tags_scanned, 'tag')} in "
        f"{plural(plan.repositories, 'repository', 'repositories')} {verb}; {plan.kept} kept; "
        f"{plural(plan.images_removed, 'image')} removed for good, "
        f"{plural(plan.names_only, 'name')} dropped from images that stay; "
        f"{human_bytes(plan.bytes_listed)} listed, {human_bytes(plan.bytes_freed)} freed at most"
    )


def name_only_notes(plan: service.Plan) -> list[str]:
    """One line per image that stays: the names the plan drops from it and the kept tags it
    stays reachable through (SWR deletes by tag, so nothing of it is freed)."""
    dropped: dict[tuple[str, str, str], list[str]] = {}
    kept: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for item in plan.items:
        if not item.removes_image:
            dropped.setdefault(item.image_key, []).append(item.tag)
            kept[item.image_key] = item.kept_tags
    return [
        f"{org}/{repo}: deleting {', '.join(names)} drops names only: image "
        f"{short_digest(digest)} stays, tagged {', '.join(kept[(org, repo, digest)])}"
        for (org, repo, digest), names in dropped.items()
    ]


def plan_result(plan: service.Plan, title: str) -> Result:
    rows = [
        (i.reference, i.digest, i.size, i.updated, i.rule, EFFECT_TEXT[i.effect])
        for i in plan.items
    ]
    notes = [plan_summary(plan), *name_only_notes(plan)]
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
        "changed_since_plan": len(report.changed),
        "failed": len(report.failed),
        "not_attempted": len(report.not_attempted),
        "cancelled": report.cancelled,
        "journal": str(report.journal),
    }
    changes = {Changed("tags", i.org, i.repo) for i in (*report.deleted, *report.already_gone)}
    result = record(fields, title="Cleanup report").with_changes(*changes)
    notes = (
        *(f"changed since plan, kept: {item.reference}" for item in report.changed),
        *(f"failed: {ref}: {code}: {msg}" for ref, code, msg in rows),
    )
    return replace(result, notes=notes) if notes else result


@command(
    "cleanup execute",
    "Delete what `cleanup plan` lists, with a journal",
    *RULES,
    aliases=("run",),
    destructive=True,
    asks=True,
)
async def cleanup_execute(session: Session, ask: Confirm, **values: Any) -> Result:
    rules = rule_set(session.where, values)
    try:
        plan = await service.make_plan(session.client, rules)
    except service.IncompleteInventory as exc:
        return refused(exc, "cleanup execute")
    if not plan.items:
        return message("nothing to delete")
    # Asked once the plan exists, so the question names its tags and bytes; each item
    # carries the digest listed, so a tag pushed again while this waits is kept.
    if not await ask(confirm_question(plan)):
        return message("cancelled")
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
