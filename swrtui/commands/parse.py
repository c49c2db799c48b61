"""From a command line to an :class:`Invocation`: the command plus checked argument values.

Every word is converted and validated here, before anything is sent, and a problem raises
:class:`UsageError` with a message that names the command and the offending argument::

    tags: invalid repository name 'Foo' (argument 1): 1-128 characters: ...

``--json``, ``--csv`` and ``--table`` work on every command and choose the output format
for that one command; ``--yes`` answers the confirmation of a destructive command.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from swrtui.commands.args import ArgError, Where
from swrtui.commands.errors import CommandError
from swrtui.commands.registry import Arg, Command, Group, Registry
from swrtui.commands.tokens import Token, tokenize

OUTPUT_FLAGS = {"--json": "json", "--csv": "csv", "--table": "table"}
OUTPUT_FORMATS = ("table", "json", "csv")


class UsageError(CommandError):
    """The line cannot be run as written (unknown command, bad or missing argument)."""

    code = "USAGE"
    title = "Usage"


def usage_error(command: str, head: str, place: str = "", detail: str = "") -> UsageError:
    """``command: head (place): detail``, the one shape of every argument complaint."""
    where = f" ({place})" if place else ""
    tail = f": {detail}" if detail else ""
    return UsageError(f"{command}: {head}{where}{tail}")


@dataclass(frozen=True)
class Invocation:
    command: Command
    values: dict[str, Any]
    output: str | None = None  # a per-command --json/--csv/--table
    yes: bool = False


def resolve(registry: Registry, words: list[str]) -> tuple[Group | None, Command | None, int]:
    """The group and command the leading words name, and how many words that took.

    A group word followed by no known subcommand resolves to the group's default (or its
    plain command); ``None`` means the words name no command.
    """
    if not words:
        return None, None, 0
    group = registry.find_group(words[0])
    if group is None:
        return None, None, 0
    command, used = group.find(words[1:])
    if command is not None:
        return group, command, 1 + used
    fallback = group.commands.get(group.default if group.default is not None else "")
    return group, fallback, 1


def parse(registry: Registry, line: str, where: Where) -> Invocation | None:
    """The invocation a line asks for, or ``None`` for a blank line or a comment."""
    tokens = tokenize(line)
    if not tokens or tokens[0].text.startswith("#"):
        return None
    if any(token.open_quote for token in tokens):
        raise UsageError("unclosed quote")
    words = [token.text for token in tokens]
    group, command, used = resolve(registry, words)
    if group is None:
        known = [word for g in registry.groups.values() for word in (g.name, *g.aliases)]
        hint = _did_you_mean(words[0], known) or "type `help` for the list"
        raise UsageError(f"unknown command {words[0]!r} ({hint})")
    if command is None:
        subs = sorted(c.sub for c in group.commands.values())
        if len(words) < 2:
            raise UsageError(f"{group.name}: missing subcommand (use one of: {', '.join(subs)})")
        hint = _did_you_mean(words[1], subs) or f"use one of: {', '.join(subs)}"
        raise UsageError(f"{group.name}: unknown subcommand {words[1]!r} ({hint})")
    try:
        return _Binder(command, where).bind(tokens[used:])
    except UsageError:
        # `cleanup pln demo` fell back to the default subcommand: a typo of another
        # subcommand explains the failure better than the argument error does.
        typo = len(words) > used and used == 1 and words[1] not in group.commands
        hint = _did_you_mean(words[1], [c.sub for c in group.commands.values()]) if typo else ""
        if hint:
            raise UsageError(f"{group.name}: unknown subcommand {words[1]!r} ({hint})") from None
        raise


def _did_you_mean(word: str, known: list[str]) -> str:
    """``did you mean tags?`` for a typo close to a known word (transpositions, a letter
    missing or extra), or nothing when no word is close."""
    close = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else ""


class _Binder:
    """Walks the words after the command name, filling options and positionals."""

    def __init__(self, command: Command, where: Where) -> None:
        self.command = command
        self.where = where
        self.values: dict[str, Any] = {a.key: ([] if a.many else a.default) for a in command.args}
        self.output: str | None = None
        self.yes = False

    def fail(self, head: str, where: str = "", detail: str = "") -> UsageError:
        return usage_error(self.command.name, head, where, detail)

    def bind(self, tokens: list[Token]) -> Invocation:
        positionals: list[str] = []
        words = [token.text for token in tokens]
        i, options_done = 0, False
        while i < len(words):
            word = words[i]
            if word == "--" and not options_done:
                options_done = True
            elif word.startswith("--") and not options_done:
                i = self.option(words, i)
            else:
                positionals.append(word)
            i += 1
        self.positionals(positionals)
        return Invocation(self.command, self.values, self.output, self.yes)

    def option(self, words: list[str], i: int) -> int:
        name, eq, inline = words[i].partition("=")
        if name in OUTPUT_FLAGS and not eq:
            self.output = OUTPUT_FLAGS[name]
            return i
        if name == "--yes" and self.command.destructive and not eq:
            self.yes = True
            return i
        spec = next((a for a in self.command.options if a.name == name), None)
        if spec is None:
            raise self.fail(f"unknown option {name}", detail=f"see `help {self.command.name}`")
        if spec.is_flag:
            if eq:
                raise self.fail(f"{name} takes no value")
            self.values[spec.key] = True
            return i
        if not eq:
            if i + 1 >= len(words):
                raise self.fail(f"{name} needs a value ({spec.kind.metavar})")
            i += 1
            inline = words[i]
        value = self.convert(spec, inline, f"option {name}")
        if spec.many:
            self.values[spec.key].append(value)
        else:
            self.values[spec.key] = value
        return i

    def convert(self, spec: Arg, word: str, where: str) -> Any:
        try:
            return spec.kind.convert(word, self.where)
        except ArgError as exc:
            raise self.fail(exc.head, where, exc.detail) from None

    def positionals(self, words: list[str]) -> None:
        specs = self.command.positionals
        index = 0
        for number, spec in enumerate(specs, start=1):
            if spec.many:
                taken, index = words[index:], len(words)
                self.values[spec.key] = [
                    self.convert(spec, w, f"argument {number + k}") for k, w in enumerate(taken)
                ]
                if spec.required and not taken:
                    raise self.fail(f"missing {spec.kind.metavar}", f"argument {number}")
            elif index < len(words):
                self.values[spec.key] = self.convert(spec, words[index], f"argument {number}")
                index += 1
            else:
                self.missing(spec, number)
        if index < len(words):
            raise self.fail(f"unexpected argument {words[index]!r}", f"argument {index + 1}")

    def missing(self, spec: Arg, number: int) -> None:
        """Fill a missing organization/repository from the context, or complain."""
        kind = spec.kind.completes
        if kind == "org" and self.where.org:
            self.values[spec.key] = self.where.org
        elif kind == "repo" and self.where.org and self.where.repo:
            self.values[spec.key] = self.convert(spec, self.where.repo, f"argument {number}")
        elif spec.required:
            hint = {"org": "or `cd ORG` first", "repo": "or `cd ORG/REPO` first"}.get(kind, "")
            raise self.fail(f"missing {spec.kind.metavar}", f"argument {number}", hint)
