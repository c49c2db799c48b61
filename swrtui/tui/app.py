"""``SwrApp``: the Textual application — header, navigation tree, detail panes, footer.

Network work runs in workers (``exit_on_error=False``) that report failures as
notifications (error code and message, never a traceback). Every action that changes the
registry is named in :data:`MUTATING` and refused in read-only mode by the one
:meth:`SwrApp.check_action`; every destructive one asks first in a :class:`ConfirmScreen`.
The item keys (:data:`ITEM_VERBS`: new, edit, enable/disable, remove, sync, preview) go to
the section of the visible tab (a :class:`~swrtui.tui.screens.base.Pane`), which makes its
changes through :meth:`SwrApp.run_change` and :meth:`SwrApp.confirm_change`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Footer, Header, TabbedContent, Tree

from swrtui.commands import Connection, Session, Where, run_line
from swrtui.errors import describe_error
from swrtui.services.deletion import DeletionReport
from swrtui.tui import nodes
from swrtui.tui.actions import deletion
from swrtui.tui.context import AppContext
from swrtui.tui.nodes import Node
from swrtui.tui.palette import ActionsProvider, GoToProvider
from swrtui.tui.screens.base import Change, Pane
from swrtui.tui.screens.cleanup import CleanupScreen
from swrtui.tui.screens.command_output import CommandOutput
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.help import HelpScreen
from swrtui.tui.screens.login import LoginScreen
from swrtui.tui.screens.organizations import OrganizationPane
from swrtui.tui.screens.profiles import ProfileScreen
from swrtui.tui.screens.repositories import RepositoryPane
from swrtui.tui.screens.tags import TagPane
from swrtui.tui.screens.tenant import TenantPane
from swrtui.tui.theme_files import DEFAULT_THEME, load_all_themes
from swrtui.tui.widgets.command_bar import CommandBar
from swrtui.tui.widgets.nav_tree import NavTree

# Actions that change the registry: hidden and refused in read-only mode.
MUTATING = frozenset({"cleanup", "edit", "delete", "add", "enable", "remove", "sync_now"})
# Actions answered by the visible section (``Pane.VERBS``); hidden where it has none.
ITEM_VERBS = frozenset({"add", "edit", "enable", "remove", "sync_now", "preview"})
# The app's own keys that still work over a work screen (cleanup, login, forms): the
# others act on the main screen's node, which a modal screen hides.
OVER_WORK_SCREENS = frozenset({"quit", "help"})
PANE_IDS = {
    "tenant": "pane-tenant",
    "organization": "pane-organization",
    "repository": "pane-repository",
    "tag": "pane-tag",
}
COMMAND_PANE = "pane-command"
# Moving through the tree quickly must not start a load per row passed.
SHOW_DELAY = 0.12


class SwrApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "swrtui"
    COMMANDS = App.COMMANDS | {GoToProvider, ActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("r", "refresh", "Refresh"),
        Binding("colon", "command_mode", "Command"),
        Binding("slash", "filter", "Filter", show=False),
        Binding("n", "add", "New…"),
        Binding("e", "edit", "Edit…"),
        Binding("t", "enable", "Enable/disable"),
        Binding("x", "remove", "Remove…"),
        Binding("s", "sync_now", "Sync now…"),
        Binding("p", "preview", "Preview"),
        Binding("c", "cleanup", "Clean up"),
        Binding("delete", "delete", "Delete"),
        Binding("L", "login", "Docker login"),
        Binding("y", "copy('external')", "Copy pull"),
        Binding("Y", "copy('internal')", "Copy internal pull", show=False),
        Binding("d", "copy('digest')", "Copy digest", show=False),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.ctx = context
        self.current: Node = nodes.TENANT
        self._theme_ready = False
        self._show_timer: object | None = None
        self.session = Session(
            context.connection(),
            confirm=self._ask,
            connect=self._connect_profile if context.connect else None,
            profiles=context.profiles,
            journal_dir=context.journal_dir,
        )

    # ----- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield NavTree(
                self.ctx.client, self.session.cache, f"tenant ({self.ctx.profile})", id="sidebar"
            )
            with ContentSwitcher(initial=PANE_IDS["tenant"], id="panes"):
                yield TenantPane(self.ctx.client, id=PANE_IDS["tenant"])
                yield OrganizationPane(self.ctx.client, id=PANE_IDS["organization"])
                yield RepositoryPane(self.ctx.client, id=PANE_IDS["repository"])
                yield TagPane(self.ctx.client, id=PANE_IDS["tag"])
                yield CommandOutput(id=COMMAND_PANE)
        yield CommandBar(self.session, id="command-bar")
        yield Footer()

    def on_mount(self) -> None:
        self._set_titles()
        self._install_themes()
        self.nav.tree_widget.focus()
        self.pane("tenant").show(nodes.TENANT)
        self.session.start_cache()

    def _set_titles(self) -> None:
        self.title = f"swrtui · {self.ctx.profile}"
        badge = " · READ-ONLY" if self.ctx.read_only else ""
        self.sub_title = f"{self.ctx.region} · {self.ctx.endpoint}{badge}"

    def _install_themes(self) -> None:
        loaded = load_all_themes()
        for theme in loaded.themes:
            self.register_theme(theme)
        if loaded.problems:
            self.notify(
                "\n".join(loaded.problems),
                title="Some theme files were skipped",
                severity="warning",
                timeout=10,
            )
        wanted = self.ctx.theme if self.ctx.theme in self.available_themes else DEFAULT_THEME
        self.theme = wanted
        self._theme_ready = True

    def watch_theme(self, theme: str) -> None:
        if self._theme_ready and self.ctx.save_theme is not None and theme != self.ctx.theme:
            self.ctx.theme = theme
            try:
                self.ctx.save_theme(theme)
            except Exception as exc:
                self.notify(describe_error(exc), title="Theme not saved", severity="warning")

    @property
    def nav(self) -> NavTree:
        return self.query_one(NavTree)

    def pane(self, kind: str) -> Pane:
        return self.query_one(f"#{PANE_IDS[kind]}", Pane)

    @property
    def repo_pane(self) -> RepositoryPane:
        return self.query_one(RepositoryPane)

    # ----- navigation ---------------------------------------------------------------
    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        if event.node.data is None or event.node.data == self.current:
            return
        target = event.node.data
        if self._show_timer is not None:
            self._show_timer.stop()  # type: ignore[attr-defined]
        self._show_timer = self.set_timer(SHOW_DELAY, lambda: self.show(target))

    def show(self, target: Node) -> None:
        """Make ``target`` the current node and load its pane."""
        self.current = target
        self.query_one("#panes", ContentSwitcher).current = PANE_IDS[target.kind]
        self.pane(target.kind).show(target)
        self.refresh_bindings()

    async def go_to(self, target: Node) -> None:
        """Reveal ``target`` in the tree (loading what it needs) and open it."""
        await self.nav.reveal(target)
        self.show(target)

    @work(group="open", exclusive=True, exit_on_error=False)
    async def open_node(self, target: Node) -> None:
        """The palette's "go to": a worker, since revealing a tag may load its repository."""
        try:
            await self.go_to(target)
        except Exception as exc:
            self.notify(describe_error(exc), title=f"Cannot open {target.path}", severity="error")

    async def run_palette_action(self, action: str) -> None:
        await self.run_action(action)

    def action_filter(self) -> None:
        """``/`` outside the tree and the table: filter the tags of an open repository, else
        the tree (inside either widget its own ``/`` wins)."""
        in_sidebar = self.focused is not None and self.nav in self.focused.ancestors_with_self
        if self.current.kind == "repository" and not in_sidebar:
            self.action_tags_filter()
        else:
            self.nav.action_filter()

    def action_focus_tree_filter(self) -> None:
        self.nav.action_filter()

    def action_tags_filter(self) -> None:
        self.query_one("#repo-tabs").active = "repo-tags"  # type: ignore[attr-defined]
        self.repo_pane.tags_table.action_filter()

    def action_show_tab(self, tab: str) -> None:
        """Open one tab of the current pane (the palette's ``repository: Show …``)."""
        self.pane(self.current.kind).query_one(TabbedContent).active = tab

    def action_tags_select_all(self) -> None:
        self.repo_pane.tags_table.action_select_filtered()

    # ----- read-only and the changes ------------------------------------------------
    def active_section(self) -> Pane:
        """Where the item keys go: the section of the visible tab of the current pane."""
        return self.pane(self.current.kind).active_section()

    @classmethod
    def _own_keys(cls) -> frozenset[str]:
        """The actions of this app's bindings (not Textual's: tab, ctrl+p, …) minus those
        that make sense anywhere."""
        actions = {b.action.partition("(")[0] for b in cls.BINDINGS if isinstance(b, Binding)}
        return frozenset(actions) - OVER_WORK_SCREENS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if getattr(self.screen, "WORK_SCREEN", False) and action in self._own_keys():
            return False
        if action in MUTATING and self.ctx.read_only:
            return False
        if action in ITEM_VERBS:
            return action in self.active_section().VERBS
        if action == "cleanup" and self.current.kind not in ("repository", "tag"):
            return None
        if action == "copy" and self.current.kind != "tag":
            return None
        return True

    def run_change(
        self,
        title: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Callable[[object], None] | None = None,
    ) -> None:
        """Run one change in a worker; report success or the error; refresh what it touched
        (``refresh``: a node of the tree; ``then``: called with the change's result)."""
        self._change(title, change, refresh, then)

    @work(group="changes", exit_on_error=False)
    async def _change(
        self,
        title: str,
        change: Change,
        refresh: Node | None,
        then: Callable[[object], None] | None,
    ) -> None:
        try:
            result = await change()
        except Exception as exc:
            self.notify(describe_error(exc), title=f"{title} failed", severity="error")
            return
        if isinstance(result, DeletionReport):
            # A partial deletion still changed the registry: report it exactly, then refresh.
            severity = "information" if result.ok else "error"
            self.notify(result.summary(), title="Tags deleted", severity=severity)
        else:
            self.notify(title, title="Done")
        if refresh is not None:
            self.refresh_node(refresh)
        if then is not None:
            then(result)

    def refresh_node(self, target: Node) -> None:
        self.nav.invalidate(target)
        self.pane(self.current.kind).reload()

    def action_copy(self, what: str) -> None:
        if self.current.kind == "tag":
            self.query_one(TagPane).copy(what)

    def action_refresh(self) -> None:
        # While parts of the tree are missing, `r` fetches just those (the panel says so).
        if self.nav.gaps:
            self.nav.retry_missing()
            return
        self.refresh_node(self.current)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # ----- item keys: the visible section's verbs ------------------------------------
    def _verb(self, verb: str) -> None:
        getattr(self.active_section(), f"do_{verb}")()

    def action_add(self) -> None:
        self._verb("add")

    def action_edit(self) -> None:
        self._verb("edit")

    def action_enable(self) -> None:
        self._verb("enable")

    def action_remove(self) -> None:
        self._verb("remove")

    def action_sync_now(self) -> None:
        self._verb("sync_now")

    def action_preview(self) -> None:
        self._verb("preview")

    def action_delete(self) -> None:
        """``delete``: the item under the cursor where the visible tab lists items, else the
        selected tags, the tag, the repository or the organization."""
        if "remove" in self.active_section().VERBS:
            self._verb("remove")
            return
        selected = sorted(self.repo_pane.tags_table.model.selected)
        found = deletion(self.ctx.client, self.current, selected)
        if found is None:
            self.notify("Select tags, a tag, a repository or an organization.", severity="warning")
            return
        self.confirm_change(found.question, found.done, found.change, found.refresh)

    def confirm_change(
        self,
        question: str,
        done: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Callable[[object], None] | None = None,
        action: str = "Delete",
    ) -> None:
        """Ask ``question``; on yes run the change, and open ``refresh`` if the current
        node goes with it (a deleted tag opens its repository)."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.run_change(done, change, refresh, then=then)
            if refresh is not None and refresh.kind != self.current.kind:
                self.show(refresh)

        self.push_screen(ConfirmScreen(question, action=action), answered)

    def action_cleanup(self) -> None:
        target = self.current if self.current.kind == "repository" else self.current.parent()
        if target.kind != "repository":
            self.notify("Open a repository to clean up its tags.", severity="warning")
            return
        selected = []
        if self.current.kind == "repository":
            selected = sorted(self.repo_pane.tags_table.model.selected)
        screen = CleanupScreen(
            self.ctx.client,
            target.org,
            target.repo,
            selected,
            journal_dir=self.ctx.journal_dir,
        )

        def closed(deleted: bool | None) -> None:
            if deleted:
                self.refresh_node(target)

        self.push_screen(screen, closed)

    def action_login(self) -> None:
        self.push_screen(LoginScreen(self.ctx.client, self.ctx.ak, self.ctx.sk))

    # ----- profiles -----------------------------------------------------------------
    def action_switch_profile(self) -> None:
        """``profile: Switch…``: pick a profile; the tree and panes rebuild on it."""

        def picked(name: str | None) -> None:
            if name:
                self.switch_profile(name)

        screen = ProfileScreen(
            self.ctx.profiles(), self.ctx.profile, can_switch=self.ctx.connect is not None
        )
        self.push_screen(screen, picked)

    @work(group="profile", exclusive=True, exit_on_error=False)
    async def switch_profile(self, name: str) -> None:
        try:
            await self.session.switch(name)
        except Exception as exc:
            self.notify(describe_error(exc), title=f"Cannot switch to {name}", severity="error")
            return
        self.notify(f"Now on profile {name} ({self.ctx.region})", title="Profile switched")

    async def _connect_profile(self, name: str) -> Connection:
        """The session's connect (``profile: Switch…`` and command mode's ``use``): build
        the profile's context off the event loop (it may read the keyring), then adopt it."""
        assert self.ctx.connect is not None
        context = await asyncio.to_thread(self.ctx.connect, name)
        self._adopt(context)
        return context.connection()

    def _adopt(self, context: AppContext) -> None:
        """Rebuild on another profile's client: titles, tree, every pane, the tenant open."""
        context.connect = context.connect or self.ctx.connect
        self.ctx = context
        self._set_titles()
        for pane in self.query(Pane).results(Pane):
            pane.set_client(context.client)
        self.nav.use_client(context.client, f"tenant ({context.profile})")
        self.current = nodes.TENANT
        self.show(nodes.TENANT)

    # ----- command mode -------------------------------------------------------------
    def action_command_mode(self) -> None:
        self.query_one(CommandBar).open()

    async def _ask(self, question: str) -> bool:
        return bool(await self.push_screen_wait(ConfirmScreen(question, action="Yes")))

    @on(CommandBar.Submitted)
    def _command_submitted(self, event: CommandBar.Submitted) -> None:
        self.run_command(event.line)

    @work(group="command", exclusive=True, exit_on_error=False)
    async def run_command(self, line: str) -> None:
        """Run one line of the command language with the current node as its context."""
        node = self.current
        self.session.where = Where(node.org or None, node.repo or None)
        try:
            result = await run_line(self.session, line)
        except Exception as exc:
            self.notify(describe_error(exc), title="Command failed", severity="error")
            return
        if result is None:
            return
        self.query_one("#panes", ContentSwitcher).current = COMMAND_PANE
        self.query_one(CommandOutput).show_result(line, result)
        if result.changed:
            self.nav.reload()
        if self.session.exit_requested:
            self.exit()
