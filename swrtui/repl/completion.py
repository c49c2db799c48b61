"""A thin prompt-toolkit ``Completer`` over :func:`swrtui.commands.suggest`.

Wrapped in ``ThreadedCompleter`` by the shell, so completion runs off the event loop and
typing never waits; the names come from the session's background-refreshed cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from swrtui.commands import Session, suggest


class CommandCompleter(Completer):
    def __init__(self, session: Session, profiles: Callable[[], Sequence[str]] = tuple) -> None:
        self.session = session
        self.profiles = profiles

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterable[Completion]:
        cursor = document.cursor_position
        found = suggest(
            document.text,
            cursor,
            self.session.cache,
            where=self.session.where,
            profiles=self.profiles(),
        )
        for item in found:
            yield Completion(
                item.text,
                start_position=item.start - cursor,
                display=item.display or item.text,
                display_meta=item.meta,
            )
