"""``swrtui cleanup``: argument handling and printing over :mod:`swrtui.services.cleanup`,
the service the TUI and the REPL call too.

The plan and reports go to stdout; progress goes to stderr. Errors reach
:func:`swrtui.cli.main`, which prints them as one line ``swrtui: CODE: message``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from swrtui import clock
from swrtui.cli.bootstrap import Connected, connect, journal_dir, resolve_settings
from swrtui.cli.console import err, secret_prompt, show_waits, wants_json
from swrtui.client import SwrClient
from swrtui.commands.cleanup import confirm_question, plan_result
from swrtui.commands.format import plural
from swrtui.commands.render import render_table
from swrtui.services import cleanup
from swrtui.services.cleanup import Plan, Report, RuleSet, options
from swrtui.services.errors import BadArgument


def _connect(args: argparse.Namespace) -> Connected:
    connected = connect(resolve_settings(args), secret_prompt())
    show_waits(connected.client)
    return connected


def rules_from_args(args: argparse.Namespace) -> RuleSet:
    values = options.parse_values({o.key: getattr(args, o.key) for o in options.RULE_OPTIONS})
    return options.rule_set(args.scope, values)


def print_plan(plan: Plan) -> None:
    """The plan as the REPL shows it: a headed, aligned table, then totals and the images
    that only lose names."""
    print(render_table(plan_result(plan, "")))


def _confirm(args: argparse.Namespace, plan: Plan) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise BadArgument(
            f"refusing to delete {plural(plan.count, 'tag')} without --yes: stdin is not a terminal"
        )
    answer = input(f"{confirm_question(plan)} Type 'yes' to go on: ").strip().lower()
    return answer == "yes"


def resume_command(run_id: str) -> str:
    """The full command that finishes ``run_id`` (every hint prints exactly this)."""
    return f"swrtui cleanup --resume {run_id} --execute --yes"


def _progress(event: cleanup.Event) -> None:
    if isinstance(event, cleanup.Started):
        err(f"run {event.run_id}: {plural(event.total, 'tag')}; journal {event.journal}")
    elif isinstance(event, cleanup.TagFinished):
        failure = event.failure
        outcome = f"FAILED {failure.error_code}: {failure.message}" if failure else event.outcome
        err(f"[{event.done}/{event.total}] {event.item.reference}: {outcome}")


def print_report(report: Report) -> int:
    print(
        f"Run {report.run_id}: {len(report.deleted)} deleted, {len(report.already_gone)} "
        f"already gone, {len(report.changed)} changed since plan (kept), "
        f"{len(report.failed)} failed, {len(report.not_attempted)} not tried"
    )
    for item in report.changed:
        print(f"  changed since plan, kept: {item.reference}")
    for failure in report.failed:
        print(f"  failed {failure.item.reference}: {failure.error_code} (HTTP {failure.status})")
    if not report.ok:
        print(f"Resume with: {resume_command(report.run_id)}")
    return 0 if report.ok else 1


async def _execute(args: argparse.Namespace, client: SwrClient, plan: Plan, profile: str) -> int:
    """Confirm and delete; with --json one document ``{"plan", "report"}`` on stdout."""
    as_json = wants_json(args)
    if not as_json:
        print_plan(plan)
    report = None
    if plan.count and _confirm(args, plan):
        report = await cleanup.execute_plan(
            client, plan, confirmed=True, journal_dir=journal_dir(),
            concurrency=args.concurrency, on_event=_progress, profile=profile,
        )  # fmt: skip
    if as_json:
        print(json.dumps({"plan": plan.to_dict(), "report": report and report.to_dict()}))
    elif report is not None:
        print_report(report)
    else:
        err("nothing to delete" if not plan.count else "nothing was deleted")
    if report is None:
        return 0 if not plan.count else 1
    return 0 if report.ok else 1


def _pending_plan(state: cleanup.JournalState) -> Plan:
    """What is left of a run, as a plan to show (its bytes: the images of the pending tags
    that the plan marked as removed for good, each once)."""
    pending = tuple(state.pending())
    return Plan(
        items=pending, created_at=clock.now(), repositories=len(
            {(item.org, item.repo) for item in pending}
        ), tags_scanned=len(state.planned), bytes_freed=sum(
            {item.image_key: item.size for item in pending if item.removes_image}.values()
        ),
    )  # fmt: skip


async def _resume(args: argparse.Namespace) -> int:
    """Without --execute, show what is left and change nothing; with it, confirm and finish."""
    state = cleanup.read_journal(cleanup.find_journal(journal_dir(), args.resume))
    left = _pending_plan(state)
    err(f"run {state.run_id}: {left.count} of {len(state.planned)} planned tags still to delete")
    if not args.execute:
        print_plan(left)
        print(f"Dry run: nothing was deleted. To finish it: {resume_command(state.run_id)}")
        return 0
    connected = _connect(args)
    async with connected.client as client:
        target = cleanup.target_of(client, connected.profile.name)
        cleanup.check_target(state, target)
        if left.count and not _confirm(args, left):
            err("nothing was deleted")
            return 1
        report = await cleanup.resume(
            client, state, confirmed=True, concurrency=args.concurrency, on_event=_progress,
            profile=connected.profile.name,
        )  # fmt: skip
    if wants_json(args):
        print(json.dumps(report.to_dict()))
        return 0 if report.ok else 1
    return print_report(report)


async def _cleanup(args: argparse.Namespace) -> int:
    if args.resume:
        return await _resume(args)
    if not args.scope:
        raise BadArgument("give ORG/REPO_GLOB (or --resume RUN)")
    rules = rules_from_args(args)
    connected = _connect(args)
    async with connected.client as client:
        plan = await cleanup.make_plan(client, rules)
        if not args.execute:
            if wants_json(args):
                print(json.dumps(plan.to_dict()))
            else:
                print_plan(plan)
                print("Dry run: nothing was deleted. Add --execute to delete.")
            return 0
        return await _execute(args, client, plan, connected.profile.name)


def run_cleanup(args: argparse.Namespace) -> int:
    return asyncio.run(_cleanup(args))
