"""The tags of one repository as the tags table sees them: sorted, filtered, selected.

Pure Python, no widgets. The table is virtual (it draws only the rows on screen), so the
model holds every tag and :meth:`TagListModel.view` is the whole sorted, filtered list; the
table indexes into it. Sorting and filtering must stay under 100 ms at 100 000 tags
(``benchmarks/bench_tui.py`` measures it), so:

- lower-cased names are kept beside the tags (filtering does not lower 100 000 names again
  per keystroke);
- tags arriving while the view is sorted are merged in (:meth:`TagListModel.extend`), not
  sorted again with everything loaded;
- sort keys are plain attribute getters (``operator.attrgetter`` runs in C), except the
  update time: cleanup's ``recency`` (time, then name on ties), the order the REPL lists
  and keep-last keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from swrtui.client.models.tags import Tag
from swrtui.services.cleanup.rules import recency


def _lower(name: str) -> str:
    """``name`` lower-cased, as the same string object when it already is: most tag names
    are, and one string instead of two per tag is ~60 MB less at a million tags."""
    lowered = name.lower()
    return name if lowered == name else lowered


def _before(a: Any, b: Any, reverse: bool) -> bool:
    """Whether key ``a`` sorts strictly before key ``b`` in this direction."""
    return bool(a > b) if reverse else bool(a < b)


SORT_KEYS: dict[str, Callable[[Tag], object]] = {
    "name": attrgetter("name"),
    "updated": recency,  # the REPL's and cleanup keep-last's order, ties included
    "size": attrgetter("size"),
}
# Newest and biggest first by default; names read best A→Z.
DEFAULT_REVERSE = {"name": False, "updated": True, "size": True}


@dataclass
class TagListModel:
    tags: list[Tag] = field(default_factory=list)
    sort_key: str = "updated"
    reverse: bool = True
    filter_text: str = ""
    selected: set[str] = field(default_factory=set)
    _lowered: list[str] = field(default_factory=list)
    _view: list[Tag] | None = None
    # The longest name so far: the table's name column width, without scanning every tag.
    longest_name: int = 0

    def extend(self, tags: Iterable[Tag]) -> None:
        added = list(tags)
        lowered = [_lower(tag.name) for tag in added]
        self.tags.extend(added)
        self._lowered.extend(lowered)
        self.longest_name = max([self.longest_name, *(len(tag.name) for tag in added)])
        if self._view is not None:
            self._view = self._merged(self._view, added, lowered)

    def _merged(self, view: list[Tag], added: list[Tag], lowered: list[str]) -> list[Tag]:
        """``view`` with the ``added`` tags that pass the filter sorted in.

        Pages arrive in the server's order (newest first), which is the default order, so a
        page usually just goes on the end: loading 100 pages costs 100 sorts of a page, not
        100 sorts of everything loaded so far. Otherwise one stable sort of two sorted runs
        merges them in linear time, and equal keys keep arrival order as a full sort would.
        """
        needle = self.filter_text.lower()
        rows = [t for t, low in zip(added, lowered, strict=True) if needle in low]
        key = SORT_KEYS[self.sort_key]
        rows.sort(key=key, reverse=self.reverse)
        if not rows:
            return view
        out_of_order = bool(view) and _before(key(rows[0]), key(view[-1]), self.reverse)
        view.extend(rows)
        if out_of_order:
            view.sort(key=key, reverse=self.reverse)
        return view

    def replace(self, tags: Iterable[Tag]) -> None:
        self.tags, self._lowered, self.longest_name, self._view = [], [], 0, None
        self.extend(tags)
        self.selected &= {tag.name for tag in self.tags}

    def sort_by(self, key: str) -> None:
        """Sort by ``key``; asking for the current key again flips the direction."""
        if key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {key!r}")
        self.reverse = not self.reverse if key == self.sort_key else DEFAULT_REVERSE[key]
        self.sort_key = key
        self._view = None

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self._view = None

    def view(self) -> list[Tag]:
        """All tags passing the filter, in the chosen order (cached until something changes)."""
        if self._view is None:
            needle = self.filter_text.lower()
            rows = self.tags
            if needle:
                rows = [t for t, low in zip(self.tags, self._lowered, strict=True) if needle in low]
            self._view = sorted(rows, key=SORT_KEYS[self.sort_key], reverse=self.reverse)
        return self._view

    @property
    def stale(self) -> bool:
        """Whether :meth:`view` would sort again (tags arrived or the order changed)."""
        return self._view is None

    def toggle(self, name: str) -> None:
        self.selected.symmetric_difference_update({name})

    def select_filtered(self) -> int:
        """Select every tag the filter shows (all of them, on screen or not); the count."""
        self.selected.update(tag.name for tag in self.view())
        return len(self.selected)

    def clear_selection(self) -> None:
        self.selected.clear()

    def selected_tags(self) -> list[Tag]:
        return [tag for tag in self.tags if tag.name in self.selected]

    def status(self, row: int, total: int | None = None) -> str:
        """``tag 3 of 1 234 (filter "rc" of 5 000) · 3 selected · sorted by updated ↓``;
        ``row`` is the cursor's index in the view."""
        # While pages stream in, an unfiltered count must not sort everything loaded.
        needs_view = self._view is not None or bool(self.filter_text)
        shown = len(self.view()) if needs_view else len(self.tags)
        known = total if total is not None else len(self.tags)
        text = f"tag {row + 1 if shown else 0} of {shown}"
        if self.filter_text:
            text += f' (filter "{self.filter_text}" of {len(self.tags)})'
        if len(self.tags) < known:
            text += f" · loading {len(self.tags)}/{known}"
        if self.selected:
            text += f" · {len(self.selected)} selected"
        arrow = "↓" if self.reverse else "↑"
        return f"{text} · sorted by {self.sort_key} {arrow}"
