"""A modal form for a repository's editable fields: description, category, visibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Switch

from swrtui.client.models.repositories import CATEGORIES, Repository


@dataclass(frozen=True)
class RepositoryEdit:
    description: str
    category: str
    is_public: bool


class EditRepositoryScreen(ModalScreen[RepositoryEdit | None]):
    # Modal: the app's own keys stay off while it is open (SwrApp.check_action).
    WORK_SCREEN = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "cancel", "Cancel", show=False),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-repo", classes="dialog"):
            yield Label(f"Edit {self.repo.full_name}", classes="title")
            yield Label("Description")
            yield Input(self.repo.description, id="description")
            yield Label("Category")
            category = self.repo.category if self.repo.category in CATEGORIES else "other"
            yield Select(
                [(c, c) for c in CATEGORIES], value=category, allow_blank=False, id="category"
            )
            with Horizontal(classes="row"):
                yield Label("Public ")
                yield Switch(self.repo.is_public, id="public")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.dismiss(
                RepositoryEdit(
                    description=self.query_one("#description", Input).value,
                    category=str(self.query_one("#category", Select).value),
                    is_public=self.query_one("#public", Switch).value,
                )
            )
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
