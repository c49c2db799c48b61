"""One "newest first" order, ties included, for the REPL's tags list, the TUI's tags table and
cleanup's keep-last: the tag listed first is the one keep-last keeps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from swrtui.client.models.tags import Tag
from swrtui.commands.tags import _sorted
from swrtui.services.cleanup.rules import RuleSet, select
from swrtui.tui.widgets.tag_model import TagListModel

PUSHED = datetime(2026, 10, 1, tzinfo=timezone.utc)


def tag(name: str, hours: int) -> Tag:
    updated = PUSHED + timedelta(hours=hours)
    return Tag.of(name, "", 1, PUSHED, updated, f"h/o/r:{name}", f"i/o/r:{name}")


# As the server might send them: equal update times in no particular order.
TAGS = [tag("2.2", 5), tag("1.0", 1), tag("2.2.6", 5), tag("latest", 5), tag("2.1", 3)]
NEWEST_FIRST = ["latest", "2.2.6", "2.2", "2.1", "1.0"]


def test_repl_tui_and_keep_last_agree_on_ties() -> None:
    assert [t.name for t in _sorted(TAGS, "updated", ascending=False)] == NEWEST_FIRST
    model = TagListModel()
    model.extend(TAGS)
    assert [t.name for t in model.view()] == NEWEST_FIRST
    for keep in range(len(TAGS)):
        deleted = select(TAGS, RuleSet(keep=(), keep_last=keep), PUSHED)
        assert set(NEWEST_FIRST[keep:]) == set(deleted), keep
