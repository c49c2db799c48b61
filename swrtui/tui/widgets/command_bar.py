"""Command mode: a command line at the bottom that speaks :mod:`swrtui.commands`.

``:`` opens it. ``tab`` completes with :func:`swrtui.commands.suggest` (the suggestions
show above the line), ``↑``/``↓`` walk the history, ``enter`` runs, ``esc`` closes. The bar
only edits text; the app runs the line (:class:`CommandBar.Submitted`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from swrtui.commands import Session, Suggestion, suggest

SHOWN_SUGGESTIONS = 8


class CommandBar(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete", show=False, priority=True),
        Binding("up", "history(-1)", "Previous", show=False),
        Binding("down", "history(1)", "Next", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    class Submitted(Message):
        def __init__(self, line: str) -> None:
            self.line = line
            super().__init__()

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.history: list[str] = []
        self._position = 0
        self.suggestions: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="command-suggestions")
        yield Input(placeholder="command (tab completes, ↑ history, esc closes)", id="command")

    @property
    def input(self) -> Input:
        return self.query_one("#command", Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next()

    def _suggest(self) -> list[Suggestion]:
        box = self.input
        return suggest(box.value, box.cursor_position, self.session.cache, where=self.session.where)

    @on(Input.Changed, "#command")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.suggestions = self._suggest() if event.value else []
        shown = [s.display or s.text for s in self.suggestions[:SHOWN_SUGGESTIONS]]
        self.query_one("#command-suggestions", Static).update("  ".join(shown))

    def action_complete(self) -> None:
        if not self.suggestions:
            self.suggestions = self._suggest()
        if not self.suggestions:
            return
        best = self.suggestions[0]
        box = self.input
        line, cursor = box.value, box.cursor_position
        box.value = line[: best.start] + best.text + line[cursor:]
        box.cursor_position = best.start + len(best.text)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._position = min(max(0, self._position + step), len(self.history))
        line = self.history[self._position] if self._position < len(self.history) else ""
        self.input.value = line
        self.input.cursor_position = len(line)

    @on(Input.Submitted, "#command")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line:
            return
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        self._position = len(self.history)
        self.input.value = ""
        self.post_message(self.Submitted(line))
