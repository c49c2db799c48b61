"""TagListModel: tags arriving page by page give the same view as one sort of all of them,
in every order and under a filter, whether a page goes on the end or must be merged in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from swrtui.client.models.tags import Tag
from swrtui.tui.widgets.tag_model import SORT_KEYS, TagListModel

START = datetime(2026, 10, 1, tzinfo=timezone.utc)


def tag(index: int, hours: int | None, size: int) -> Tag:
    updated = None if hours is None else START + timedelta(hours=hours)
    name = f"v{index:03d}" if index % 3 else f"RC-{index:03d}"
    return Tag.of(name, "", size, START, updated, f"h/o/r:{name}", f"i/o/r:{name}")


# Newest first as the server sends them, with ties and a tag that never got an update time.
TAGS = [tag(i, None if i == 7 else 100 - i // 2, (i * 37) % 11) for i in range(30)]
PAGES = [TAGS[0:10], TAGS[10:20], TAGS[20:30]]


def names(tags: list[Tag]) -> list[str]:
    return [t.name for t in tags]


def loaded(pages: list[list[Tag]], key: str, flip: bool = False, needle: str = "") -> TagListModel:
    """A model sorted by ``key`` (flipped) and filtered before any tag arrived, the view
    asked for after each page (as the grid does when it paints)."""
    model = TagListModel()
    if key != model.sort_key:
        model.sort_by(key)
    if flip:
        model.sort_by(key)
    model.set_filter(needle)
    for page in pages:
        model.extend(page)
        model.view()
    return model


def one_sort(tags: list[Tag], model: TagListModel) -> list[str]:
    needle = model.filter_text.lower()
    shown = [t for t in tags if needle in t.name.lower()]
    return names(sorted(shown, key=SORT_KEYS[model.sort_key], reverse=model.reverse))


@pytest.mark.parametrize("key", sorted(SORT_KEYS))
@pytest.mark.parametrize("flip", [False, True])
@pytest.mark.parametrize("needle", ["", "rc", "0"])
def test_pages_in_server_order_give_one_sorts_view(key: str, flip: bool, needle: str) -> None:
    model = loaded(PAGES, key, flip, needle)
    assert names(model.view()) == one_sort(TAGS, model)
    assert names(model.tags) == names(TAGS)


@pytest.mark.parametrize("key", sorted(SORT_KEYS))
def test_a_late_page_is_merged_in_not_appended(key: str) -> None:
    # A retried middle page arrives last: it belongs between the others.
    arrived = [PAGES[0], PAGES[2], PAGES[1]]
    model = loaded(arrived, key)
    assert names(model.view()) == one_sort([t for page in arrived for t in page], model)


def test_default_order_puts_the_tag_without_a_time_last() -> None:
    model = loaded(PAGES, "updated")
    assert model.view()[-1].name == TAGS[7].name


def test_replace_forgets_the_previous_repositorys_view() -> None:
    model = loaded(PAGES[:1], "updated")
    model.replace(PAGES[2])
    model.extend(PAGES[1])
    assert names(model.view()) == one_sort(PAGES[2] + PAGES[1], model)
