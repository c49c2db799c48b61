"""Counted nouns for people: ``1 tag``, ``3 tags``. In the lowest layer that writes counts
(the services' reports), so every layer above (the command line, the front ends) writes them
the same way; :mod:`swrtui.commands.format` re-exports it beside the other formats."""

from __future__ import annotations


def plural(count: int, singular: str, many: str = "") -> str:
    """``1 tag``, ``3 tags``, ``2 repositories`` (give ``many`` when it is not just +s)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"
