"""The base of every detail pane: show a node, load it in a worker, report failures.

A pane (or a *section*: a pane inside a tab of another pane, such as a repository's
triggers) answers the item verbs of :mod:`swrtui.tui.verbs` it has a ``do_<verb>`` method
for; the app's keys for them go to the :meth:`Pane.active_section`. Every change a verb
makes goes to the app as a :class:`ChangeRequested` message (:meth:`Pane.request_change`,
:meth:`Pane.confirm_change`): read-only mode, confirmations and the worker that runs the
change live there, once.

A load that fails leaves an error panel in place of the pane's data (code, message, URL and
"r: retry", the same line as the tree's gap panels), so no stale or empty data passes for
real; the next successful load takes it away. Enter on a row of a section's table opens the
item's editor where the section has one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import on, work
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static, TabbedContent

from swrtui.client import SwrClient
from swrtui.client.errors import SwrError
from swrtui.errors import describe_error
from swrtui.services.listing import Gap
from swrtui.tui.nodes import Node
from swrtui.tui.verbs import ITEM_VERBS
from swrtui.tui.widgets.info import row_times

Change = Callable[[], Awaitable[object]]
Then = Callable[[object], None]


class ChangeRequested(Message):
    """A pane asks the app to change the registry: run ``change`` (after asking
    ``question``, when there is one), report ``done`` or the error, then refresh ``refresh``
    (a node of the tree) and call ``then`` with the change's result."""

    def __init__(
        self,
        done: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Then | None = None,
        question: str | None = None,
        action: str = "Delete",
    ) -> None:
        super().__init__()
        self.done = done
        self.change = change
        self.refresh = refresh
        self.then = then
        self.question = question
        self.action = action


class ChangeFinished(Message):
    """The app's change worker is done: ``result`` or ``error``."""

    def __init__(
        self, request: ChangeRequested, result: object = None, error: Exception | None = None
    ) -> None:
        super().__init__()
        self.request, self.result, self.error = request, result, error


# The class of a pane whose last load failed, and of its error panel (see app.tcss).
FAILED = "failed"
FAILURE_PANEL = "load-error"


def failure_text(what: str, exc: Exception) -> str:
    """``⚠ Cannot load reports of the tenant (r: retry)`` and the error's line (code,
    message, URL) as the tree's gap panels write it."""
    gap = Gap.of(what, exc) if isinstance(exc, SwrError) else None
    line = gap.line if gap is not None else f"{what}: {describe_error(exc)}"
    return f"⚠ Cannot load {what} (r: retry)\n• {line}"


class Pane(Vertical):
    """A right-hand pane for one kind of node; subclasses implement :meth:`fetch`."""

    # What its items are, for palette titles ("triggers: New…").
    AREA: ClassVar[str] = ""

    def __init__(self, client: SwrClient, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client = client
        self.node: Node | None = None

    @on(DataTable.RowHighlighted)
    def _show_row_times(self, event: DataTable.RowHighlighted) -> None:
        """The cursor row's absolute times, with their zone, as the table's tooltip (its
        cells say "3 days ago")."""
        event.data_table.tooltip = row_times(event.data_table, event.cursor_row) or None

    def answers(self, verb: str) -> bool:
        """Whether this pane has the item verb ``verb`` (a ``do_<verb>`` method)."""
        return callable(getattr(self, f"do_{verb}", None))

    def answer(self, verb: str) -> None:
        getattr(self, f"do_{verb}")()

    def request_change(
        self, done: str, change: Change, refresh: Node | None = None, *, then: Then | None = None
    ) -> None:
        """Ask the app to run ``change`` now (see :class:`ChangeRequested`)."""
        self.post_message(ChangeRequested(done, change, refresh, then=then))

    def confirm_change(
        self,
        question: str,
        done: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Then | None = None,
        action: str = "Delete",
    ) -> None:
        """Ask the app to ask ``question`` first, then run ``change``."""
        message = ChangeRequested(
            done, change, refresh, then=then, question=question, action=action
        )
        self.post_message(message)

    def show(self, node: Node) -> None:
        self.node = node
        self.reload()

    def reload(self) -> None:
        if self.node is not None:
            self._load(self.node)

    def sections(self) -> list[Pane]:
        """The panes inside this one's tabs."""
        return list(self.query(Pane).results(Pane))

    def active_section(self) -> Pane:
        """The section of the visible tab that has item verbs, or this pane when that tab
        holds none (the tenant's quotas answer no keys: ``n`` still creates an organization)."""
        for tabs in self.query(TabbedContent).results(TabbedContent):
            active = tabs.active_pane
            if active is not None:
                for found in active.query(Pane).results(Pane):
                    if any(found.answers(verb) for verb in ITEM_VERBS):
                        return found
        return self

    def then_reload(self, _result: object = None) -> None:
        """A change's ``then``: show the pane's new state."""
        self.reload()

    def set_client(self, client: SwrClient) -> None:
        """Use another profile's client from now on (its sections too)."""
        self.client = client
        self.node = None
        for section in self.sections():
            section.client = client
            section.node = None

    @work(exclusive=True, group="pane", exit_on_error=False)
    async def _load(self, node: Node) -> None:
        try:
            await self.fetch(node)
        except Exception as exc:
            self.show_failure(node, exc)
        else:
            self.remove_class(FAILED)

    @property
    def failed(self) -> bool:
        return self.has_class(FAILED)

    def show_failure(self, node: Node, exc: Exception) -> None:
        """The error panel in place of the data, until a load succeeds."""
        # TenantPane → "tenant", TriggersSection → "triggers of demo/nginx".
        name = type(self).__name__.removesuffix("Pane").removesuffix("Section").lower()
        what = f"{name} of {node.path}" if node.path and name != node.kind else name
        panels = self.query_children(f".{FAILURE_PANEL}")
        panel = panels.first(Static) if panels else Static(classes=FAILURE_PANEL)
        panel.update(failure_text(what, exc))
        if not panels:
            self.mount(panel, before=0)
        self.add_class(FAILED)

    async def fetch(self, node: Node) -> None:
        raise NotImplementedError


class ListSection(Pane):
    """A section around one DataTable whose row keys name its items."""

    TABLE_ID: ClassVar[str] = ""

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens it: the item's editor, where this section has one."""
        event.stop()
        if event.data_table.id == self.TABLE_ID and self.answers("edit"):
            self.answer("edit")

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def highlighted(self) -> str | None:
        """:meth:`cursor_key`, with a hint when there is nothing to act on."""
        key = self.cursor_key()
        if key is None:
            self.notify("Nothing here to act on.", severity="warning")
        return key
