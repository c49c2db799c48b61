"""Argument kinds: how a word on the command line becomes a checked value.

Resources are addressed as ``org``, ``org/repo`` and ``org/repo:tag``. Inside a context set
by ``cd`` the short forms work too: ``repo`` (in the current organization), ``repo:tag`` and
``tag`` (in the current repository). A word with a ``/`` is always absolute: its first
segment is the organization. Every name is checked with :mod:`swrtui.names` here, before
any request, and a bad one raises :class:`ArgError` naming the rule it breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from swrtui import clock, names
from swrtui.commands.errors import CommandError
from swrtui.services import deletion
from swrtui.services.cleanup.patterns import RuleError, parse_duration


class ArgError(CommandError):
    """A word cannot be used; the parser adds the command and the argument's position."""

    code = "USAGE.ARGUMENT"
    title = "Bad argument"

    def __init__(self, head: str, detail: str = "") -> None:
        super().__init__(f"{head}: {detail}" if detail else head)
        self.head = head
        self.detail = detail


@dataclass(frozen=True)
class Where:
    """The context set by ``cd``: an organization, and maybe a repository in it."""

    org: str | None = None
    repo: str | None = None

    def __str__(self) -> str:
        if self.org and self.repo:
            return f"/{self.org}/{self.repo}"
        return f"/{self.org}" if self.org else "/"


@dataclass(frozen=True)
class RepoRef:
    org: str
    repo: str

    def __str__(self) -> str:
        return f"{self.org}/{self.repo}"


@dataclass(frozen=True)
class TagRef(deletion.TagRef):
    """A tag the user named, checked against the name rules."""

    @property
    def repo_ref(self) -> RepoRef:
        return RepoRef(self.org, self.repo)

    def __str__(self) -> str:
        return self.reference


def _checked(check: Callable[[str], str], name: str) -> str:
    try:
        return check(name)
    except names.InvalidNameError as exc:
        raise ArgError(f"invalid {exc.kind} name {exc.name!r}", exc.rule) from None


def organization(text: str, where: Where) -> str:
    return _checked(names.check_organization, text)


def repository(text: str, where: Where) -> RepoRef:
    org, slash, repo = text.partition("/")
    if not slash:
        if not where.org:
            raise ArgError(f"{text!r} needs an organization", "write org/repo or `cd ORG` first")
        org, repo = where.org, text
    return RepoRef(_checked(names.check_organization, org), _checked(names.check_repository, repo))


def tag_ref(text: str, where: Where) -> TagRef:
    head, colon, tag = text.rpartition(":")
    if not colon:
        if not (where.org and where.repo):
            raise ArgError(f"{text!r} needs a repository", "write org/repo:tag or `cd ORG/REPO`")
        return TagRef(where.org, where.repo, _checked(names.check_tag, text))
    ref = repository(head, where) if head else _current_repo(where, text)
    return TagRef(ref.org, ref.repo, _checked(names.check_tag, tag))


def _current_repo(where: Where, text: str) -> RepoRef:
    if not (where.org and where.repo):
        raise ArgError(f"{text!r} needs a repository", "write org/repo:tag or `cd ORG/REPO`")
    return RepoRef(where.org, where.repo)


def tag(text: str, where: Where) -> str:
    return _checked(names.check_tag, text)


def text(value: str, where: Where) -> str:
    if not value:
        raise ArgError("must not be empty")
    return value


# Counts users type (limits, keep-last, offsets) never need more digits than this.
MAX_INTEGER_DIGITS = 12


def integer(value: str, where: Where) -> int:
    # ASCII digits only: int() would also read "٣" or "1_000" as numbers.
    digits = value.strip()
    if digits.startswith("-") and digits[1:].isascii() and digits[1:].isdigit():
        raise ArgError(f"{value!r} must not be negative")
    if not (digits.isascii() and digits.isdigit()):
        raise ArgError(f"{_shown(value)} is not a whole number")
    if len(digits) > MAX_INTEGER_DIGITS:
        raise ArgError(f"{_shown(value)} is too large", f"at most {MAX_INTEGER_DIGITS} digits")
    return int(digits)


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 40 else f"{value[:37]!r}… ({len(value)} characters)"


def boolean(value: str, where: Where) -> bool:
    lowered = value.lower()
    if lowered in ("true", "yes", "on", "1"):
        return True
    if lowered in ("false", "no", "off", "0"):
        return False
    raise ArgError(f"{value!r} is not true or false")


def duration(value: str, where: Where) -> timedelta:
    """``30d``, ``12h``, ``2w``, ``90m``, ``1w2d``: the cleanup rules' one duration syntax."""
    try:
        return parse_duration(value)
    except RuleError as exc:
        raise ArgError(str(exc)) from None


def deadline(value: str, where: Where) -> str | datetime:
    """``forever``, a date ``2030-01-31`` or a time ``2030-01-31T12:00:00Z``, or a duration."""
    if value == "forever":
        return value
    if value[:1].isascii() and value[:1].isdigit() and value[-1:].lower() in "smhdw":
        return clock.now() + duration(value, where)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ArgError(
            f"invalid deadline {value!r}", "use forever, a date (2030-01-31) or a duration (30d)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Kind:
    """How one kind of word is converted, named in help and completed."""

    metavar: str
    convert: Callable[[str, Where], Any]
    # What completion offers: org, repo, tagref, tag, profile, choice or nothing.
    completes: str = ""
    choices: tuple[str, ...] = ()


ORG = Kind("ORG", organization, "org")
REPO = Kind("REPO", repository, "repo")
TAGREF = Kind("REPO:TAG", tag_ref, "tagref")
TAG = Kind("TAG", tag, "tag")
TEXT = Kind("TEXT", text)
INT = Kind("N", integer)
BOOL = Kind("true|false", boolean, "choice", ("true", "false"))
DURATION = Kind("DURATION", duration)
DEADLINE = Kind("DEADLINE", deadline)
PROFILE = Kind("PROFILE", text, "profile")
COMMAND = Kind("COMMAND", text, "command")
FLAG = Kind("", boolean)


def choice(*values: str) -> Kind:
    def convert(value: str, where: Where) -> str:
        if value not in values:
            raise ArgError(f"invalid value {value!r}", f"use one of {', '.join(values)}")
        return value

    return Kind("|".join(values), convert, "choice", values)
