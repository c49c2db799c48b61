"""``SwrApp``: the Textual application — header, navigation tree, detail panes, footer.

Network work runs in workers (``exit_on_error=False``) that report failures as
notifications (error code and message, never a traceback). The keys come from the one verb
table (:mod:`swrtui.tui.verbs`): every verb that changes the registry is refused in
read-only mode by the one :meth:`SwrApp.check_action`; every destructive one asks first in
a :class:`ConfirmScreen`. The item keys (new, edit, enable/disable, remove, sync, preview)
go to the section of the visible tab (a :class:`~swrtui.tui.panes.base.Pane`), which asks
for its changes with a :class:`~swrtui.tui.panes.base.ChangeRequested` message; the worker
that runs one posts a :class:`~swrtui.tui.panes.base.ChangeFinished`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, TabbedContent, Tree

from swrtui.commands import Session, Where, run_line
from swrtui.commands.format import plural
from swrtui.errors import describe_error
from swrtui.services.deletion import DeletionReport
from swrtui.tui import layout, nodes, tabs, verbs
from swrtui.tui.context import AppContext
from swrtui.tui.deleting import Deleting
from swrtui.tui.nodes import Node
from swrtui.tui.palette import ActionsProvider, GoToProvider, system_group
from swrtui.tui.panes.base import ChangeFinished, ChangeRequested, Pane
from swrtui.tui.panes.organizations import OrganizationPane
from swrtui.tui.panes.reports import TenantPane
from swrtui.tui.panes.repositories import RepositoryPane
from swrtui.tui.panes.tags import TagPane
from swrtui.tui.profile_switching import ProfileSwitching
from swrtui.tui.screens.command_output import CommandOutput
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.screens.help import HelpScreen
from swrtui.tui.screens.login import LoginScreen
from swrtui.tui.theme_files import DEFAULT_THEME, install_themes
from swrtui.tui.waiting import WaitStatus
from swrtui.tui.widgets.command_bar import CommandBar
from swrtui.tui.widgets.nav_tree import NavTree
from swrtui.tui.widgets.tags_table import TagsTable

# Moving through the tree quickly must not start a load per row passed.
SHOW_DELAY = 0.12
# The workers that change something: quitting while one runs asks first.
CHANGE_GROUPS = frozenset({"changes", "command", "profile"})


class SwrApp(Deleting, ProfileSwitching, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "swrtui"
    COMMANDS = App.COMMANDS | {GoToProvider, ActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = verbs.bindings()  # type: ignore[assignment]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.ctx = context
        self.current: Node = nodes.TENANT
        self._theme_ready = False
        self._show_timer: object | None = None
        self.waits = WaitStatus(self._set_titles)
        context.client.on_slow_request = self.waits
        self.session = Session(
            context.connection(),
            confirm=self._ask,
            connect=self._connect_profile if context.connect else None,
            profiles=context.profiles,
            journal_dir=context.journal_dir,
        )
        self._use_names_file(context)

    # ----- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield NavTree(
                self.ctx.client, self.session.cache, f"tenant ({self.ctx.profile})", id="sidebar"
            )
            with ContentSwitcher(initial=tabs.PANES["tenant"], id="panes"):
                yield TenantPane(self.ctx.client, id=tabs.PANES["tenant"])
                yield OrganizationPane(self.ctx.client, id=tabs.PANES["organization"])
                yield RepositoryPane(self.ctx.client, id=tabs.PANES["repository"])
                yield TagPane(self.ctx.client, id=tabs.PANES["tag"])
                yield CommandOutput(id=tabs.COMMAND_PANE)
        yield CommandBar(self.session, id="command-bar")
        yield Footer()

    def on_mount(self) -> None:
        self._set_titles()
        self._install_themes()
        self.nav.user_width = layout.load_tree_width(self.ctx.layout_file)
        self.nav.fit_width()
        self.nav.tree_widget.focus()
        self.pane("tenant").show(nodes.TENANT)
        self.session.start_cache()

    def _set_titles(self) -> None:
        self.title = f"swrtui · {self.ctx.profile}"
        badge = " · READ-ONLY" if self.ctx.read_only else ""
        waiting = f" · {self.waits.text}" if self.waits.text else ""
        self.sub_title = f"{self.ctx.region} · {self.ctx.endpoint}{badge}{waiting}"

    def _install_themes(self) -> None:
        install_themes(self)
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
        return self.query_one(f"#{tabs.PANES[kind]}", Pane)

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
        self.query_one("#panes", ContentSwitcher).current = tabs.PANES[target.kind]
        self.pane(target.kind).show(target)
        self.refresh_bindings()

    async def go_to(self, target: Node) -> None:
        """Reveal ``target`` in the tree (loading what it needs) and open it."""
        await self.nav.reveal(target)
        self.show(target)

    @work(group="open", exclusive=True, exit_on_error=False)
    async def open_node(self, target: Node) -> None:
        """The palette's "go to": a worker, since revealing a tag may load its repository.
        Focus goes to the target's tree node: what had it (a filter box, the table of
        another pane) may be hidden now, and keys typed into it would be lost."""
        try:
            await self.go_to(target)
        except Exception as exc:
            self.notify(describe_error(exc), title=f"Cannot open {target.path}", severity="error")
            return
        self.nav.tree_widget.focus()

    async def run_palette_action(self, action: str) -> None:
        await self.run_action(action)

    def action_filter(self) -> None:
        """``/`` outside the tree and the table: filter the tags of an open repository, else
        the tree (inside either widget its own ``/`` wins)."""
        if self.current.kind == "repository" and not self._in_sidebar():
            self.action_tags_filter()
        else:
            self.nav.action_filter()

    def action_focus_tree_filter(self) -> None:
        self.nav.action_filter()

    def action_tags_filter(self) -> None:
        self.query_one(f"#{tabs.REPO_TABS}", TabbedContent).active = tabs.REPO_TAGS
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Drawn from the verb table: the app's keys are off over any other screen (its own
        q and esc go back), changes off in read-only mode, item keys where the visible
        section has no such verb, and a verb for other node kinds: every key the footer
        shows works on the current node."""
        if self.screen is not self.screen_stack[0] and action in verbs.OWN_ACTIONS:
            return False
        verb = verbs.find(action, parameters)
        if verb is None:
            # A palette-only command: only the read-only gate applies (the palette offers
            # each for its node kinds).
            return not (self.ctx.read_only and action in verbs.MUTATING)
        if verb.mutates and self.ctx.read_only:
            return False
        if verb.item:
            return self.active_section().answers(verb.action)
        return not verb.kinds or self.current.kind in verb.kinds

    def action_item(self, verb: str) -> None:
        """An item key: the visible section's ``do_<verb>``."""
        self.active_section().answer(verb)

    @on(ChangeRequested)
    def _change_requested(self, request: ChangeRequested) -> None:
        """A pane's change: ask first when it says so; open ``refresh`` if the current node
        goes with it (a deleted tag opens its repository)."""
        if request.question is None:
            self._change(request)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._change(request)
            refresh = request.refresh
            if refresh is not None and refresh.kind != self.current.kind:
                self.show(refresh)

        self.push_screen(ConfirmScreen(request.question, action=request.action), answered)

    @work(group="changes", exit_on_error=False)
    async def _change(self, request: ChangeRequested) -> None:
        try:
            result = await request.change()
        except Exception as exc:
            self.post_message(ChangeFinished(request, error=exc))
            return
        self.post_message(ChangeFinished(request, result))

    @on(ChangeFinished)
    def _change_finished(self, finished: ChangeFinished) -> None:
        """Report success or the error; refresh what the change touched."""
        request, result = finished.request, finished.result
        if finished.error is not None:
            title = f"{request.done} failed"
            self.notify(describe_error(finished.error), title=title, severity="error")
            return
        if isinstance(result, DeletionReport):
            # A partial deletion still changed the registry: report it exactly, then refresh.
            severity = "information" if result.ok else "error"
            self.notify(result.summary(), title="Tags deleted", severity=severity)
        else:
            self.notify(request.done, title="Done")
        if request.refresh is not None:
            self.refresh_node(request.refresh)
        if request.then is not None:
            request.then(result)

    def refresh_node(self, target: Node) -> None:
        self.nav.invalidate(target)
        self.pane(self.current.kind).reload()

    def action_copy(self, what: str) -> None:
        if self.current.kind == "tag":
            self.query_one(TagPane).copy(what)

    def action_refresh(self) -> None:
        # While parts of the tree or the tags are missing, `r` fetches just those (the
        # panels say so).
        if self.nav.gaps:
            self.nav.retry_missing()
            return
        if self.current.kind == "repository" and self.repo_pane.tag_listing is not None:
            self.repo_pane.retry_missing_tags()
            return
        # A failed pane's panel offers r too: reloading the node loads it again.
        self.refresh_node(self.current)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; while a change is still running, ask first (quitting would cut it off)."""
        running = [w for w in self.workers if w.group in CHANGE_GROUPS and w.is_running]
        if not running:
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        question = f"{plural(len(running), 'change')} still running. Quit anyway?"
        self.push_screen(ConfirmScreen(question, action="Quit"), answered)

    # ----- focus, layout, system commands ---------------------------------------------
    def action_focus_next(self) -> None:
        self._step_focus(1)

    def action_focus_previous(self) -> None:
        self._step_focus(-1)

    def _step_focus(self, step: int) -> None:
        chain = self.screen.focus_chain
        if self.screen is self.screen_stack[0]:
            chain = layout.tab_order(chain)
        target = layout.next_focus(chain, self.focused, step)
        if target is not None:
            target.focus()

    def action_resize_tree(self, delta: int) -> None:
        self.nav.resize(delta)

    @on(NavTree.Resized)
    def _tree_resized(self, event: NavTree.Resized) -> None:
        try:
            layout.save_tree_width(self.ctx.layout_file, event.width)
        except OSError as exc:
            self.notify(describe_error(exc), title="Tree width not saved", severity="warning")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return system_group(super().get_system_commands(screen))

    @on(TagPane.Gone)
    def _tag_gone(self, event: TagPane.Gone) -> None:
        """A tag deleted elsewhere: its repository opens, with a notice saying why."""
        if self.current != event.node:
            return
        error = describe_error(event.error)
        self.notify(
            f"{event.node.path} no longer exists ({error})", title="Tag gone", severity="warning"
        )
        self.open_node(event.node.parent())

    @on(TagsTable.Opened)
    def _tag_opened(self, event: TagsTable.Opened) -> None:
        """Enter on a row of the tags table opens that tag."""
        if self.current.kind == "repository":
            self.open_node(nodes.tag(self.current.org, self.current.repo, event.tag.name))

    def action_login(self) -> None:
        self.push_screen(LoginScreen(self.ctx.client, self.ctx.ak, self.ctx.sk))

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
        self.query_one("#panes", ContentSwitcher).current = tabs.COMMAND_PANE
        self.query_one(CommandOutput).show_result(line, result)
        if result.changed:
            self.nav.reload()
        if self.session.exit_requested:
            self.exit()
