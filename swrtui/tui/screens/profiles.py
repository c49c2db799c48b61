"""The profile picker (``profile: Switch…``): the configured profiles, the current one
marked; picking another rebuilds the app on it. Where switching is not possible (the demo
has only its own profile) it lists what there is and says why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

NO_SWITCH = (
    "Switching is not available here: the demo runs on its in-process emulator with only "
    "the demo profile. Run `swrtui --profile NAME` (profiles: `swrtui configure`) to use "
    "another."
)


class ProfileScreen(ModalScreen[str | None]):
    # Modal: the app's own keys stay off while it is open (SwrApp.check_action).
    WORK_SCREEN = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "cancel", "Cancel", show=False),
    ]

    def __init__(self, profiles: Sequence[str], current: str, *, can_switch: bool) -> None:
        super().__init__()
        self.profiles = list(dict.fromkeys([*profiles, current]))
        self.current = current
        self.can_switch = can_switch

    def compose(self) -> ComposeResult:
        with Vertical(id="profiles", classes="dialog"):
            yield Label("Switch profile", classes="title")
            yield OptionList(
                *(
                    Option(f"{name}  (current)" if name == self.current else name, id=name)
                    for name in self.profiles
                ),
                id="profile-list",
            )
            note = "enter: switch · esc: cancel" if self.can_switch else NO_SWITCH
            yield Static(note, classes="hint", id="profile-note")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.profiles.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id
        if not self.can_switch or name == self.current:
            self.dismiss(None)
        else:
            self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
