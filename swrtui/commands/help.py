"""``help`` and ``help COMMAND``, generated from the registry."""

from __future__ import annotations

from swrtui.commands.args import COMMAND
from swrtui.commands.parse import UsageError, resolve
from swrtui.commands.registry import REGISTRY, Command, Group, Registry, arg, command
from swrtui.commands.result import Result, message
from swrtui.commands.session import Session

GENERAL = (
    "Address resources as org, org/repo and org/repo:tag; after `cd org/repo` a bare tag or "
    "repo works too.\nEvery command takes --json, --csv or --table for its output. "
    "Destructive commands ask first unless --yes."
)


def overview(registry: Registry) -> str:
    width = max(len(name) for name in registry.groups)
    lines = ["Commands (help COMMAND for details):", ""]
    for name in sorted(registry.groups):
        group = registry.groups[name]
        if group.is_plain:
            summary = group.commands[""].summary
        else:
            summary = f"{group.summary}  [{', '.join(_subs(group))}]"
        lines.append(f"  {name.ljust(width)}  {summary}")
    return "\n".join([*lines, "", GENERAL])


def _subs(group: Group) -> list[str]:
    return [c.sub for c in group.commands.values()]


def _argument_lines(cmd: Command) -> list[str]:
    rows = [(a.kind.metavar if not a.is_option else a.usage.strip("[]"), a.help) for a in cmd.args]
    if cmd.destructive:
        rows.append(("--yes", "do not ask for confirmation"))
    width = max((len(left) for left, _ in rows), default=0)
    return [f"  {left.ljust(width)}  {right}".rstrip() for left, right in rows]


def describe(cmd: Command) -> str:
    lines = [f"usage: {cmd.usage}", "", cmd.summary]
    if cmd.details:
        lines += ["", cmd.details]
    if cmd.args or cmd.destructive:
        lines += ["", "arguments:", *_argument_lines(cmd)]
    notes = [
        text
        for flag, text in (
            (cmd.mutates, "changes data: refused in read-only mode"),
            (cmd.destructive, "asks for confirmation unless --yes"),
            (cmd.secret_bearing, "never saved in the history"),
        )
        if flag
    ]
    return "\n".join(lines + (["", *notes] if notes else []))


def describe_group(group: Group) -> str:
    lines = [f"{group.name}: {group.summary}", ""]
    if group.aliases:
        lines.insert(1, f"aliases: {', '.join(group.aliases)}")
    lines += [f"  {c.usage}\n      {c.summary}" for c in group.commands.values()]
    if group.default is not None and group.default:
        lines += ["", f"`{group.name} ...` alone means `{group.name} {group.default} ...`."]
    return "\n".join(lines)


def help_text(words: list[str], registry: Registry = REGISTRY) -> str:
    if not words:
        return overview(registry)
    group, cmd, used = resolve(registry, words)
    if group is None:
        raise UsageError(f"help: unknown command {words[0]!r}")
    if used == 1 and not group.is_plain and len(words) == 1:
        return describe_group(group)
    if cmd is None:
        raise UsageError(f"help: {group.name} has no subcommand {words[1]!r}")
    return describe(cmd)


@command(
    "help",
    "Show the commands, or one command's usage",
    arg("topic", COMMAND, "a command, e.g. `help tags list`", required=False, many=True),
)
async def help_command(session: Session, topic: list[str]) -> Result:
    return message(help_text(topic))
