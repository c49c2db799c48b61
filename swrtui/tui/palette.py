"""Command-palette providers: "go to" any loaded org/repo/tag, and "area: Verb" commands.

Commands depend on the current node (``tags: Clean up…`` needs a repository), on the
visible section (``triggers: New…`` on the triggers tab) and on ``check_action`` (read-only
mode hides every change), so the palette never offers what would be refused. Themes are
offered as ``theme: NAME``; the bundled ones read ``theme: light (swr-light)`` so that
typing a style finds them first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from swrtui.tui.nodes import Node
from swrtui.tui.theme_files import BUNDLED_PREFIX

if TYPE_CHECKING:
    from swrtui.tui.app import SwrApp

GO_TO_LIMIT = 5000


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    action: str
    # Node kinds the command applies to; empty = everywhere.
    kinds: tuple[str, ...] = ()


COMMANDS = (
    PaletteCommand("view: Refresh", "Reload the current node and the tree", "refresh"),
    PaletteCommand("view: Help", "Every key binding", "help"),
    PaletteCommand("view: Command mode", "Type a command of the REPL's language", "command_mode"),
    PaletteCommand("tree: Filter", "Filter the tree by name", "focus_tree_filter"),
    PaletteCommand("tags: Filter", "Filter the tags table", "tags_filter", ("repository",)),
    PaletteCommand(
        "tags: Select all shown",
        "Select every tag the filter shows",
        "tags_select_all",
        ("repository",),
    ),
    PaletteCommand(
        "tags: Delete selected…", "Delete the selected tags (asks first)", "delete", ("repository",)
    ),
    PaletteCommand("tag: Delete…", "Delete this tag (asks first)", "delete", ("tag",)),
    PaletteCommand(
        "repository: Delete…", "Delete it with all its tags (asks first)", "delete", ("repository",)
    ),
    PaletteCommand(
        "organization: Delete…", "Delete it if empty (asks first)", "delete", ("organization",)
    ),
    PaletteCommand("profile: Switch…", "Rebuild on another profile", "switch_profile"),
    *(
        PaletteCommand(
            f"repository: Show {title}", f"The {title} tab", f"show_tab('{tab}')", ("repository",)
        )
        for title, tab in (
            ("tags", "repo-tags"),
            ("details", "repo-details-tab"),
            ("shared accounts", "repo-shares"),
            ("permissions", "repo-permissions"),
            ("triggers", "repo-triggers"),
            ("retention policy", "repo-retention"),
            ("sync tasks", "repo-sync"),
        )
    ),
    PaletteCommand(
        "organization: Show permissions",
        "Who holds which role",
        "show_tab('org-permissions-tab')",
        ("organization",),
    ),
)
# The item keys, titled with the visible section's area ("triggers: New…").
VERB_TITLES = {
    "add": ("New…", "Create one (a form)"),
    "edit": ("Edit…", "Change the one under the cursor (a form)"),
    "enable": ("Enable/disable", "Switch the one under the cursor on or off"),
    "remove": ("Remove…", "Delete the one under the cursor (asks first)"),
    "sync_now": ("Sync tags now…", "Copy tags to another region now"),
    "preview": ("Preview", "What the policy would delete now (deletes nothing)"),
}


def _app(provider: Provider) -> SwrApp:
    return provider.app  # type: ignore[return-value]


def node_text(node: Node) -> str:
    return f"{node.kind}: {node.path}"


def theme_title(name: str) -> str:
    """``swr-high-contrast`` → ``theme: high contrast (swr-high-contrast)``; others as named."""
    if name.startswith(BUNDLED_PREFIX):
        style = name.removeprefix(BUNDLED_PREFIX).replace("-", " ")
        return f"theme: {style} ({name})"
    return f"theme: {name}"


class GoToProvider(Provider):
    """Fuzzy "go to" over every organization, repository and tag the tree has loaded."""

    def _targets(self) -> Iterator[Node]:
        for index, node in enumerate(_app(self).nav.all_nodes()):
            if index >= GO_TO_LIMIT:
                return
            yield node

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = _app(self)
        for node in self._targets():
            text = node_text(node)
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.open_node, node),
                    text=text,
                    help="go to",
                )


class ActionsProvider(Provider):
    """``area: Verb`` commands for the current node, plus ``theme: NAME`` for every theme."""

    def _commands(self) -> Iterator[tuple[str, str, object]]:
        app = _app(self)
        for command in COMMANDS:
            if command.kinds and app.current.kind not in command.kinds:
                continue
            if app.check_action(command.action, ()) is False:
                continue
            yield command.title, command.help, partial(app.run_palette_action, command.action)
        section = app.active_section()
        for verb, (title, help_text) in VERB_TITLES.items():
            if app.check_action(verb, ()):
                yield f"{section.AREA}: {title}", help_text, partial(app.run_palette_action, verb)
        for name in sorted(app.available_themes):
            callback = partial(setattr, app, "theme", name)
            yield theme_title(name), "Switch the color theme", callback

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    callback,  # type: ignore[arg-type]
                    text=title,
                    help=help_text,
                )
