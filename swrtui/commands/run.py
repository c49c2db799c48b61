"""Running one command line: parse, check read-only and confirmation, call the handler,
and turn every failure into an error :class:`Result` (never an exception, never a
traceback).

Exit codes a script can rely on: 0 success, 1 the command failed (API error, refused,
cancelled without ``--yes``), 2 the line itself is wrong (unknown command, bad argument).
"""

from __future__ import annotations

from dataclasses import replace

from swrtui.client.errors import SwrError, ValidationError
from swrtui.commands.parse import Invocation, UsageError, parse, resolve
from swrtui.commands.registry import REGISTRY, Registry
from swrtui.commands.result import EXIT_USAGE, Result, error, message
from swrtui.commands.session import Confirm, Session
from swrtui.commands.tokens import tokenize
from swrtui.errors import Error
from swrtui.redaction import redact

# Option names whose value is a secret, whatever the command.
SECRET_OPTIONS = ("--password", "--sk", "--secret", "--token")


async def run_line(session: Session, line: str, registry: Registry = REGISTRY) -> Result | None:
    """The result of ``line`` (``None`` for a blank line or a comment)."""
    try:
        invocation = parse(registry, line, session.where)
    except UsageError as exc:
        return error(str(exc), exc.code, EXIT_USAGE)
    if invocation is None:
        return None
    result = await _invoke(session, invocation, line)
    session.cache.invalidate(result.changed)
    if invocation.output:
        result = replace(result, output=invocation.output)
    if result.retry is not None:
        session.incomplete = result
    return result


async def _invoke(session: Session, invocation: Invocation, line: str) -> Result:
    command = invocation.command
    if command.mutates and session.read_only:
        return error(
            f"{command.name}: refused, profile {session.profile!r} is read-only", "READ_ONLY"
        )
    values = dict(invocation.values)
    if command.destructive and not invocation.yes:
        if session.confirm is None:
            return error(f"{command.name}: this changes data; add --yes to confirm", "CONFIRM")
        if not command.asks and not await session.confirm(
            f"{_describe(invocation)}? This cannot be undone."
        ):
            return message("cancelled")
    if command.asks:
        values["ask"] = _ask(session, invocation)
    try:
        return await command.handler(session, **values)
    except ValidationError as exc:
        return error(f"{command.name}: {exc.error_msg}", exc.error_code, EXIT_USAGE)
    except SwrError as exc:
        return error(redact(exc.error_msg), exc.error_code)
    except UsageError as exc:
        return error(str(exc), exc.code, EXIT_USAGE)
    except Error as exc:
        # Expected errors of the layers below (services, the registry client): their code.
        return error(f"{command.name}: {redact(str(exc)) or exc.title}", exc.code, exc.exit_code)
    except Exception as exc:  # a bug must still end in one line, not a traceback
        detail = redact(str(exc)) or type(exc).__name__
        return error(f"{command.name}: unexpected {type(exc).__name__}: {detail}", "INTERNAL")


def _ask(session: Session, invocation: Invocation) -> Confirm:
    """What a self-asking handler confirms with: ``--yes`` answers yes, else the user."""

    async def ask(question: str) -> bool:
        if invocation.yes or session.confirm is None:  # None: refused above without --yes
            return invocation.yes
        return await session.confirm(f"{question} This cannot be undone.")

    return ask


def _describe(invocation: Invocation) -> str:
    """The command with its resolved targets (``tags delete demo/nginx:latest``)."""
    words = [invocation.command.name.capitalize()]
    for spec in invocation.command.positionals:
        value = invocation.values.get(spec.key)
        words += [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    return " ".join(word for word in words if word)


def is_secret_bearing(line: str, registry: Registry = REGISTRY) -> bool:
    """Whether ``line`` may hold a secret and must stay out of history files."""
    words = [token.text for token in tokenize(line)]
    if any(word.split("=", 1)[0] in SECRET_OPTIONS for word in words):
        return True
    _, command, _ = resolve(registry, words)
    return command is not None and command.secret_bearing
