"""The login screen: temporary docker login (masked, reveal, copy, docker config, countdown)
and the long-term login computed from an AK/SK. Credentials come from
:mod:`swrtui.services.login`; the password is shown only while "reveal" is on.
"""

from __future__ import annotations

import shlex
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static, TabbedContent, TabPane

from swrtui import clock
from swrtui.client import SwrClient
from swrtui.commands.format import when
from swrtui.errors import describe_error
from swrtui.redaction import MASK, Secret
from swrtui.services.login import (
    DockerCredentials,
    login_command,
    long_term_login,
    temporary_login,
    write_docker_auth,
)
from swrtui.tui.widgets.info import KeyValues


def countdown(expires_at: datetime | None, now: datetime) -> str:
    """``5h 59m 12s left``, ``expired``, or ``does not expire``."""
    if expires_at is None:
        return "does not expire"
    seconds = int((expires_at - now).total_seconds())
    if seconds <= 0:
        return "expired"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h {rest // 60:02d}m {rest % 60:02d}s left"


LOGIN_KEY = "log in with"


def login_line(creds: DockerCredentials, width: int | None = None) -> str:
    """The docker login command for people to read, in ``width`` columns if given: when
    the full line does not fit, the user part goes (docker asks for the username, shown
    just above), never the host, which names where the login is for."""
    full = login_command(creds, "prompt").reveal()
    if width is None or len(full) <= width:
        return full
    return f"docker login {shlex.quote(creds.host)}"


def credential_pairs(
    creds: DockerCredentials, now: datetime, reveal: bool, width: int | None = None
) -> list[tuple[str, str]]:
    """The login's fields; ``width`` is the columns the values have (None: no limit)."""
    return [
        ("registry", creds.host),
        ("username", creds.username),
        ("password", creds.password.reveal() if reveal else MASK),
        (
            "expires",
            f"{when(creds.expires_at)} UTC ({countdown(creds.expires_at, now)})"
            if creds.expires_at
            else countdown(None, now),
        ),
        (LOGIN_KEY, login_line(creds, width)),
    ]


class LoginScreen(Screen[None]):
    # A modal work screen: the app's own keys (c, L, n, ...) stay off while it is open.
    WORK_SCREEN = True
    BINDINGS: ClassVar[list[BindingType]] = [
        # q goes back like esc: only the main screen's q quits.
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Back", show=False),
        Binding("v", "reveal", "Reveal/hide password"),
        Binding("s", "copy_stdin", "Copy --password-stdin command"),
        Binding("p", "copy_password", "Copy password"),
        Binding("w", "write_config", "Write docker config"),
    ]

    def __init__(
        self,
        client: SwrClient,
        ak: str = "",
        sk: Secret | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.ak, self.sk = ak, sk
        self.credentials: DockerCredentials | None = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Static("Docker login", classes="title")
        with TabbedContent(id="login-tabs"):
            with TabPane("Temporary", id="login-temporary"):
                yield Static("Getting a temporary login…", id="login-status")
                yield KeyValues(id="login-details")
            with TabPane("Long-term", id="login-long-term"):
                yield Static(
                    "Computed locally from a permanent AK/SK; valid until the key is removed.",
                    classes="hint",
                )
                yield Label("AK")
                yield Input(self.ak, id="lt-ak")
                yield Label("SK (hidden)")
                yield Input(self.sk.reveal() if self.sk else "", password=True, id="lt-sk")
                yield Button("Compute long-term login", id="lt-compute")
        with Horizontal(classes="buttons"):
            yield Button("Reveal (v)", id="reveal")
            yield Button("Copy --password-stdin (s)", id="copy-stdin")
            yield Button("Write docker config (w)", id="write-config")
        yield Footer()

    def on_mount(self) -> None:
        self._fetch_temporary()
        self.set_interval(1.0, self._render_credentials)

    @work(exclusive=True, group="login", exit_on_error=False)
    async def _fetch_temporary(self) -> None:
        try:
            creds = await temporary_login(self.client)
        except Exception as exc:
            self.query_one("#login-status", Static).update(describe_error(exc))
            self.notify(describe_error(exc), title="Temporary login failed", severity="error")
            return
        self.show_credentials(creds, "Temporary login (about six hours)")

    def show_credentials(self, creds: DockerCredentials, status: str) -> None:
        self.credentials = creds
        self.query_one("#login-status", Static).update(status)
        self._render_credentials()

    def _render_credentials(self) -> None:
        if self.credentials is not None:
            details = self.query_one("#login-details", KeyValues)
            # The values' column: the screen less the keys' column and the gap between.
            width = self.size.width - len(LOGIN_KEY) - 2
            pairs = credential_pairs(self.credentials, clock.now(), self.revealed, width)
            details.set(pairs)

    def on_resize(self) -> None:
        self._render_credentials()

    @on(Button.Pressed, "#lt-compute")
    def _compute_long_term(self) -> None:
        ak = self.query_one("#lt-ak", Input).value.strip()
        sk = Secret(self.query_one("#lt-sk", Input).value)
        try:
            creds = long_term_login(self.client.region, ak, sk, host=self.client.registry)
        except ValueError as exc:
            self.notify(str(exc), title="Long-term login", severity="error")
            return
        self.query_one("#login-tabs", TabbedContent).active = "login-temporary"
        self.show_credentials(creds, "Long-term login")

    @on(Button.Pressed, "#reveal")
    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self._render_credentials()

    def _need(self) -> DockerCredentials | None:
        if self.credentials is None:
            self.notify("No login yet.", severity="warning")
        return self.credentials

    @on(Button.Pressed, "#copy-stdin")
    def action_copy_stdin(self) -> None:
        if creds := self._need():
            self.app.copy_to_clipboard(login_command(creds, "stdin").reveal())
            self.notify(
                "The command starts with a space, so shells that ignore such lines "
                "keep it out of history.",
                title="Copied the --password-stdin command",
            )

    def action_copy_password(self) -> None:
        if creds := self._need():
            self.app.copy_to_clipboard(creds.password.reveal())
            self.notify("Paste it at docker's password prompt.", title="Copied the password")

    @on(Button.Pressed, "#write-config")
    def action_write_config(self) -> None:
        if creds := self._need():
            try:
                result = write_docker_auth(creds)
            except Exception as exc:
                title = "Docker config not written"
                self.notify(describe_error(exc), title=title, severity="error")
                return
            backup = f" (previous saved as {result.backup.name})" if result.backup else ""
            notes = "\n".join(result.notes)
            self.notify(f"{result.path}{backup}\n{notes}".strip(), title="Docker config written")

    def action_close(self) -> None:
        self.dismiss(None)
