"""Completion: :func:`suggest` turns a line and a cursor into ranked suggestions.

Pure: it reads the registry, the context and a name source (the :class:`NameCache` or
anything with ``orgs()``, ``repos(org)``, ``all_repos()`` and ``tags(org, repo)``) and never
waits for the network. It completes command and subcommand words, options, option values
and positional arguments by kind: organizations, ``org/repo`` (or a bare repository inside
``cd ORG``), ``org/repo:tag``, tags, profiles and fixed choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from swrtui.commands import args as kinds
from swrtui.commands.fuzzy import ranked
from swrtui.commands.parse import OUTPUT_FLAGS, resolve
from swrtui.commands.registry import REGISTRY, Arg, Command, Group, Registry
from swrtui.commands.tokens import tokenize


class Names(Protocol):
    def orgs(self) -> Sequence[str]: ...
    def repos(self, org: str) -> Sequence[str]: ...
    def all_repos(self) -> Sequence[str]: ...
    def tags(self, org: str, repo: str) -> Sequence[str]: ...


@dataclass(frozen=True)
class Suggestion:
    """Replace ``line[start:cursor]`` with ``text``; ``meta`` says what it is."""

    text: str
    start: int
    display: str = ""
    meta: str = ""


@dataclass(frozen=True)
class _Line:
    words: list[str]  # complete words before the one being typed
    word: str  # the word under the cursor (may be empty)
    start: int  # where that word starts


def _split(line: str, cursor: int) -> _Line:
    before = line[:cursor]
    tokens = tokenize(before)
    if tokens and tokens[-1].end == len(before) and not before[-1:].isspace():
        last = tokens.pop()
        return _Line([t.text for t in tokens], last.text, last.start)
    return _Line([t.text for t in tokens], "", cursor)


def suggest(
    line: str,
    cursor: int,
    cache: Names,
    *,
    where: kinds.Where | None = None,
    registry: Registry = REGISTRY,
    profiles: Sequence[str] = (),
    limit: int = 50,
) -> list[Suggestion]:
    """Ranked completions for the word at ``cursor`` in ``line``."""
    parsed = _split(line, cursor)
    context = _Context(
        cache, where or kinds.Where(), profiles, tuple(registry.groups), parsed.start, limit
    )
    if not parsed.words:
        return context.words(_group_words(registry), parsed.word)
    group, command, used = resolve(registry, parsed.words)
    if group is None:
        return []
    rest = parsed.words[used:]
    out: list[Suggestion] = []
    if not rest or command is None:
        # Subcommand words that continue what is typed ("perms org " → list, grant, ...).
        out = context.words(_sub_words(group, parsed.words[1:]), parsed.word)
    if command is not None:
        out += context.arguments(command, rest, parsed.word)
    return out[:limit]


def _group_words(registry: Registry) -> dict[str, str]:
    return {name: group.summary for name, group in registry.groups.items()}


def _sub_words(group: Group, typed: list[str]) -> dict[str, str]:
    """Next words of multi-word subcommands whose first words are already ``typed``."""
    words: dict[str, str] = {}
    for command in group.commands.values():
        phrase = command.sub.split()
        if len(phrase) > len(typed) and phrase[: len(typed)] == typed:
            words.setdefault(phrase[len(typed)], command.summary)
    return words


@dataclass(frozen=True)
class _Context:
    names: Names
    where: kinds.Where
    profiles: Sequence[str]
    commands: Sequence[str]
    start: int
    limit: int

    def words(self, options: dict[str, str], typed: str, meta: str = "") -> list[Suggestion]:
        return [
            Suggestion(w, self.start, w, meta or options[w])
            for w in ranked(typed, options, self.limit)
        ]

    def arguments(self, command: Command, rest: list[str], typed: str) -> list[Suggestion]:
        pending = _pending_option(command, rest)
        if pending is not None:
            return self.values(pending, typed, rest)
        if typed.startswith("-"):
            return self.words(_option_words(command, rest), typed)
        index = _positional_index(command, rest)
        positionals = command.positionals
        if not positionals or (index >= len(positionals) and not positionals[-1].many):
            return []
        return self.values(positionals[min(index, len(positionals) - 1)], typed, rest)

    def values(self, spec: Arg, typed: str, rest: list[str]) -> list[Suggestion]:
        kind = spec.kind.completes
        if kind == "choice":
            return self.words(dict.fromkeys(spec.kind.choices, spec.kind.metavar), typed)
        if kind == "command":
            return self.words(dict.fromkeys(self.commands, "command"), typed)
        if kind == "profile":
            return self.words(dict.fromkeys(self.profiles, "profile"), typed)
        if kind == "org":
            return self.words(dict.fromkeys(self.names.orgs(), "organization"), typed)
        if kind == "repo":
            return self.words(self.repo_words(), typed)
        if kind == "location":
            places = {**dict.fromkeys(self.names.orgs(), "organization"), **self.repo_words()}
            return self.words(places, typed)
        if kind == "tagref":
            return self.tagrefs(typed)
        if kind == "tag":
            return self.tags_of(self.repo_in(rest), typed, "")
        return []

    def repo_words(self, suffix: str = "") -> dict[str, str]:
        found = dict.fromkeys((r + suffix for r in self.names.all_repos()), "repository")
        if self.where.org:
            found.update(
                dict.fromkeys((r + suffix for r in self.names.repos(self.where.org)), "repository")
            )
        return found

    def tagrefs(self, typed: str) -> list[Suggestion]:
        head, colon, _ = typed.rpartition(":")
        if colon:
            try:
                ref = kinds.repository(head, self.where) if head else _here(self.where)
            except kinds.ArgError:
                return []
            return self.tags_of(ref, typed, head + ":")
        out = self.words(self.repo_words(":"), typed)
        if self.where.repo:
            out = self.tags_of(_here(self.where), typed, "") + out
        return out[: self.limit]

    def tags_of(self, ref: kinds.RepoRef | None, typed: str, prefix: str) -> list[Suggestion]:
        if ref is None:
            return []
        tags = self.names.tags(ref.org, ref.repo)
        query = typed[len(prefix) :]
        # Nothing typed yet: the names as the cache keeps them, newest first.
        found = ranked(query, tags, self.limit) if query else list(tags[: self.limit])
        return [Suggestion(prefix + t, self.start, t, f"tag of {ref}") for t in found]

    def repo_in(self, rest: list[str]) -> kinds.RepoRef | None:
        """The repository an earlier word named (for a bare TAG argument), else the context."""
        for word in rest:
            if word.startswith("-"):
                continue
            for convert in (kinds.tag_ref, kinds.repository):
                try:
                    found = convert(word, self.where)
                except kinds.ArgError:
                    continue
                return found.repo_ref if isinstance(found, kinds.TagRef) else found
        return _here(self.where) if self.where.repo else None


def _here(where: kinds.Where) -> kinds.RepoRef:
    if not (where.org and where.repo):
        raise kinds.ArgError("no repository in context")
    return kinds.RepoRef(where.org, where.repo)


def _option_words(command: Command, rest: list[str]) -> dict[str, str]:
    used = {word.split("=", 1)[0] for word in rest}
    words = {a.name: a.help or a.kind.metavar for a in command.options if a.name not in used}
    if command.destructive and "--yes" not in used:
        words["--yes"] = "do not ask for confirmation"
    for flag, fmt in OUTPUT_FLAGS.items():
        if not used & OUTPUT_FLAGS.keys():
            words[flag] = f"output as {fmt}"
    return words


def _value_option(command: Command, word: str) -> Arg | None:
    spec = next((a for a in command.options if a.name == word), None)
    return spec if spec is not None and not spec.is_flag else None


def _pending_option(command: Command, rest: list[str]) -> Arg | None:
    """The option whose value is being typed (the last word was ``--opt`` needing one)."""
    if not rest or "=" in rest[-1]:
        return None
    spec = _value_option(command, rest[-1])
    if spec is None:
        return None
    # "--opt value --opt" counts pairs: the last --opt is pending only if unpaired.
    index = len(rest) - 1
    return spec if index == 0 or _value_option(command, rest[index - 1]) is None else None


def _positional_index(command: Command, rest: list[str]) -> int:
    count, skip = 0, False
    for word in rest:
        if skip:
            skip = False
        elif word.startswith("--"):
            skip = "=" not in word and _value_option(command, word) is not None
        else:
            count += 1
    return count
