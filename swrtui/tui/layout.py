"""Layout the user shapes: the tree's width (remembered per user, in the state directory:
a small JSON file with no secrets) and the focus order of the main screen."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from textual.widget import Widget
from textual.widgets import TabbedContent, Tabs

from swrtui.config.files import atomic_write


def load_tree_width(path: Path) -> int | None:
    """The width the user gave the tree; None when never set or unreadable (a broken
    layout file only costs the default width)."""
    try:
        width = json.loads(path.read_text(encoding="utf-8")).get("tree_width")
    except (OSError, ValueError, AttributeError):
        return None
    return width if isinstance(width, int) and width > 0 else None


def save_tree_width(path: Path, width: int) -> None:
    atomic_write(path, json.dumps({"tree_width": width}) + "\n")


def tab_order(chain: Sequence[Widget]) -> list[Widget]:
    """The focus chain with each tab strip moved after its tabs' content, so Tab runs tree
    → table → tabs (the table is what one comes for; the strip is one step further)."""
    order = list(chain)
    for strip in [w for w in order if isinstance(w, Tabs)]:
        owner = strip.parent
        if not isinstance(owner, TabbedContent):
            continue
        order.remove(strip)
        inside = [i for i, w in enumerate(order) if owner in w.ancestors]
        order.insert(inside[-1] + 1 if inside else len(order), strip)
    return order


def next_focus(chain: Sequence[Widget], focused: Widget | None, step: int) -> Widget | None:
    """The widget ``step`` (±1) away from ``focused`` in ``chain``, wrapping around."""
    if not chain:
        return None
    if focused not in chain:
        return chain[0]
    return chain[(list(chain).index(focused) + step) % len(chain)]
