"""The base of every detail pane: show a node, load it in a worker, report failures."""

from __future__ import annotations

from textual import work
from textual.containers import Vertical

from swrtui.client import SwrClient
from swrtui.tui.format import error_text
from swrtui.tui.nodes import Node


class Pane(Vertical):
    """A right-hand pane for one kind of node; subclasses implement :meth:`fetch`."""

    def __init__(self, client: SwrClient, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client = client
        self.node: Node | None = None

    def show(self, node: Node) -> None:
        self.node = node
        self.reload()

    def reload(self) -> None:
        if self.node is not None:
            self._load(self.node)

    @work(exclusive=True, group="pane", exit_on_error=False)
    async def _load(self, node: Node) -> None:
        try:
            await self.fetch(node)
        except Exception as exc:
            self.notify(
                error_text(exc), title=f"Cannot load {node.path or 'tenant'}", severity="error"
            )

    async def fetch(self, node: Node) -> None:
        raise NotImplementedError
