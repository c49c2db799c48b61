"""The tags of one repository as the tags table sees them: sorted, filtered, selected, windowed.

Pure Python, no widgets: the table shows one window (:attr:`TagListModel.page_size` rows) of
:meth:`TagListModel.view`, because a DataTable with 100 000 rows takes seconds to fill while a
window of a few hundred redraws at once. Sorting and filtering 100 000 tags in Python takes
tens of milliseconds, so they run on the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from swrtui.client.models.tags import Tag

SORT_KEYS: dict[str, Callable[[Tag], object]] = {
    "name": lambda tag: tag.name,
    "updated": lambda tag: tag.updated or datetime.min.replace(tzinfo=timezone.utc),
    "size": lambda tag: tag.size,
}
# Newest and biggest first by default; names read best A→Z.
DEFAULT_REVERSE = {"name": False, "updated": True, "size": True}


@dataclass
class TagListModel:
    page_size: int = 200
    tags: list[Tag] = field(default_factory=list)
    sort_key: str = "updated"
    reverse: bool = True
    filter_text: str = ""
    selected: set[str] = field(default_factory=set)
    offset: int = 0
    _view: list[Tag] | None = None

    def extend(self, tags: Iterable[Tag]) -> None:
        self.tags.extend(tags)
        self._view = None

    def replace(self, tags: Iterable[Tag]) -> None:
        self.tags = list(tags)
        self.selected &= {tag.name for tag in self.tags}
        self._view = None
        self.offset = 0

    def sort_by(self, key: str) -> None:
        """Sort by ``key``; asking for the current key again flips the direction."""
        if key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {key!r}")
        self.reverse = not self.reverse if key == self.sort_key else DEFAULT_REVERSE[key]
        self.sort_key = key
        self._view = None
        self.offset = 0

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self._view = None
        self.offset = 0

    def view(self) -> list[Tag]:
        """All tags passing the filter, in the chosen order (cached until something changes)."""
        if self._view is None:
            needle = self.filter_text.lower()
            rows = [t for t in self.tags if needle in t.name.lower()] if needle else self.tags
            self._view = sorted(rows, key=SORT_KEYS[self.sort_key], reverse=self.reverse)
        return self._view

    def window(self) -> list[Tag]:
        return self.view()[self.offset : self.offset + self.page_size]

    def move_window(self, pages: int) -> bool:
        """Shift the window by whole pages; False when already at that end."""
        last = max(0, (len(self.view()) - 1) // self.page_size * self.page_size)
        target = min(max(0, self.offset + pages * self.page_size), last)
        moved = target != self.offset
        self.offset = target
        return moved

    def toggle(self, name: str) -> None:
        self.selected.symmetric_difference_update({name})

    def select_filtered(self) -> int:
        """Select every tag the filter shows; the number now selected."""
        self.selected.update(tag.name for tag in self.view())
        return len(self.selected)

    def clear_selection(self) -> None:
        self.selected.clear()

    def selected_tags(self) -> list[Tag]:
        return [tag for tag in self.tags if tag.name in self.selected]

    def status(self, total: int | None = None) -> str:
        """``tags 1–200 of 1 234 (filter "rc": 56) · 3 selected · sorted by updated ↓``."""
        # While pages stream in, an unfiltered count must not sort everything loaded.
        needs_view = self._view is not None or bool(self.filter_text)
        shown = len(self.view()) if needs_view else len(self.tags)
        known = total if total is not None else len(self.tags)
        first = self.offset + 1 if shown else 0
        last = min(self.offset + self.page_size, shown)
        text = f"tags {first}–{last} of {shown}"
        if self.filter_text:
            text += f' (filter "{self.filter_text}" of {len(self.tags)})'
        if len(self.tags) < known:
            text += f" · loading {len(self.tags)}/{known}"
        if self.selected:
            text += f" · {len(self.selected)} selected"
        arrow = "↓" if self.reverse else "↑"
        return f"{text} · sorted by {self.sort_key} {arrow}"
