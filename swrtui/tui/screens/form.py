"""A small modal form: text inputs, choices and switches, checked before it closes.

:class:`FormScreen` lays out :class:`Field` s and, on Save (or enter in a text input), hands
the values to ``parse``; what ``parse`` raises (a client :class:`ValidationError`, a
``ValueError``) is shown in the form, which stays open. It dismisses with what ``parse``
returns, or ``None`` on cancel. Choices may be loaded after the form opens (``load``), and
picking a choice may fill other fields (``fills``), e.g. a known user's name and ID.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, Switch

from swrtui.client.errors import SwrError
from swrtui.errors import describe_error

T = TypeVar("T")
Value = str | bool
Values = Mapping[str, Value]
Choices = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Field:
    """One row of the form: an Input, a Select (``choices``) or a Switch (a bool ``value``)."""

    id: str
    label: str
    value: Value = ""
    choices: Choices = ()
    placeholder: str = ""
    # A Select whose choices arrive later (from ``FormScreen.load``); blank until then.
    loaded: bool = False
    # Picking a choice sets other text fields: choice -> {field id: text}.
    fills: Callable[[str], Mapping[str, str]] | None = None


def split_list(text: str) -> list[str]:
    """``"a, b,,c"`` → ``["a", "b", "c"]``."""
    return [part.strip() for part in text.split(",") if part.strip()]


class FormScreen(ModalScreen[T | None], Generic[T]):
    # Modal: the app's own keys stay off while it is open (SwrApp.check_action).
    WORK_SCREEN = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        parse: Callable[[Values], T],
        *,
        submit: str = "Save",
        note: str = "",
        load: Callable[[], Awaitable[Mapping[str, Choices]]] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.parse = parse
        self.submit_label = submit
        self.note = note
        self.load = load

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", classes="dialog"):
            yield Label(self.form_title, classes="title")
            if self.note:
                yield Static(self.note, classes="hint", id="form-note")
            # Above the fields, so a long form never scrolls the reason out of sight.
            yield Static("", id="form-error")
            for field in self.fields:
                yield from self._row(field)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.submit_label} (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def _row(self, field: Field) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(field.label)
            yield self._widget(field)

    def _widget(self, field: Field) -> Widget:
        if isinstance(field.value, bool):
            return Switch(field.value, id=field.id)
        if field.choices or field.loaded:
            options = [(label, value) for label, value in field.choices]
            initial = field.value if field.value in {v for _, v in options} else Select.NULL
            return Select(
                options,
                value=initial,
                allow_blank=initial is Select.NULL,
                prompt=field.placeholder or "choose…",
                id=field.id,
            )
        return Input(str(field.value), placeholder=field.placeholder, id=field.id)

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#{self.fields[0].id}").focus()
        if self.load is not None:
            self._load_choices()

    @work(exit_on_error=False)
    async def _load_choices(self) -> None:
        assert self.load is not None
        try:
            choices = await self.load()
        except Exception as exc:
            self._error(f"Cannot load choices: {describe_error(exc)}")
            return
        wanted = {field.id: field.value for field in self.fields}
        for field_id, options in choices.items():
            select = self.query_one(f"#{field_id}", Select)
            select.set_options(options)
            select.prompt = "choose…"
            if wanted.get(field_id) in {value for _, value in options}:
                select.value = wanted[field_id]

    def values(self) -> dict[str, Value]:
        found: dict[str, Value] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.id}")
            if isinstance(widget, Switch):
                found[field.id] = widget.value
            elif isinstance(widget, Select):
                found[field.id] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                found[field.id] = widget.value
        return found

    @on(Select.Changed)
    def _filled(self, event: Select.Changed) -> None:
        field = next((f for f in self.fields if f.id == event.select.id), None)
        if field is None or field.fills is None or event.select.is_blank():
            return
        for target, text in field.fills(str(event.value)).items():
            self.query_one(f"#{target}", Input).value = text

    def _error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(text)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            result = self.parse(self.values())
        except (SwrError, ValueError) as exc:
            self._error(describe_error(exc) if isinstance(exc, SwrError) else str(exc))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
