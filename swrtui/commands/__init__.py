"""swrtui.commands: the command language shared by ``swrtui repl`` and the TUI's command mode.

No UI imports: a front end builds a :class:`Session`, sends lines to :func:`run_line` and
renders the :class:`Result` it gets back (with :func:`render` or its own widgets)::

    session = Session(Connection(client, "default", "cn-north-4"), confirm=ask_yes_no)
    session.start_cache()                       # background name cache for completion
    result = await run_line(session, "tags demo/nginx --sort size --limit 5")
    print(render(result, session.output))       # table, json or csv text
    for change in result.changed: ...           # refresh what the command modified

    suggest("tags demo/ng", 11, session.cache, where=session.where)  # completion

Layout: ``tokens`` (tokenizer with positions), ``args`` (argument kinds, name checks,
``org/repo:tag`` addressing), ``registry`` (decorator-registered commands → help and
completion), ``parse`` (line → :class:`Invocation`), ``run`` (execution, errors, exit codes),
``session`` (connection, context, settings), ``cache`` (background name cache), ``fuzzy`` and
``suggest`` (completion), ``render`` (text renderings) and one module per API area.
"""

from __future__ import annotations

# The area modules register their commands on import: importing them completes REGISTRY.
from swrtui.commands import (  # noqa: F401
    api_versions,
    cleanup,
    context,
    help,
    image_permissions,
    inspect,
    org_permissions,
    organizations,
    quotas,
    reports,
    repositories,
    retention,
    shared_accounts,
    sync,
    tags,
    temporary_login,
    triggers,
)
from swrtui.commands.args import RepoRef, TagRef, Where
from swrtui.commands.cache import NameCache
from swrtui.commands.help import help_text
from swrtui.commands.parse import Invocation, UsageError, parse
from swrtui.commands.registry import REGISTRY, Arg, Command, Registry
from swrtui.commands.render import render, render_csv, render_json, render_table, table_cells
from swrtui.commands.result import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Changed,
    Column,
    Result,
)
from swrtui.commands.run import is_secret_bearing, run_line
from swrtui.commands.session import Connection, Session
from swrtui.commands.suggest import Suggestion, suggest

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_USAGE",
    "REGISTRY",
    "Arg",
    "Changed",
    "Column",
    "Command",
    "Connection",
    "Invocation",
    "NameCache",
    "Registry",
    "RepoRef",
    "Result",
    "Session",
    "Suggestion",
    "TagRef",
    "UsageError",
    "Where",
    "help_text",
    "is_secret_bearing",
    "parse",
    "render",
    "render_csv",
    "render_json",
    "render_table",
    "run_line",
    "suggest",
    "table_cells",
]
