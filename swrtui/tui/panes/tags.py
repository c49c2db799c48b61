"""The tag pane: digest, size, times, pull commands, the image as the registry has it, and
the manifest as formatted JSON.

The image (platforms, the layers and config of the highlighted platform, the other tags on
its digest) is read by :mod:`swrtui.services.images` in its own worker, so the SWR details
show at once and a slow or failing registry never holds them up. A failed read leaves the
error panel in place of the image, naming the error, until ``r`` reads it again.
Environment values stay hidden until the ``reveal_env`` verb shows them.
"""

from __future__ import annotations

import json

from rich.syntax import Syntax
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from swrtui.client import image_reference
from swrtui.client.errors import NotFoundError, SwrError
from swrtui.client.models.tags import Tag
from swrtui.commands.format import human_bytes, size_full, tag_type, when, when_full
from swrtui.errors import Error, describe_error
from swrtui.registry import ImageConfig, RegistryError
from swrtui.services.images import ImageRef, Inspection, PlatformImage, images_for
from swrtui.services.listing import Gap
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Pane
from swrtui.tui.widgets.info import KeyValues, fill_table
from swrtui.tui.widgets.nav_tree import missing_text

# The key that shows env values, for the hint beside hidden ones (the verb table binds it).
REVEAL_KEY = "v"


def pretty_manifest(manifest: str) -> str:
    """The manifest indented; kept verbatim when it is not JSON."""
    try:
        return json.dumps(json.loads(manifest), indent=2, sort_keys=False)
    except ValueError:
        return manifest


def pull_commands(tag: Tag, registry: str, node: Node) -> tuple[str, str]:
    """``docker pull`` for the public and the internal (in-region VPC) address."""
    external = image_reference(registry, node.org, node.repo, tag.name)
    internal = tag.internal_path or external
    return f"docker pull {external}", f"docker pull {internal}"


PLATFORM_COLUMNS = ("platform", "digest", "size")


def platform_table(found: Inspection) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Columns and one row per platform (one for a single image): os/arch/variant, digest,
    size, and a "not read" column saying why, only when some platform could not be read
    whole (an always-empty column reads as missing data)."""
    rows = [
        (str(p.platform) or "(unknown)", p.digest, human_bytes(p.size)) for p in found.platforms
    ]
    if not any(p.error for p in found.platforms):
        return PLATFORM_COLUMNS, rows
    errors = [p.error for p in found.platforms]
    return (*PLATFORM_COLUMNS, "not read"), [(*row, e) for row, e in zip(rows, errors, strict=True)]


def layer_rows(image: PlatformImage) -> list[tuple[str, str, str]]:
    return [
        (str(n), layer.digest, human_bytes(layer.size)) for n, layer in enumerate(image.layers, 1)
    ]


def config_pairs(config: ImageConfig, reveal_env: bool) -> list[tuple[str, str]]:
    """The config as key/value lines; env values are masked unless ``reveal_env``."""
    pairs = [
        ("digest", config.digest),
        ("created", when(config.created)),
        ("entrypoint", " ".join(config.entrypoint) or "(none)"),
        ("cmd", " ".join(config.cmd) or "(none)"),
    ]
    hidden = f"(hidden: {REVEAL_KEY} shows)"
    pairs += [("env", f"{name}={value if reveal_env else hidden}") for name, value in config.env]
    pairs += [("label", f"{key}={value}") for key, value in config.labels.items()]
    pairs += [("history", f"{when(h.created)}  {h.created_by}") for h in config.history]
    return pairs


def image_gap(ref: ImageRef, exc: Exception) -> Gap:
    """A failed read as the panels of failed loads name it: code, message and URL."""
    what = f"image {ref}"
    if isinstance(exc, SwrError):
        return Gap.of(what, exc)
    if isinstance(exc, RegistryError):
        return Gap(what, exc.code, exc.message, exc.url)
    code = exc.code if isinstance(exc, Error) else "ERROR"
    return Gap(what, code, describe_error(exc).removeprefix(f"{code}: "))


class TagPane(Pane):
    AREA = "tag"

    class Gone(Message):
        """The shown tag no longer exists (deleted elsewhere): nothing here to retry, so the
        app opens its repository instead."""

        def __init__(self, node: Node, error: SwrError) -> None:
            self.node, self.error = node, error
            super().__init__()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.copyable: dict[str, str] = {}
        # The tag as this pane shows it: deleting it from here checks it is still this one.
        self.shown: tuple[Node, Tag] | None = None
        # The image as last read for the shown tag (None while reading or after a failure).
        self.inspection: Inspection | None = None
        self.env_revealed = False
        self._platform = 0  # index in inspection.platforms whose layers and config show

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="tag-scroll"):
            yield Static("", id="tag-title", classes="title")
            yield KeyValues(id="tag-details")
            yield Static("Image", classes="section")
            yield Static("", id="image-status", classes="hint")
            yield Static("", id="image-error")
            with Vertical(id="image-data"):
                yield DataTable(id="image-platforms", cursor_type="row", zebra_stripes=True)
                yield Static("", id="image-layers-title", classes="section")
                yield DataTable(id="image-layers", cursor_type="row")
                yield Static("Config", classes="section")
                yield KeyValues(id="image-config")
                yield Static("Other tags on this digest", classes="section")
                yield Static("", id="image-siblings")
            yield Static("Manifest", classes="section")
            yield Static("", id="tag-manifest")

    def on_mount(self) -> None:
        self._image_state(error=None, loading=False)

    async def fetch(self, node: Node) -> None:
        self.load_image(node)  # its own worker: the registry never holds up the details
        try:
            tag = await self.client.tags.get(node.org, node.repo, node.tag)
        except NotFoundError as exc:
            self.shown = None
            self.post_message(self.Gone(node, exc))
            return
        self.shown = (node, tag)
        external, internal = pull_commands(tag, self.client.registry, node)
        self.copyable = {"external": external, "internal": internal, "digest": tag.digest}
        self.query_one("#tag-title", Static).update(f"Tag {node.path}")
        self.query_one("#tag-details", KeyValues).set(
            [
                ("digest", tag.digest),
                ("size", size_full(tag.size)),
                ("type", tag_type(tag.tag_type, tag.schema, tag.manifest)),
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

    # ----- the image ----------------------------------------------------------------
    @work(exclusive=True, group="tag-image", exit_on_error=False)
    async def load_image(self, node: Node) -> None:
        """Read the image in the registry; show it, or the error panel with its retry key."""
        self.inspection, self.env_revealed = None, False
        self._image_state(error=None, loading=True)
        ref = ImageRef(node.org, node.repo, tag=node.tag)
        try:
            found = await images_for(self.client).inspect(ref)
        except Exception as exc:
            # Another tag may have been opened meanwhile: only the shown one's result counts.
            if self.node == node:
                self._image_state(error=missing_text([image_gap(ref, exc)]), loading=False)
            return
        if self.node == node:
            self.show_image(found)

    def _image_state(self, *, error: str | None, loading: bool) -> None:
        """Which of status line, error panel and image data is visible."""
        status = self.query_one("#image-status", Static)
        status.update("Reading the image from the registry…" if loading else "")
        status.display = loading
        panel = self.query_one("#image-error", Static)
        panel.update(error or "")
        panel.display = error is not None
        self.query_one("#image-data").display = not loading and error is None

    def show_image(self, found: Inspection) -> None:
        self.inspection = found
        self._image_state(error=None, loading=False)
        platforms = self.query_one("#image-platforms", DataTable)
        fill_table(platforms, *platform_table(found), key_column=None)
        chosen = found.platforms.index(found.image())
        platforms.move_cursor(row=chosen)
        self._show_platform(chosen)
        siblings = ", ".join(found.other_tags) or "(none)"
        if found.tags_missing:
            siblings += " (the tag listing is incomplete: some may be missing)"
        self.query_one("#image-siblings", Static).update(siblings)

    def _show_platform(self, index: int) -> None:
        """Layers and config of the platform at ``index``."""
        found = self.inspection
        if found is None or not 0 <= index < len(found.platforms):
            return
        self._platform = index
        image = found.platforms[index]
        title = f"Layers of {image.platform}" if found.is_index else "Layers"
        self.query_one("#image-layers-title", Static).update(title)
        layers = self.query_one("#image-layers", DataTable)
        fill_table(layers, ("#", "digest", "size"), layer_rows(image), key_column=None)
        config = image.config
        pairs = config_pairs(config, self.env_revealed) if config else []
        self.query_one("#image-config", KeyValues).set(pairs or [("config", image.error)])

    @on(DataTable.RowHighlighted, "#image-platforms")
    def _platform_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The cursor as it is now: a refill's stale event must not undo the chosen platform.
        row = event.data_table.cursor_row
        if row != self._platform:
            self._show_platform(row)

    def do_reveal_env(self) -> None:
        """Show the env values, or hide them again."""
        if self.inspection is None:
            self.notify("The image is not loaded.", severity="warning")
            return
        self.env_revealed = not self.env_revealed
        self._show_platform(self._platform)

    def copy(self, what: str) -> None:
        """Copy the ``external``/``internal`` pull command or the ``digest``."""
        text = self.copyable.get(what)
        if text:
            self.app.copy_to_clipboard(text)
            self.notify(text, title=f"Copied {what}")
