"""Switching profiles inside the app: pick one (``profile: Switch…``) or ``use`` it in
command mode; its context is built off the event loop (it may read the keyring), then the
titles, tree, panes and name cache all move to its client.

A mixin of :class:`~swrtui.tui.app.SwrApp` (its methods take the app as ``self``).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work

from swrtui.commands import Connection
from swrtui.errors import describe_error
from swrtui.tui import nodes
from swrtui.tui.context import AppContext
from swrtui.tui.panes.base import Pane
from swrtui.tui.screens.profiles import ProfileScreen

if TYPE_CHECKING:
    from swrtui.tui.app import SwrApp


class ProfileSwitching:
    def action_switch_profile(self: SwrApp) -> None:
        """``profile: Switch…``: pick a profile; the tree and panes rebuild on it."""

        def picked(name: str | None) -> None:
            if name:
                self.switch_profile(name)

        screen = ProfileScreen(
            self.ctx.profiles(), self.ctx.profile, can_switch=self.ctx.connect is not None
        )
        self.push_screen(screen, picked)

    @work(group="profile", exclusive=True, exit_on_error=False)
    async def switch_profile(self: SwrApp, name: str) -> None:
        try:
            await self.session.switch(name)
        except Exception as exc:
            self.notify(describe_error(exc), title=f"Cannot switch to {name}", severity="error")
            return
        self.notify(f"Now on profile {name} ({self.ctx.region})", title="Profile switched")

    async def _connect_profile(self: SwrApp, name: str) -> Connection:
        """The session's connect (``profile: Switch…`` and command mode's ``use``): build
        the profile's context off the event loop (it may read the keyring), then adopt it."""
        assert self.ctx.connect is not None
        context = await asyncio.to_thread(self.ctx.connect, name)
        self._adopt(context)
        return context.connection()

    def _adopt(self: SwrApp, context: AppContext) -> None:
        """Rebuild on another profile's client: titles, tree, every pane, the tenant open."""
        context.connect = context.connect or self.ctx.connect
        self.ctx = context
        context.client.on_slow_request = self.waits
        self._set_titles()
        for pane in self.query(Pane).results(Pane):
            pane.set_client(context.client)
        self.nav.use_client(context.client, f"tenant ({context.profile})")
        self._use_names_file(context)
        self.current = nodes.TENANT
        self.show(nodes.TENANT)

    def _use_names_file(self: SwrApp, context: AppContext) -> None:
        # The profile's saved names are on screen before the first request completes.
        if context.names_file is not None:
            self.session.cache.load(context.names_file)
