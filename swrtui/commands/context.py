"""Session commands: ``cd``/``pwd`` (the context later commands default to), ``use``
(switch profile), ``set`` (output format, error handling in scripts), ``retry`` (the missing
parts of the last incomplete listing) and ``exit``."""

from __future__ import annotations

from dataclasses import replace

from swrtui.client.errors import NotFoundError
from swrtui.commands.args import PROFILE, TEXT, ArgError, Kind, Where, choice
from swrtui.commands.args import organization as check_org
from swrtui.commands.args import repository as check_repo
from swrtui.commands.parse import OUTPUT_FORMATS, UsageError, usage_error
from swrtui.commands.registry import arg, command
from swrtui.commands.result import Changed, Result, message, record
from swrtui.commands.session import Session

LOCATION = Kind("ORG[/REPO]", lambda text, where: text, "location")
SETTINGS = {"output": OUTPUT_FORMATS, "errors": ("stop", "continue")}


def _target(text: str | None, where: Where) -> Where | None:
    """The place ``cd`` goes to when it needs no lookup, else ``None``."""
    if text in (None, "", "/", "~"):
        return Where()
    if text == "..":
        return Where(where.org) if where.repo else Where()
    if text.startswith("/"):
        text = text[1:]
    if "/" in text:
        ref = check_repo(text.rstrip("/"), where)
        return Where(ref.org, ref.repo)
    return None


async def _resolve_word(session: Session, word: str) -> Where:
    """A bare word: a repository of the current organization if one exists, else an org."""
    if session.where.org:
        try:
            ref = check_repo(word, session.where)
            await session.client.repositories.get(ref.org, ref.repo)
            return Where(ref.org, ref.repo)
        except (ArgError, NotFoundError):
            pass
    return Where(check_org(word, session.where))


@command(
    "cd",
    "Set the context: an organization or org/repo (`cd ..`, `cd /` go up)",
    arg("path", LOCATION, "ORG, ORG/REPO, REPO inside an org, .. or /", required=False),
)
async def cd(session: Session, path: str | None) -> Result:
    try:
        target = _target(path, session.where) or await _resolve_word(session, path or "")
    except ArgError as exc:
        raise usage_error("cd", exc.head, "argument 1", exc.detail) from None
    if target.repo and target.org:
        await session.client.repositories.get(target.org, target.repo)
    elif target.org:
        await session.client.organizations.get(target.org)
    session.where = target
    if target.repo and target.org:
        session.cache.want_tags(target.org, target.repo)
    return message(str(target), Changed("context"))


@command("pwd", "Show the current context")
async def pwd(session: Session) -> Result:
    return record(
        {
            "profile": session.profile,
            "region": session.region,
            "context": str(session.where),
            "read_only": session.read_only,
            "output": session.output,
        }
    )


@command("use", "Switch to another profile", arg("profile", PROFILE, "a profile name"))
async def use(session: Session, profile: str) -> Result:
    if session.connect is None:
        raise UsageError("use: switching profiles is not available in this session")
    connection = await session.switch(profile)
    ro = ", read-only" if connection.read_only else ""
    return message(
        f"using profile {connection.profile} ({connection.region}{ro})", Changed("profile")
    )


@command(
    "set",
    "Change a session setting: output table|json|csv, errors stop|continue",
    arg("setting", choice(*SETTINGS), "output or errors"),
    arg("value", TEXT, "table|json|csv for output; stop|continue for errors"),
)
async def set_setting(session: Session, setting: str, value: str) -> Result:
    allowed = SETTINGS[setting]
    if value not in allowed:
        raise UsageError(
            f"set: invalid {setting} {value!r} (argument 2): use one of {', '.join(allowed)}"
        )
    setattr(session, setting, value)
    return message(f"{setting} = {value}")


@command("retry", "Fetch again only what the last incomplete listing missed")
async def retry(session: Session) -> Result:
    last, session.incomplete = session.incomplete, None
    if last is None or last.retry is None:
        return message("nothing to retry: no listing is incomplete")
    # Shown the way the incomplete listing was (its --json stays --json).
    return replace(await last.retry(), output=last.output)


@command("exit", "Leave the session", aliases=())
async def exit_session(session: Session) -> Result:
    session.exit_requested = True
    return message("")
