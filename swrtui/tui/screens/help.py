"""The help screen (``?``/F1): every key the app (from :mod:`swrtui.tui.verbs`), the tree
and the tags table answer to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from swrtui.tui.verbs import KEYED, help_table


def _verbs(*, item: bool = False, mutates: bool = False, tag: bool = False) -> str:
    return help_table(
        verb
        for verb in KEYED
        if verb.item == item
        and (verb.mutates == mutates or item)
        and (verb.kinds == ("tag",)) == tag
    )


NAVIGATION = """\
| key | does |
|---|---|
| `↑ ↓ ← →`, `enter` | move in the tree; enter opens a node, → expands |
| `tab` / `shift+tab` | move between the tree and the pane |
| `ctrl+p` | command palette: go to any org/repo/tag, `area: Verb` commands |
"""

TAGS_TABLE = """\
| key | does |
|---|---|
| `space` | select / unselect the tag under the cursor |
| `a` / `A` | select every tag the filter shows / clear the selection |
| `1` `2` `3` | sort by name / updated / size (again to flip) |
| `↑` `↓` `PgUp` `PgDn` `Home` `End` | move through every tag (End: the oldest) |
| `enter` | open the tag |
"""

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

Forms: `ctrl+s` saves, `esc` cancels. Cleanup screen: `ctrl+r` plans, `ctrl+g` deletes the plan.
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
