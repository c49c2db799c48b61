"""The tag pane: digest, size, times, pull commands and the manifest as formatted JSON."""

from __future__ import annotations

import json

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from swrtui.client.models.tags import Tag
from swrtui.commands.format import human_bytes, when_full
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Pane
from swrtui.tui.widgets.info import KeyValues


def pretty_manifest(manifest: str) -> str:
    """The manifest indented; kept verbatim when it is not JSON."""
    try:
        return json.dumps(json.loads(manifest), indent=2, sort_keys=False)
    except ValueError:
        return manifest


def pull_commands(tag: Tag, registry: str, node: Node) -> tuple[str, str]:
    """``docker pull`` for the public and the internal (in-region VPC) address."""
    external = tag.path or f"{registry}/{node.org}/{node.repo}:{tag.name}"
    internal = tag.internal_path or external
    return f"docker pull {external}", f"docker pull {internal}"


class TagPane(Pane):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.copyable: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="tag-title", classes="title")
        yield KeyValues(id="tag-details")
        yield Static("Manifest", classes="section")
        with VerticalScroll(id="manifest-scroll"):
            yield Static("", id="tag-manifest")

    async def fetch(self, node: Node) -> None:
        tag = await self.client.tags.get(node.org, node.repo, node.tag)
        external, internal = pull_commands(tag, self.client.registry, node)
        self.copyable = {"external": external, "internal": internal, "digest": tag.digest}
        self.query_one("#tag-title", Static).update(f"Tag {node.path}")
        self.query_one("#tag-details", KeyValues).set(
            [
                ("digest", tag.digest),
                ("size", f"{human_bytes(tag.size)} ({tag.size} bytes)"),
                ("type", "manifest list" if tag.is_manifest_list else f"schema {tag.schema}"),
                ("created", when_full(tag.created)),
                ("updated", when_full(tag.updated)),
                ("pull", external),
                ("pull (internal)", internal),
            ]
        )
        manifest = pretty_manifest(tag.manifest) if tag.manifest else "(no manifest returned)"
        self.query_one("#tag-manifest", Static).update(
            Syntax(manifest, "json", theme="ansi_dark", word_wrap=True)
        )

    def copy(self, what: str) -> None:
        """Copy the ``external``/``internal`` pull command or the ``digest``."""
        text = self.copyable.get(what)
        if text:
            self.app.copy_to_clipboard(text)
            self.notify(text, title=f"Copied {what}")
