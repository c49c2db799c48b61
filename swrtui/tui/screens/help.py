"""The help screen (``?``/F1): every key the app, tree and tags table answer to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# swrtui keys

| key | does |
|---|---|
| `↑ ↓ ← →`, `enter` | move in the tree; enter opens a node, → expands |
| `tab` / `shift+tab` | move between the tree and the pane |
| `/` | filter the tree or the tags table (esc closes) |
| `ctrl+p` | command palette: go to any org/repo/tag, `area: Verb` commands |
| `:` | command mode: the REPL's command language, with completion (tab) and history (↑) |
| `r` | refresh the current node |
| `?`, `F1` | this help |
| `q` | quit |

## Tags table
| key | does |
|---|---|
| `space` | select / unselect the tag under the cursor |
| `a` / `A` | select every tag the filter shows / clear the selection |
| `1` `2` `3` | sort by name / updated / size (again to flip) |
| `[` `]` | previous / next page of tags |
| `enter` | open the tag |

## Changes (hidden in read-only mode)
| key | does |
|---|---|
| `c` | clean up tags: of the selection, else of the repository |
| `delete` | the item under the cursor on a list tab; else the selected tags, the tag, |
| | the repository or the (empty) organization |
| `L` | temporary docker login |

## Item keys: they act on the visible tab
| key | does |
|---|---|
| `n` | new: organization (tenant), role, shared account, trigger, retention policy, sync task |
| `e` | edit: the repository (Tags, Details), a role, a share's deadline, the retention policy |
| `x` | remove the item under the cursor (asks first) |
| `t` | enable / disable the trigger under the cursor |
| `s` | Sync tab: copy tags (the selected ones) to another region now |
| `p` | Retention tab: preview what the policy would delete now (deletes nothing) |

Forms: `ctrl+s` saves, `esc` cancels. Cleanup screen: `ctrl+r` plans, `ctrl+g` deletes the plan.
Palette: `profile: Switch…`, `repository: Show retention policy`, `theme: light (swr-light)`.

## Tag pane
| key | does |
|---|---|
| `y` / `Y` / `d` | copy the pull command / internal pull command / digest |
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
