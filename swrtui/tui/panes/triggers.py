"""A repository's triggers (reference 4.9): roll a CCE/CCI workload to each matching pushed
tag; create one, enable or disable it (the only change the API allows), delete it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui.client.errors import ValidationError
from swrtui.client.models.triggers import APP_TYPES, TRIGGER_MODES, TRIGGER_TYPES, Trigger
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import ListSection
from swrtui.tui.screens.form import Field, FormScreen, Values
from swrtui.tui.widgets.info import fill_table


def _choices(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


def trigger_fields() -> list[Field]:
    return [
        Field("name", "Name", placeholder="my-trigger"),
        Field("trigger_type", "Tags that fire it", "all", _choices(TRIGGER_TYPES)),
        Field("condition", "Condition", placeholder="the tag (tag) or a regex (regular)"),
        Field("trigger_mode", "Runs on", "cce", _choices(TRIGGER_MODES)),
        Field("cluster_id", "CCE cluster ID", placeholder="cce only"),
        Field("cluster_name", "CCE cluster name", placeholder="cce only"),
        Field("cluster_ns", "Cluster namespace", "default"),
        Field("app_type", "Workload type", "deployments", _choices(APP_TYPES)),
        Field("application", "Workload name", placeholder="web"),
        Field("container", "Container", placeholder="empty: every container"),
        Field("enable", "Enabled", True),
    ]


def parse_trigger(values: Values) -> dict[str, Any]:
    """The keyword arguments of ``client.triggers.create`` (minus the repository)."""
    text = {key: str(value).strip() for key, value in values.items() if not isinstance(value, bool)}
    for key, what in (("name", "a name"), ("cluster_ns", "a namespace"), ("application", "an app")):
        if not text[key]:
            raise ValidationError(f"give {what}")
    trigger_type = text["trigger_type"] or "all"
    if trigger_type != "all" and not text["condition"]:
        raise ValidationError(f"a {trigger_type} trigger needs a condition")
    mode = text["trigger_mode"] or "cce"
    return {
        "name": text["name"],
        "trigger_type": trigger_type,
        "condition": None if trigger_type == "all" else text["condition"],
        "trigger_mode": mode,
        "cluster_id": text["cluster_id"] or None,
        "cluster_name": text["cluster_name"] or None,
        "cluster_ns": text["cluster_ns"],
        "app_type": text["app_type"] or "deployments",
        "application": text["application"],
        "container": text["container"] or None,
        "enable": bool(values["enable"]),
    }


class TriggersSection(ListSection):
    TABLE_ID = "triggers-table"
    AREA = "triggers"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.triggers: dict[str, Trigger] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id=self.TABLE_ID, cursor_type="row")
        yield Static(
            "n: new trigger · t: enable/disable · x/delete: delete the trigger", classes="hint"
        )

    async def fetch(self, node: Node) -> None:
        triggers = await self.client.triggers.list(node.org, node.repo)
        self.triggers = {trigger.name: trigger for trigger in triggers}
        fill_table(
            self.table,
            ("name", "enabled", "type", "condition", "target", "action", "last run"),
            (
                (
                    t.name,
                    "yes" if t.enable else "no",
                    t.trigger_type,
                    t.condition or "*",
                    f"{t.trigger_mode} {t.cluster_name or '-'} {t.cluster_ns}/{t.application}",
                    t.action,
                    f"{t.history[0].tag}: {t.history[0].result}" if t.history else "-",
                )
                for t in triggers
            ),
        )

    def do_add(self) -> None:
        node = self.node
        if node is None:
            return

        def save(fields: dict[str, Any] | None) -> None:
            if fields is not None:
                self.request_change(
                    f"Created trigger {fields['name']} on {node.path}",
                    lambda: self.client.triggers.create(node.org, node.repo, **fields),
                    then=self.then_reload,
                )

        title = f"New trigger on {node.path}"
        self.app.push_screen(FormScreen(title, trigger_fields(), parse_trigger), save)

    def do_enable(self) -> None:
        node, name = self.node, self.highlighted()
        if node is None or name is None or name not in self.triggers:
            return
        enable = not self.triggers[name].enable
        self.request_change(
            f"{'Enabled' if enable else 'Disabled'} trigger {name}",
            lambda: self.client.triggers.update(node.org, node.repo, name, enable=enable),
            then=self.then_reload,
        )

    def do_remove(self) -> None:
        node, name = self.node, self.highlighted()
        if node is None or name is None:
            return
        self.confirm_change(
            f"Delete trigger {name} of {node.path}?",
            f"Deleted trigger {name}",
            lambda: self.client.triggers.delete(node.org, node.repo, name),
            then=self.then_reload,
        )
