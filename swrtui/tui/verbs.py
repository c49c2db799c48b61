"""The TUI's one verb table: every key of the app and every ``area: Verb`` command.

Each :class:`Verb` says its key, action, footer label, palette title, help text, whether it
changes the registry and which node kinds it applies to; the app's bindings, its read-only
gate (:meth:`SwrApp.check_action`), the palette's commands and the help screen are all
drawn from :data:`VERBS`, so a verb is added (or changed) here alone. *Item* verbs act on
the visible section (a pane answers the ones it has ``do_<verb>`` for); the palette titles
them with that section's area ("triggers: New…").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding

from swrtui.tui import tabs
from swrtui.tui.nodes import Kind

# The action every item key runs, with the verb as its argument: ``item('add')``.
ITEM_ACTION = "item"


@dataclass(frozen=True)
class Verb:
    # The app's action with its arguments (``copy('digest')``); for an item verb, the verb.
    action: str
    help: str
    # Textual key names, comma-separated; "" for a palette-only command.
    keys: str = ""
    label: str = ""
    # "area: Verb"; an item verb gives only "Verb" (the area is the visible section's).
    palette: str = ""
    mutates: bool = False
    # Node kinds where it applies; () for everywhere.
    kinds: tuple[Kind, ...] = ()
    item: bool = False
    show: bool = True
    # Still answers over a work screen (cleanup, login, forms); the others act on the main
    # screen's node, which a modal screen hides.
    anywhere: bool = False

    @property
    def name(self) -> str:
        return self.action.partition("(")[0]

    def binding(self) -> Binding:
        action = f"{ITEM_ACTION}('{self.action}')" if self.item else self.action
        return Binding(self.keys, action, self.label, show=self.show)


def _item(action: str, key: str, label: str, palette: str, help: str, mutates: bool = True) -> Verb:
    return Verb(action, help, key, label, palette, mutates=mutates, item=True)


def _delete(action: str, palette: str, help: str, kind: Kind) -> Verb:
    return Verb(action, help, palette=palette, mutates=True, kinds=(kind,))


VERBS: tuple[Verb, ...] = (
    # Only the main screen's q quits (asking while changes run); a modal screen's q goes back.
    Verb("quit", "quit (asks while changes are still running)", "q", "Quit", "app: Quit"),
    Verb("help", "this help", "question_mark,f1", "Help", "view: Help", anywhere=True),
    Verb(
        "refresh",
        "refresh the current node; while parts failed to load, fetch only those",
        "r",
        "Refresh",
        "view: Refresh",
    ),
    Verb(
        "command_mode",
        "command mode: the REPL's commands, with completion (tab), history (↑)",
        "colon",
        "Command",
        "view: Command mode",
    ),
    Verb(
        "filter",
        "filter the tree, or the tags table of an open repository (esc clears it)",
        "slash",
        "Filter",
        "view: Filter",
        show=False,
    ),
    _item(
        "add",
        "n",
        "New…",
        "New…",
        "new: an org (tenant), role, share, trigger, retention policy, sync task",
    ),
    _item(
        "edit",
        "e",
        "Edit…",
        "Edit…",
        "edit: repository (Tags, Details), role, share deadline, retention policy",
    ),
    _item("enable", "t", "Enable/disable", "Enable/disable", "enable / disable the trigger"),
    _item("remove", "x", "Remove…", "Remove…", "remove the item under the cursor (asks first)"),
    _item(
        "sync_now",
        "s",
        "Sync now…",
        "Sync tags now…",
        "Sync tab: copy tags (the selected ones) to another region now",
    ),
    _item(
        "preview",
        "p",
        "Preview",
        "Preview",
        "Retention tab: what the policy would delete now (deletes nothing)",
        mutates=False,
    ),
    _item(
        "reveal_env",
        "v",
        "Env values",
        "Show/hide env values",
        "tag pane: show or hide the values of the image's environment variables",
        mutates=False,
    ),
    Verb(
        "cleanup",
        "clean up tags: of the selection, else of the repository",
        "c",
        "Clean up",
        "tags: Clean up…",
        mutates=True,
        kinds=("repository", "tag"),
    ),
    # One short line: the help's rows must not wrap (see HELP_WIDTH).
    Verb(
        "delete",
        "the row at the cursor, or the selected tags; in the tree its node (asks)",
        "delete",
        "Delete",
        "view: Delete at the cursor…",
        mutates=True,
    ),
    Verb("login", "temporary docker login", "L", "Docker login", "login: Docker login…"),
    Verb(
        "copy('external')",
        "copy the pull command",
        "y",
        "Copy pull",
        "tag: Copy pull command",
        kinds=("tag",),
    ),
    Verb(
        "copy('internal')",
        "copy the internal (VPC) pull command",
        "Y",
        "Copy internal pull",
        "tag: Copy internal pull command",
        kinds=("tag",),
        show=False,
    ),
    Verb(
        "copy('digest')",
        "copy the digest",
        "d",
        "Copy digest",
        "tag: Copy digest",
        kinds=("tag",),
        show=False,
    ),
    Verb(
        "resize_tree(-4)",
        "narrow the tree",
        "less_than_sign",
        "Narrower",
        "tree: Narrower",
        show=False,
    ),
    Verb(
        "resize_tree(4)",
        "widen the tree (remembered)",
        "greater_than_sign",
        "Wider",
        "tree: Wider",
        show=False,
    ),
    # Palette only.
    Verb("focus_tree_filter", "Filter the tree by name", palette="tree: Filter"),
    Verb("tags_filter", "Filter the tags table", palette="tags: Filter", kinds=("repository",)),
    Verb(
        "tags_select_all",
        "Select every tag the filter shows",
        palette="tags: Select all shown",
        kinds=("repository",),
    ),
    # Named apart from `delete`: the palette says which one it deletes, wherever focus is.
    _delete(
        "delete_tags",
        "tags: Delete selected…",
        "Delete the selected tags (asks first)",
        "repository",
    ),
    _delete("delete_node", "tag: Delete…", "Delete this tag (asks first)", "tag"),
    _delete(
        "delete_node",
        "repository: Delete…",
        "Delete it with all its tags (asks first)",
        "repository",
    ),
    _delete(
        "delete_node", "organization: Delete…", "Delete it if empty (asks first)", "organization"
    ),
    Verb("switch_profile", "Rebuild on another profile", palette="profile: Switch…"),
    *(
        Verb(
            f"show_tab('{tab}')", f"The {title} tab", palette=f"{kind}: Show {title}", kinds=(kind,)
        )
        for kind, title, tab in tabs.SHOWABLE
    ),
)

KEYED = tuple(verb for verb in VERBS if verb.keys)
ITEM_VERBS = tuple(verb.action for verb in VERBS if verb.item)
# The verbs behind the app's keys, by action name (the copies share theirs).
BY_NAME = {verb.name: verb for verb in KEYED}
# Every action that changes the registry, palette-only ones included: read-only refuses them.
MUTATING = frozenset(verb.name for verb in VERBS if verb.mutates)
# The app's own actions (not Textual's: tab, ctrl+p, …) that a work screen turns off.
OWN_ACTIONS = frozenset({ITEM_ACTION, *(verb.name for verb in KEYED if not verb.anywhere)})


def bindings() -> list[Binding]:
    return [verb.binding() for verb in KEYED]


def find(action: str, parameters: tuple[object, ...]) -> Verb | None:
    """The verb behind ``action`` as :meth:`App.check_action` sees it (``item``: its
    argument); None for actions not in the table."""
    if action == ITEM_ACTION and parameters:
        action = str(parameters[0])
    return BY_NAME.get(action)


_KEY_NAMES = {
    "question_mark": "?",
    "f1": "F1",
    "colon": ":",
    "slash": "/",
    "escape": "esc",
    "right": "→",
    "left": "←",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}
# The widest "does" text a help row may have: the help dialog is at most 100 columns, less
# its border, padding and key column, so a longer text wraps into a second row.
HELP_WIDTH = 72


def key_text(keys: str) -> str:
    """``question_mark,f1`` → ```?`, `F1```."""
    return ", ".join(f"`{_KEY_NAMES.get(key, key)}`" for key in keys.split(","))


def help_rows(rows: Iterable[tuple[str, str]]) -> str:
    """A markdown table of (keys, what they do) rows."""
    lines = [f"| {key_text(keys)} | {does} |" for keys, does in rows]
    return "\n".join(["| key | does |", "|---|---|", *lines])


def help_table(verbs: Iterable[Verb]) -> str:
    return help_rows((verb.keys, verb.help) for verb in verbs)


def binding_rows(bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """A widget's own keys for the help: each binding's tooltip, else its description."""
    return [(b.key, b.tooltip or b.description) for b in bindings if b.description]
