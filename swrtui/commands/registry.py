"""The command registry: commands declare themselves with :func:`command` and the registry
answers lookups, generates ``help`` and feeds completion.

Commands live in groups (``tags list``, ``tags show``); a group may name a default
subcommand so that ``tags demo/web`` means ``tags list demo/web``. A group with a single
command named ``""`` is a plain command (``pwd``). Every group and subcommand can have
aliases (``tag`` → ``tags``, ``ls`` → ``list``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from swrtui.commands.args import FLAG, Kind
from swrtui.commands.result import Result

Handler = Callable[..., Awaitable[Result]]


@dataclass(frozen=True)
class Arg:
    """A positional argument (``name``) or an option (``--name``) of a command.

    ``dest`` is the handler's keyword. A positional ``many`` argument takes the remaining
    words as a list. An optional repository/organization/tag argument defaults to the
    context set by ``cd`` when the word is missing.
    """

    name: str
    kind: Kind
    help: str = ""
    required: bool = True
    many: bool = False
    default: Any = None
    dest: str = ""

    @property
    def is_option(self) -> bool:
        return self.name.startswith("--")

    @property
    def is_flag(self) -> bool:
        return self.kind is FLAG

    @property
    def key(self) -> str:
        return self.dest or self.name.lstrip("-").replace("-", "_")

    @property
    def usage(self) -> str:
        if self.is_option:
            text = self.name if self.is_flag else f"{self.name} {self.kind.metavar}"
            return f"[{text}]"
        word = self.kind.metavar + (" ..." if self.many else "")
        # An organization or repository may come from the `cd` context instead.
        optional = not self.required or self.kind.completes in ("org", "repo")
        return f"[{word}]" if optional else word


def arg(name: str, kind: Kind, help: str = "", **extra: Any) -> Arg:
    return Arg(name, kind, help, **extra)


def opt(name: str, kind: Kind = FLAG, help: str = "", **extra: Any) -> Arg:
    fallback: Any = False if kind is FLAG else ([] if extra.get("many") else None)
    default = extra.pop("default", fallback)
    return Arg(name, kind, help, required=False, default=default, **extra)


@dataclass(frozen=True)
class Command:
    group: str
    sub: str
    handler: Handler
    summary: str
    args: tuple[Arg, ...] = ()
    aliases: tuple[str, ...] = ()
    # Changes something on the service: refused in read-only mode.
    mutates: bool = False
    # Deletes or overwrites: asks for confirmation unless --yes.
    destructive: bool = False
    # The handler asks itself (through its ``ask`` argument) once it has read what it will
    # act on, so the question can name it: the tags a plan deletes, with their bytes.
    asks: bool = False
    # The line itself may carry a secret: never written to history.
    secret_bearing: bool = False
    details: str = ""

    @property
    def name(self) -> str:
        return f"{self.group} {self.sub}" if self.sub else self.group

    @property
    def positionals(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.args if not a.is_option)

    @property
    def options(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.args if a.is_option)

    @property
    def usage(self) -> str:
        words = [self.name, *(a.usage for a in self.args)]
        if self.destructive:
            words.append("[--yes]")
        return " ".join(words)


@dataclass
class Group:
    name: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    area: str = ""
    default: str | None = None
    commands: dict[str, Command] = field(default_factory=dict)

    def find(self, words: list[str]) -> tuple[Command | None, int]:
        """The subcommand the leading ``words`` name (longest match) and how many it used."""
        best: tuple[Command | None, int] = (None, 0)
        for command in self.commands.values():
            for phrase in (command.sub, *command.aliases):
                size = len(phrase.split())
                if size > best[1] and phrase and words[:size] == phrase.split():
                    best = (command, size)
        if best[0] is None and words:
            # "perms org demo" means "perms org list demo": a sub-group word alone lists.
            listing = self.commands.get(f"{words[0]} list")
            if listing is not None:
                return listing, 1
        return best

    @property
    def is_plain(self) -> bool:
        return list(self.commands) == [""]


class Registry:
    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}

    def group(
        self, name: str, summary: str, *, aliases: tuple[str, ...] = (), area: str = ""
    ) -> Group:
        group = self.groups.setdefault(name, Group(name))
        group.summary, group.aliases, group.area = summary, aliases, area or name
        return group

    def find_group(self, word: str) -> Group | None:
        if word in self.groups:
            return self.groups[word]
        for group in self.groups.values():
            if word in group.aliases:
                return group
        return None

    def command(
        self,
        name: str,
        summary: str,
        *args: Arg,
        aliases: tuple[str, ...] = (),
        default: bool = False,
        mutates: bool = False,
        destructive: bool = False,
        asks: bool = False,
        secret_bearing: bool = False,
        details: str = "",
    ) -> Callable[[Handler], Handler]:
        """Register the decorated coroutine as command ``name`` (``"group sub"`` or ``"word"``)."""
        group_name, _, sub = name.partition(" ")

        def register(handler: Handler) -> Handler:
            group = self.groups.setdefault(group_name, Group(group_name, summary))
            if sub in group.commands:
                raise ValueError(f"command {name!r} registered twice")
            group.commands[sub] = Command(
                group_name,
                sub,
                handler,
                summary,
                tuple(args),
                aliases,
                mutates=mutates or destructive,
                destructive=destructive,
                asks=asks,
                secret_bearing=secret_bearing,
                details=details,
            )
            if default:
                group.default = sub
            return handler

        return register

    def __iter__(self) -> Iterator[Command]:
        for group in self.groups.values():
            yield from group.commands.values()

    def get(self, name: str) -> Command | None:
        group_word, _, sub = name.partition(" ")
        group = self.find_group(group_word)
        if group is None:
            return None
        return group.find(sub.split())[0] if sub else group.commands.get("")


# The one registry every command module registers into.
REGISTRY = Registry()
command = REGISTRY.command
