"""The repository pane: the tags table (paged in from the server), details, shared accounts,
image permissions and triggers.

Tags arrive :data:`TAG_PAGE` at a time in the pane's worker; the table shows the first
window as soon as the first page is in, so a repository with 100 000 tags opens at once.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from swrtui.client.models.repositories import Repository
from swrtui.tui.format import human_size, when
from swrtui.tui.nodes import Node
from swrtui.tui.screens.base import Pane
from swrtui.tui.widgets.info import KeyValues, fill_table
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
        ("size", human_size(repo.size)),
        ("downloads", str(repo.num_downloads)),
        ("created", when(repo.created)),
        ("updated", when(repo.updated)),
    ]


class RepositoryPane(Pane):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.repository: Repository | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="repo-title", classes="title")
        with TabbedContent(id="repo-tabs"):
            with TabPane("Tags", id="repo-tags"):
                yield TagsTable(id="tags")
            with TabPane("Details", id="repo-details-tab"):
                yield KeyValues(id="repo-details")
                yield Static("e: edit description, category, visibility", classes="hint")
            with TabPane("Shared accounts", id="repo-shares"):
                yield DataTable(id="shares-table", cursor_type="row")
            with TabPane("Permissions", id="repo-permissions"):
                yield DataTable(id="image-permissions", cursor_type="row")
            with TabPane("Triggers", id="repo-triggers"):
                yield DataTable(id="triggers-table", cursor_type="row")

    @property
    def tags_table(self) -> TagsTable:
        return self.query_one("#tags", TagsTable)

    async def fetch(self, node: Node) -> None:
        client = self.client
        repo, shares, permissions, triggers = await asyncio.gather(
            client.repositories.get(node.org, node.repo),
            client.shared_accounts.list(node.org, node.repo),
            client.image_permissions.get(node.org, node.repo),
            client.triggers.list(node.org, node.repo),
        )
        self.repository = repo
        self.query_one("#repo-title", Static).update(f"Repository {repo.full_name}")
        self.query_one("#repo-details", KeyValues).set(repository_pairs(repo))
        fill_table(
            self.query_one("#shares-table", DataTable),
            ("account", "permit", "deadline", "valid", "description"),
            (
                (
                    s.access_domain,
                    s.permit,
                    s.deadline,
                    "yes" if s.status else "expired",
                    s.description,
                )
                for s in shares
            ),
        )
        fill_table(
            self.query_one("#image-permissions", DataTable),
            ("user", "user id", "role"),
            ((u.user_name, u.user_id, u.role) for u in permissions.all),
        )
        fill_table(
            self.query_one("#triggers-table", DataTable),
            ("name", "enabled", "type", "condition", "target", "action"),
            (
                (
                    t.name,
                    "yes" if t.enable else "no",
                    t.trigger_type,
                    t.condition or "*",
                    f"{t.cluster_ns}/{t.application}",
                    t.action,
                )
                for t in triggers
            ),
        )
        await self._load_tags(node, repo)

    async def _load_tags(self, node: Node, repo: Repository) -> None:
        table = self.tags_table
        registry = self.client.registry
        table.reset(f"{registry}/{node.org}/{node.repo}", repo.num_images)
        offset = 0
        while True:
            page = await self.client.tags.list(node.org, node.repo, limit=TAG_PAGE, offset=offset)
            table.add_page(page)
            offset += len(page)
            if len(page) < TAG_PAGE:
                break
        table.finish_loading()
