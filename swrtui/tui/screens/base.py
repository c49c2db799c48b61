"""The base of every detail pane: show a node, load it in a worker, report failures.

A pane (or a *section*: a pane inside a tab of another pane, such as a repository's
triggers) names the item verbs it answers in :attr:`Pane.VERBS` — ``add``, ``edit``,
``enable``, ``remove``, ``sync_now``, ``preview`` — and implements ``do_<verb>``. The app's
keys for them go to the :meth:`Pane.active_section`; every change a verb makes goes back
through the app (:class:`Changes`), where read-only mode and confirmations live.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual import work
from textual.containers import Vertical
from textual.widgets import DataTable, TabbedContent

from swrtui.client import SwrClient
from swrtui.errors import describe_error
from swrtui.tui.nodes import Node

if TYPE_CHECKING:
    from swrtui.tui.context import AppContext

Change = Callable[[], Awaitable[object]]


class Changes(Protocol):
    """What a pane asks of the app to change the registry."""

    ctx: AppContext

    def run_change(
        self,
        title: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Callable[[object], None] | None = None,
    ) -> None: ...

    def confirm_change(
        self,
        question: str,
        done: str,
        change: Change,
        refresh: Node | None = None,
        *,
        then: Callable[[object], None] | None = None,
        action: str = "Delete",
    ) -> None: ...


class Pane(Vertical):
    """A right-hand pane for one kind of node; subclasses implement :meth:`fetch`."""

    # Item verbs this pane answers (see the module docstring).
    VERBS: ClassVar[frozenset[str]] = frozenset()
    # What its items are, for palette titles ("triggers: New…").
    AREA: ClassVar[str] = ""

    def __init__(self, client: SwrClient, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client = client
        self.node: Node | None = None

    @property
    def changes(self) -> Changes:
        return cast(Changes, self.app)

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
        """The section of the visible tab, or this pane when that tab holds none."""
        for tabs in self.query(TabbedContent).results(TabbedContent):
            active = tabs.active_pane
            if active is not None:
                found = list(active.query(Pane).results(Pane))
                if found:
                    return found[0]
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
            self.notify(
                describe_error(exc), title=f"Cannot load {node.path or 'tenant'}", severity="error"
            )

    async def fetch(self, node: Node) -> None:
        raise NotImplementedError


class ListSection(Pane):
    """A section around one DataTable whose row keys name its items."""

    TABLE_ID: ClassVar[str] = ""

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

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
