"""Runners for ``swrtui login`` and ``swrtui cleanup``: argument handling and printing only.

The work is done by :mod:`swrtui.services.login` and :mod:`swrtui.services.cleanup`, the
same services the TUI and the REPL call. Documents (``--json``, manifests) go to stdout;
progress and notes go to stderr. Errors are one line ``swrtui: CODE: message``.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from swrtui.bootstrap import Settings, build_client, credentials_for, resolve_settings
from swrtui.client import SwrClient
from swrtui.commands.render import human_bytes
from swrtui.config import credentials as creds
from swrtui.config.locations import state_dir
from swrtui.services import cleanup, login
from swrtui.services.cleanup import Pattern, Plan, Report, RuleSet

JOURNAL_SUBDIR = "cleanup"
# Service errors whose message is the whole story → the code printed before it.
_ERROR_CODES: dict[type[Exception], str] = {
    cleanup.RuleError: "CLEANUP.BAD_RULE",
    cleanup.JournalError: "CLEANUP.JOURNAL",
    cleanup.IncompleteInventory: cleanup.IncompleteInventory.code,
    login.DockerConfigError: "LOGIN.DOCKER_CONFIG",
    ValueError: "BAD_ARGUMENT",
}


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _run(work: Callable[[], Any]) -> int:
    try:
        return int(asyncio.run(work()))
    except tuple(_ERROR_CODES) as exc:
        code = next(c for kind, c in _ERROR_CODES.items() if isinstance(exc, kind))
        _err(f"swrtui: {code}: {exc}")
        return 2


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _client(settings: Settings) -> SwrClient:
    ask = getpass.getpass if sys.stdin.isatty() else None
    credentials = credentials_for(settings, ask=ask, session=creds.SessionStore())
    return build_client(settings, credentials)


# --- login ---------------------------------------------------------------------------------


async def _credentials(args: argparse.Namespace, settings: Settings) -> login.DockerCredentials:
    if not args.long_term:
        async with _client(settings) as client:
            return await login.temporary_login(client)
    if settings.profile.auth != "aksk":
        raise ValueError("a long-term login is computed from an AK/SK: use an aksk profile")
    found = credentials_for(settings, ask=getpass.getpass if sys.stdin.isatty() else None)
    if found.security_token:
        raise ValueError("temporary AK/SK (with a security token) cannot make a long-term login")
    if not found.ak or not found.sk:
        raise ValueError("a long-term login needs the profile's AK and SK")
    return login.long_term_login(
        settings.region, found.ak, found.sk, settings.profile.registry_host
    )


def _show_login(credentials: login.DockerCredentials, show: bool) -> None:
    document = credentials.to_json(reveal_password=show)
    print(f"Registry:  {credentials.host}")
    print(f"Username:  {credentials.username}")
    print(f"Password:  {document['password'] if show else credentials.password.masked()}")
    print(f"Expires:   {document['expires_at'] or 'never (long-term login)'}")
    print()
    print("Log in (docker asks for the password; paste it, nothing lands in history):")
    print(f"  {login.login_command(credentials, 'prompt').reveal()}")
    if show:
        print("Or in one line (printf is a shell builtin: no argv; the leading space keeps it")
        print("out of history with HISTCONTROL=ignorespace / zsh HIST_IGNORE_SPACE):")
        print(f" {login.login_command(credentials, 'stdin').reveal()}")
    else:
        print("Add --show to see the password, --docker-login to let swrtui run docker login.")


async def _login(args: argparse.Namespace) -> int:
    settings = resolve_settings(args)
    credentials = await _credentials(args, settings)
    as_json = _wants_json(args)
    if args.write_docker_config:
        written = login.write_docker_auth(credentials)
        backup = f" (previous file kept as {written.backup})" if written.backup else ""
        _err(f"wrote the login for {credentials.host} to {written.path}{backup}")
        for note in written.notes:
            _err(f"note: {note}")
    if args.docker_login:
        result = await login.docker_login(credentials)
        _err(result.output.rstrip())
        if not result.ok:
            return 1
    if args.kubernetes_secret:
        output = "json" if as_json else "yaml"
        sys.stdout.write(
            login.kubernetes_secret(args.kubernetes_secret, credentials, args.namespace, output)
        )
    elif as_json:
        print(json.dumps(credentials.to_json(reveal_password=True)))
    elif not (args.write_docker_config or args.docker_login) or args.show:
        _show_login(credentials, args.show)
    return 0


def run_login(args: argparse.Namespace) -> int:
    return _run(lambda: _login(args))


# --- cleanup -------------------------------------------------------------------------------


def rules_from_args(args: argparse.Namespace) -> RuleSet:
    orgs, repos = cleanup.parse_scope(args.scope)
    keep = [] if args.no_keep_latest else [Pattern.parse("latest")]
    return RuleSet(
        orgs=orgs,
        repos=repos,
        include=tuple(Pattern.parse(text, default="regex") for text in args.include or []),
        exclude=tuple(Pattern.parse(text, default="regex") for text in args.exclude or []),
        keep=tuple(keep + [Pattern.parse(text) for text in args.keep or []]),
        older_than=cleanup.parse_duration(args.older_than) if args.older_than else None,
        age_field=args.by,
        keep_last=args.keep_last,
    )


def print_plan(plan: Plan) -> None:
    print(
        f"Plan: delete {plan.count} of {plan.tags_scanned} tags in {plan.repositories} "
        f"{'repository' if plan.repositories == 1 else 'repositories'}"
    )
    for item in plan.items:
        updated = item.updated.strftime("%Y-%m-%d") if item.updated else "?"
        digest = item.digest.removeprefix("sha256:")[:12]
        print(f"  {item.reference}  {digest}  {human_bytes(item.size)}  {updated}  {item.rule}")
    print(
        f"Totals: {plan.count} tags, {human_bytes(plan.bytes_listed)} listed, "
        f"{human_bytes(plan.bytes_freed)} freed at most ({cleanup.BYTES_NOTE})"
    )
    for warning in plan.warnings:
        print(f"warning: {warning.message}")


def _confirm(args: argparse.Namespace, count: int) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise ValueError(f"refusing to delete {count} tags without --yes: stdin is not a terminal")
    answer = input(f"Delete {count} tags? Type 'yes' to go on: ").strip().lower()
    return answer == "yes"


def _progress(event: cleanup.Event) -> None:
    if isinstance(event, cleanup.Started):
        _err(f"run {event.run_id}: {event.total} tags; journal {event.journal}")
    elif isinstance(event, cleanup.TagFinished):
        failure = event.failure
        outcome = f"FAILED {failure.error_code}: {failure.message}" if failure else event.outcome
        _err(f"[{event.done}/{event.total}] {event.item.reference}: {outcome}")


def print_report(report: Report) -> int:
    print(
        f"Run {report.run_id}: {len(report.deleted)} deleted, {len(report.already_gone)} "
        f"already gone, {len(report.failed)} failed, {len(report.not_attempted)} not tried"
    )
    for failure in report.failed:
        print(f"  failed {failure.item.reference}: {failure.error_code} (HTTP {failure.status})")
    if not report.ok:
        print(f"Resume with: swrtui cleanup --resume {report.run_id} --yes")
    return 0 if report.ok else 1


async def _execute(args: argparse.Namespace, client: SwrClient, plan: Plan) -> int:
    """Confirm and delete; with --json one document ``{"plan", "report"}`` on stdout."""
    as_json = _wants_json(args)
    if not as_json:
        print_plan(plan)
    report = None
    if plan.count and _confirm(args, plan.count):
        report = await cleanup.execute_plan(
            client, plan, confirmed=True, journal_dir=_journals(),
            concurrency=args.concurrency, on_event=_progress,
        )  # fmt: skip
    if as_json:
        print(json.dumps({"plan": plan.to_dict(), "report": report and report.to_dict()}))
    elif report is not None:
        print_report(report)
    else:
        _err("nothing to delete" if not plan.count else "nothing was deleted")
    if report is None:
        return 0 if not plan.count else 1
    return 0 if report.ok else 1


def _journals() -> Path:
    return state_dir() / JOURNAL_SUBDIR


async def _resume(args: argparse.Namespace) -> int:
    state = cleanup.read_journal(cleanup.find_journal(_journals(), args.resume))
    pending = state.pending()
    _err(f"run {state.run_id}: {len(pending)} of {len(state.planned)} planned tags still to delete")
    if pending and not _confirm(args, len(pending)):
        _err("nothing was deleted")
        return 1
    async with _client(resolve_settings(args)) as client:
        report = await cleanup.resume(
            client, state, confirmed=True, concurrency=args.concurrency, on_event=_progress
        )
    if _wants_json(args):
        print(json.dumps(report.to_dict()))
        return 0 if report.ok else 1
    return print_report(report)


async def _cleanup(args: argparse.Namespace) -> int:
    if args.resume:
        return await _resume(args)
    if not args.scope:
        raise ValueError("give ORG/REPO_GLOB (or --resume RUN)")
    rules = rules_from_args(args)
    async with _client(resolve_settings(args)) as client:
        plan = await cleanup.make_plan(client, rules)
        if not args.execute:
            if _wants_json(args):
                print(json.dumps(plan.to_dict()))
            else:
                print_plan(plan)
                print("Dry run: nothing was deleted. Add --execute to delete.")
            return 0
        return await _execute(args, client, plan)


def run_cleanup(args: argparse.Namespace) -> int:
    return _run(lambda: _cleanup(args))
