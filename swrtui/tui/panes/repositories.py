"""The repository pane: the tags table (paged in from the server) and details, then one tab
per area — shared accounts, image permissions, triggers, retention, sync — each a section
that loads when its tab is first shown.

Tags arrive :data:`TAG_PAGE` at a time in the pane's worker: the first page alone (its
``Content-Range`` gives the total), then every other page concurrently under the client's
limit, appended to the table in list order. The table shows the first rows as soon as the
first page is in, so a repository with 100 000 tags opens at once.
A page that still fails after the client's retries is a gap of the listing (a
:class:`~swrtui.services.listing.Partial`): a panel above the table names each missing
part (code, message, URL) until :meth:`RepositoryPane.retry_missing_tags` (the app's ``r``)
gets it.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static, TabbedContent, TabPane

from swrtui.client.models.repositories import Repository
from swrtui.client.models.tags import Tag
from swrtui.commands.format import human_bytes, when_full
from swrtui.errors import describe_error
from swrtui.services.listing import Partial, stream_pages
from swrtui.tui import tabs
from swrtui.tui.memory import release_free_memory
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Pane
from swrtui.tui.panes.image_permissions import ImagePermissionsSection
from swrtui.tui.panes.retention import RetentionSection
from swrtui.tui.panes.shared_accounts import SharesSection
from swrtui.tui.panes.sync import SyncSection
from swrtui.tui.panes.triggers import TriggersSection
from swrtui.tui.screens.edit_repository import EditRepositoryScreen, RepositoryEdit
from swrtui.tui.widgets.info import KeyValues
from swrtui.tui.widgets.nav_tree import missing_text
from swrtui.tui.widgets.tags_table import TagsTable

TAG_PAGE = 1000


def repository_pairs(repo: Repository) -> list[tuple[str, str]]:
    return [
        ("name", repo.full_name),
        ("path", repo.path),
        ("internal path", repo.internal_path),
        ("category", repo.category),
        ("visibility", "public" if repo.is_public else "private"),
        ("description", repo.description or "-"),
        ("tags", str(repo.num_images)),
        ("size", human_bytes(repo.size)),
        ("downloads", str(repo.num_downloads)),
        ("created", when_full(repo.created)),
        ("updated", when_full(repo.updated)),
    ]


class RepositoryPane(Pane):
    AREA = "repository"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.repository: Repository | None = None
        # The tags listing while some of its pages are missing (None when complete).
        self.tag_listing: Partial[list[Tag]] | None = None

    def compose(self) -> ComposeResult:
        client = self.client
        yield Static("", id="repo-title", classes="title")
        with TabbedContent(id=tabs.REPO_TABS):
            with TabPane("Tags", id=tabs.REPO_TAGS):
                missing = Static("", id="tags-missing")
                missing.display = False
                yield missing
                yield TagsTable(id="tags")
            with TabPane("Details", id=tabs.REPO_DETAILS):
                yield KeyValues(id="repo-details")
                yield Static("e: edit description, category, visibility", classes="hint")
            with TabPane("Shared accounts", id=tabs.REPO_SHARES):
                yield SharesSection(client, id="shares")
            with TabPane("Permissions", id=tabs.REPO_PERMISSIONS):
                yield ImagePermissionsSection(client, id="repo-permissions-section")
            with TabPane("Triggers", id=tabs.REPO_TRIGGERS):
                yield TriggersSection(client, id="triggers")
            with TabPane("Retention", id=tabs.REPO_RETENTION):
                yield RetentionSection(client, id="retention")
            with TabPane("Sync", id=tabs.REPO_SYNC):
                yield SyncSection(client, id="sync", selected_tags=self._selected_tags)

    @property
    def tags_table(self) -> TagsTable:
        return self.query_one("#tags", TagsTable)

    def _selected_tags(self) -> list[str]:
        return sorted(self.tags_table.model.selected)

    def reload(self) -> None:
        """Reload the repository and the visible section; the others load when shown."""
        super().reload()
        active = self.active_section()
        for section in self.sections():
            section.node = None
        if active is not self and self.node is not None:
            active.show(self.node)

    @on(TabbedContent.TabActivated, f"#{tabs.REPO_TABS}")
    def _tab_shown(self) -> None:
        active = self.active_section()
        if active is not self and self.node is not None and active.node != self.node:
            active.show(self.node)
        self.app.refresh_bindings()

    async def fetch(self, node: Node) -> None:
        repo = await self.client.repositories.get(node.org, node.repo)
        self.repository = repo
        self.query_one("#repo-title", Static).update(f"Repository {repo.full_name}")
        self.query_one("#repo-details", KeyValues).set(repository_pairs(repo))
        await self._load_tags(node, repo)

    async def _load_tags(self, node: Node, repo: Repository) -> None:
        self.tag_listing = None
        table = self.tags_table
        table.reset(f"{self.client.registry}/{node.org}/{node.repo}", repo.num_images)
        fetch = self.client.tags.pages(node.org, node.repo)
        listing = await stream_pages(
            f"tags of {node.path}",
            fetch,
            lambda _offset, tags: table.add_page(tags),
            page_size=TAG_PAGE,
            # The client's own limit: pages beyond it would only queue in its semaphore.
            limit=self.client.max_concurrency,
        )
        if len(table.model.tags) > TAG_PAGE:
            # Pages read concurrently leave freed megabyte buffers in the C heap: give them back.
            release_free_memory()
        self._show_listing(listing)

    def _show_listing(self, listing: Partial[list[Tag]]) -> None:
        self.tag_listing = None if listing.complete else listing
        panel = self.query_one("#tags-missing", Static)
        panel.update(missing_text(list(listing.gaps)))
        panel.display = not listing.complete
        self.tags_table.finish_loading()
        self.app.refresh_bindings()

    @work(group="pane", exclusive=True, exit_on_error=False)
    async def retry_missing_tags(self) -> None:
        """Fetch only the pages of tags that failed (the panel's ``r``)."""
        listing = self.tag_listing
        if listing is None:
            return
        try:
            again = await listing.retry()
        except Exception as exc:
            self.notify(describe_error(exc), title="Cannot load the tags", severity="error")
            return
        self._show_listing(again)

    def do_edit(self) -> None:
        repo, node = self.repository, self.node
        if repo is None or node is None:
            self.notify("The repository is still loading.", severity="warning")
            return

        def save(edit: RepositoryEdit | None) -> None:
            if edit is None:
                return
            self.request_change(
                f"Saved {repo.full_name}",
                lambda: self.client.repositories.update(
                    repo.namespace,
                    repo.name,
                    is_public=edit.is_public,
                    category=edit.category,
                    description=edit.description,
                ),
                refresh=node,
            )

        self.app.push_screen(EditRepositoryScreen(repo), save)
