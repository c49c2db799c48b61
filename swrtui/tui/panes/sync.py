"""A repository's image synchronization (reference 4.8): automatic sync tasks to other
regions (add, remove), a manual sync of chosen tags with its result, and the sync jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui import names
from swrtui.client.errors import ValidationError
from swrtui.client.models.sync import SyncJob, SyncTask
from swrtui.commands.format import plural
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import ListSection
from swrtui.tui.screens.form import Choices, Field, FormScreen, Values, split_list
from swrtui.tui.widgets.info import fill_table

JOB_ROWS = 100


@dataclass(frozen=True)
class Target:
    region: str
    org: str
    override: bool = False
    sync_auto: bool = True
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.region}/{self.org}"


def _target(values: Values) -> Target:
    region, org = str(values["region"]).strip(), str(values["org"]).strip()
    if not region:
        raise ValidationError("choose the region to copy to")
    if not names.is_valid_organization(org):
        raise ValidationError(f"invalid organization name {org!r}")
    return Target(region, org, bool(values["override"]), bool(values.get("sync_auto", True)))


def parse_task(values: Values) -> Target:
    return _target(values)


def parse_sync(values: Values) -> Target:
    tags = tuple(dict.fromkeys(split_list(str(values["tags"]))))
    if not tags:
        raise ValidationError("give the tags to copy (comma-separated)")
    bad = [tag for tag in tags if not names.is_valid_tag(tag)]
    if bad:
        raise ValidationError(f"invalid tag names: {', '.join(bad)}")
    target = _target(values)
    return Target(target.region, target.org, target.override, tags=tags)


def target_fields(region: str, org: str) -> list[Field]:
    return [
        Field("region", "Region", region, loaded=True, placeholder="loading regions…"),
        Field("org", "Organization there", org),
        Field("override", "Overwrite existing tags", False),
    ]


def _job_time(job: SyncJob) -> datetime:
    return job.updated_at or job.created_at or datetime.min.replace(tzinfo=timezone.utc)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


class SyncSection(ListSection):
    TABLE_ID = "sync-tasks"
    AREA = "sync"

    def __init__(
        self, *args: object, selected_tags: Callable[[], list[str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.selected_tags = selected_tags
        self.tasks: dict[str, SyncTask] = {}

    def compose(self) -> ComposeResult:
        yield Static("Automatic sync tasks", classes="section")
        yield DataTable(id=self.TABLE_ID, cursor_type="row")
        yield Static(
            "n: add a task · x/delete: remove it · s: sync tags now (the selected ones)",
            classes="hint",
        )
        yield Static("", id="sync-result")
        yield Static("Sync jobs (newest first)", classes="section")
        yield DataTable(id="sync-jobs", cursor_type="row", zebra_stripes=True)

    async def fetch(self, node: Node) -> None:
        tasks, jobs = await asyncio.gather(
            self.client.sync.list_tasks(node.org, node.repo),
            self.client.sync.jobs(node.org, node.repo, limit=JOB_ROWS, order="desc"),
        )
        self.tasks = {f"{t.remote_region_id}/{t.remote_namespace}": t for t in tasks}
        fill_table(
            self.table,
            ("target", "automatic", "override", "created"),
            (
                (key, _yes(t.sync_auto), _yes(t.override), t.created_at)
                for key, t in self.tasks.items()
            ),
        )
        fill_table(
            self.query_one("#sync-jobs", DataTable),
            ("when", "tag", "target", "status", "by"),
            (
                (
                    j.updated_at or j.created_at,
                    j.tag,
                    f"{j.remote_region_id}/{j.remote_namespace}",
                    j.status,
                    j.operator_name or "-",
                )
                for j in sorted(jobs, key=_job_time, reverse=True)
            ),
            key_column=None,
        )

    async def _regions(self) -> Mapping[str, Choices]:
        return {"region": [(region, region) for region in await self.client.sync.regions()]}

    def do_add(self) -> None:
        node = self.node
        if node is None:
            return
        fields = [*target_fields(self.client.region, ""), Field("sync_auto", "Automatic", True)]

        def save(target: Target | None) -> None:
            if target is not None:
                self.request_change(
                    f"Pushes to {node.path} now copy to {target.key}",
                    lambda: self.client.sync.create_task(
                        node.org,
                        node.repo,
                        target.region,
                        target.org,
                        sync_auto=target.sync_auto,
                        override=target.override,
                    ),
                    then=self.then_reload,
                )

        title = f"Sync {node.path} to another region"
        self.app.push_screen(FormScreen(title, fields, parse_task, load=self._regions), save)

    def do_remove(self) -> None:
        node, key = self.node, self.highlighted()
        if node is None or key is None or key not in self.tasks:
            return
        task = self.tasks[key]
        self.confirm_change(
            f"Remove the sync task of {node.path} to {key}?",
            f"Removed the sync task to {key}",
            lambda: self.client.sync.delete_task(
                node.org, node.repo, task.remote_region_id, task.remote_namespace
            ),
            then=self.then_reload,
        )

    def do_sync_now(self) -> None:
        node = self.node
        if node is None:
            return
        chosen = self.tasks.get(self.cursor_key() or "")
        region = chosen.remote_region_id if chosen else self.client.region
        fields = [
            Field("tags", "Tags", ", ".join(self.selected_tags()), placeholder="1.0, latest"),
            *target_fields(region, chosen.remote_namespace if chosen else ""),
        ]

        def save(target: Target | None) -> None:
            if target is not None:
                self.request_change(
                    f"Sync of {plural(len(target.tags), 'tag')} of {node.path} to {target.key}",
                    lambda: self.client.sync.sync_now(
                        node.org,
                        node.repo,
                        target.tags,
                        target.region,
                        target.org,
                        override=target.override,
                    ),
                    then=lambda failed: self._synced(target, failed),
                )

        title = f"Copy tags of {node.path} now"
        note = "Tags default to the ones selected in the Tags tab."
        self.app.push_screen(
            FormScreen(title, fields, parse_sync, submit="Sync", note=note, load=self._regions),
            save,
        )

    def _synced(self, target: Target, failed: object) -> None:
        failures = [str(tag) for tag in failed] if isinstance(failed, list) else []
        copied = len(target.tags) - len(failures)
        text = f"Manual sync to {target.key}: {copied} of {plural(len(target.tags), 'tag')} copied"
        if failures:
            text += f"; failed: {', '.join(failures)}"
        self.query_one("#sync-result", Static).update(text)
        self.notify(text, severity="warning" if failures else "information")
        self.reload()
