"""The help screen (``?``/F1): every key the app (from :mod:`swrtui.tui.verbs`), the tree
and the tags table answer to, drawn from their bindings so help and keys cannot drift."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from swrtui.tui.verbs import KEYED, binding_rows, help_rows, help_table
from swrtui.tui.widgets.name_tree import NameTree
from swrtui.tui.widgets.nav_tree import NavTree
from swrtui.tui.widgets.tag_grid import TagGrid
from swrtui.tui.widgets.tags_table import TagsTable


def _verbs(*, item: bool = False, mutates: bool = False, tag: bool = False) -> str:
    return help_table(
        verb
        for verb in KEYED
        if verb.item == item
        and (verb.mutates == mutates or item)
        and (verb.kinds == ("tag",)) == tag
    )


# Keys of Textual's own that the tree and tables answer to, which no binding here declares.
MOVING = [
    ("up,down", "move in the tree or a table"),
    ("enter", "open the node or the row under the cursor (a tag, a role, a share…)"),
    ("tab,shift+tab", "move on: tree → table → tabs"),
    ("ctrl+p", "palette: go to any org/repo/tag; `area: Verb` commands"),
]
NAVIGATION = help_rows(
    [*MOVING, *binding_rows(NameTree.BINDINGS), *binding_rows(NavTree.BINDINGS)]  # type: ignore[arg-type]
)
TAGS_TABLE = help_rows(binding_rows([*TagsTable.BINDINGS, *TagGrid.BINDINGS]))  # type: ignore[arg-type]

# The app's keys come from the verb table; the tree's and the tags table's are their own.
HELP = f"""\
# swrtui keys

{NAVIGATION}

{_verbs()}

## Tags table
{TAGS_TABLE}

## Changes (hidden in read-only mode)
{_verbs(mutates=True)}

## Item keys: they act on the visible tab
{_verbs(item=True)}

Every other screen: `esc` or `q` goes back. Forms: `ctrl+s` saves.
Cleanup screen: `ctrl+r` plans, `ctrl+g` deletes the plan.
Palette: `profile: Switch…`, `repository: Show retention policy`, `theme: light (swr-light)`.

## Tag pane
{_verbs(tag=True)}
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(HELP)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
