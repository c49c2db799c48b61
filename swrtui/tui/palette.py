"""Command-palette providers: "go to" any loaded org/repo/tag, and "area: Verb" commands.

The commands are the verb table's (:mod:`swrtui.tui.verbs`). They depend on the current
node (``tags: Clean up…`` needs a repository), on the visible section (``triggers: New…``
on the triggers tab) and on ``check_action`` (read-only mode hides every change), so the
palette never offers what would be refused. Themes are offered as ``theme: NAME``; the
bundled ones read ``theme: light (swr-light)`` so that typing a style finds them first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from swrtui.tui import nodes
from swrtui.tui.nodes import Node
from swrtui.tui.theme_files import BUNDLED_PREFIX
from swrtui.tui.verbs import ITEM_ACTION, VERBS

if TYPE_CHECKING:
    from swrtui.tui.app import SwrApp

GO_TO_LIMIT = 5000
# The best-matching repositories whose tags a search fetches (one page each) to find tags.
PEEK_REPOS = 3
# Textual's own commands (keys, maximize, screenshot, quit…) under their own area, apart
# from the product's.
SYSTEM_AREA = "system"


def _app(provider: Provider) -> SwrApp:
    return provider.app  # type: ignore[return-value]


def node_text(node: Node) -> str:
    return f"{node.kind}: {node.path}"


def theme_title(name: str) -> str:
    """``swr-high-contrast`` → ``theme: high contrast (swr-high-contrast)``; others as named."""
    if name.startswith(BUNDLED_PREFIX):
        style = name.removeprefix(BUNDLED_PREFIX).replace("-", " ")
        return f"theme: {style} ({name})"
    return f"theme: {name}"


def system_group(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands titled ``system: Keys``, ``system: Maximize``, …"""
    for command in commands:
        yield command._replace(title=f"{SYSTEM_AREA}: {command.title}")


class GoToProvider(Provider):
    """Fuzzy "go to" over every organization, repository and tag the tree has loaded, then
    over the tags of the best-matching repositories (fetched for the search)."""

    def _targets(self) -> Iterator[Node]:
        for index, node in enumerate(_app(self).nav.all_nodes()):
            if index >= GO_TO_LIMIT:
                return
            yield node

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = _app(self)
        seen: set[Node] = set()
        repos: list[tuple[float, Node]] = []
        for node in self._targets():
            seen.add(node)
            score = matcher.match(node_text(node))
            if score > 0:
                yield self._hit(matcher, node, score)
                if node.kind == "repository":
                    repos.append((score, node))
        best = [repo for _, repo in sorted(repos, key=lambda pair: -pair[0])[:PEEK_REPOS]]
        named = self._named_repository(query)
        # ``org/repo:tag`` matches no repository's text (the ``:tag`` is not in it): the
        # repository it names is looked through first.
        peek = [named, *(repo for repo in best if repo != named)] if named else best
        for repo in peek:
            for tag in await app.nav.peek_tags(repo.org, repo.repo):
                node = nodes.tag(repo.org, repo.repo, tag)
                score = matcher.match(node_text(node))
                if node not in seen and score > 0:
                    yield self._hit(matcher, node, score)

    def _named_repository(self, query: str) -> Node | None:
        """The repository of an ``org/repo:tag`` query, when the name cache knows it."""
        path, colon, tag = query.strip().partition(":")
        org, slash, repo = path.partition("/")
        if not (colon and slash and tag and org and repo):
            return None
        known = repo in _app(self).session.cache.repos(org)
        return nodes.repository(org, repo) if known else None

    def _hit(self, matcher: Matcher, node: Node, score: float) -> Hit:
        text = node_text(node)
        open_it = partial(_app(self).open_node, node)
        return Hit(score, matcher.highlight(text), open_it, text=text, help="go to")


class ActionsProvider(Provider):
    """``area: Verb`` commands for the current node, plus ``theme: NAME`` for every theme."""

    def _commands(self) -> Iterator[tuple[str, str, object]]:
        app = _app(self)
        area = app.active_section().AREA
        for verb in VERBS:
            if not verb.palette or (verb.kinds and app.current.kind not in verb.kinds):
                continue
            if not app.check_action(verb.name, ()):
                continue
            if verb.item:
                title, action = f"{area}: {verb.palette}", f"{ITEM_ACTION}('{verb.action}')"
            else:
                title, action = verb.palette, verb.action
            yield title, verb.help, partial(app.run_palette_action, action)
        for name in sorted(app.available_themes):
            callback = partial(setattr, app, "theme", name)
            yield theme_title(name), "Switch the color theme", callback

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    callback,  # type: ignore[arg-type]
                    text=title,
                    help=help_text,
                )
