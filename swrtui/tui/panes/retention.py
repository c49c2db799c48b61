"""A repository's retention policy (reference 4.10): its rules in words, a preview of what it
would delete now (SWR has none: :func:`swrtui.services.cleanup.preview_repository` runs the
policy through the cleanup engine), the history of tags retention runs deleted, and
create/update/delete. SWR runs a policy as soon as it is saved, so saving first previews
the new rules and asks with the number of tags they would delete.
"""

from __future__ import annotations

import asyncio
import builtins
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui import clock
from swrtui.client.errors import ValidationError
from swrtui.client.models.retention import TEMPLATES, Retention, RetentionRule
from swrtui.commands.format import plural
from swrtui.commands.retention import describe_rule
from swrtui.errors import describe_error
from swrtui.services.cleanup import Plan, preview_repository
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import Change, Pane
from swrtui.tui.screens.cleanup import fill_plan_table, plan_summary
from swrtui.tui.screens.form import Field, FormScreen, Values, split_list
from swrtui.tui.widgets.info import fill_table

HISTORY_ROWS = 100
TEMPLATE_CHOICES = (
    ("delete tags older than N days (date_rule)", "date_rule"),
    ("keep the N newest tags (tag_rule)", "tag_rule"),
)


def describe_policy(policy: Retention | None) -> str:
    if policy is None:
        return "No retention policy: tags stay until deleted. n: create one."
    lines = [f"Policy #{policy.id} — a tag goes when any rule selects it:"]
    lines += [f"  {i}. {describe_rule(rule)}" for i, rule in enumerate(policy.rules, 1)]
    return "\n".join(lines)


def parse_rule(values: Values) -> RetentionRule:
    template = str(values["template"]) or "date_rule"
    key, low, high = TEMPLATES[template]
    text = str(values["value"]).strip()
    if not text.isdigit():
        raise ValidationError(f"{key} must be a whole number from {low} to {high}")
    regex = str(values["keep_regex"]).strip() or None
    build = RetentionRule.date_rule if template == "date_rule" else RetentionRule.tag_rule
    return build(int(text), split_list(str(values["keep_labels"])), regex)


def rule_fields(rule: RetentionRule | None) -> list[Field]:
    labels = [s.pattern for s in rule.tag_selectors if s.kind == "label"] if rule else []
    regexes = [s.pattern for s in rule.tag_selectors if s.kind == "regexp"] if rule else []
    return [
        Field("template", "Rule", rule.template if rule else "date_rule", TEMPLATE_CHOICES),
        Field("value", "N days / N tags", str(rule.value) if rule else "90"),
        Field("keep_labels", "Never delete tags", ", ".join(labels) or "latest"),
        Field("keep_regex", "…nor tags matching", regexes[0] if regexes else "", placeholder=""),
    ]


class RetentionSection(Pane):
    AREA = "retention"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.policy: Retention | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="retention-policy")
        yield Static(
            "p: preview what it would delete now · n: create · e: edit · x/delete: delete policy",
            classes="hint",
        )
        yield Static("Preview: press p", classes="section", id="retention-preview-summary")
        yield DataTable(id="retention-preview", cursor_type="row", zebra_stripes=True)
        yield Static("History", classes="section", id="retention-history-title")
        yield DataTable(id="retention-history", cursor_type="row")

    async def fetch(self, node: Node) -> None:
        policies, history = await asyncio.gather(
            self.client.retention.list(node.org, node.repo),
            self.client.retention.histories(node.org, node.repo, limit=HISTORY_ROWS),
        )
        self.policy = policies[0] if policies else None
        # A preview is of one moment: after a change (or a run) it would mislead.
        self.query_one("#retention-preview-summary", Static).update("Preview: press p")
        self.query_one("#retention-preview", DataTable).clear(columns=True)
        self.query_one("#retention-policy", Static).update(describe_policy(self.policy))
        self.query_one("#retention-history-title", Static).update(
            f"History: {plural(history.total, 'tag')} deleted by retention runs (newest first)"
        )
        fill_table(
            self.query_one("#retention-history", DataTable),
            ("deleted", "tag", "policy", "rule"),
            (
                (
                    r.created_at,
                    r.tag,
                    f"#{r.retention_id}",
                    describe_rule(r.rule) if r.rule else r.rule_type,
                )
                for r in history.records
            ),
            key_column=None,
        )

    # ----- preview ------------------------------------------------------------------
    def do_preview(self) -> None:
        if self.node is None:
            return
        if self.policy is None:
            self.notify("This repository has no retention policy to preview.", severity="warning")
            return
        self.query_one("#retention-preview-summary", Static).update("Preview: listing tags…")
        self._preview(self.node, self.policy)

    @work(group="retention-preview", exclusive=True, exit_on_error=False)
    async def _preview(self, node: Node, policy: Any) -> None:
        await self._run_preview(node, policy)

    async def _run_preview(self, node: Node, policy: Any) -> Plan | None:
        """Preview ``policy`` (a client model or the wire document) and show the plan."""
        try:
            plan = await preview_repository(
                self.client, node.org, node.repo, policy, now=clock.now()
            )
        except Exception as exc:
            self.notify(describe_error(exc), title="Preview failed", severity="error")
            return None
        self.show_preview(plan)
        return plan

    def show_preview(self, plan: Plan) -> None:
        self.query_one("#retention-preview-summary", Static).update(
            f"Preview (nothing deleted): {plan_summary(plan)}"
        )
        fill_plan_table(self.query_one("#retention-preview", DataTable), plan)

    # ----- changes ------------------------------------------------------------------
    def do_add(self) -> None:
        if self.policy is not None:
            self.notify("A repository has one policy: e edits it.", severity="warning")
            return
        self._form("New retention policy", None)

    def do_edit(self) -> None:
        if self.policy is None:
            self.notify("No policy yet: n creates one.", severity="warning")
            return
        self._form(f"Edit retention policy #{self.policy.id}", self.policy)

    def _form(self, title: str, policy: Retention | None) -> None:
        node = self.node
        if node is None:
            return
        first = policy.rules[0] if policy and policy.rules else None
        rest = policy.rules[1:] if policy else ()
        note = (
            "Days 1-365 or tags 1-1000. SWR applies a policy as soon as it is saved; "
            "you will see what it deletes first."
        )
        if rest:
            note += f" This edits rule 1; the other {len(rest)} stay."

        def save(rule: RetentionRule | None) -> None:
            if rule is not None:
                self._confirm_policy(node, policy, [rule, *rest])

        self.app.push_screen(FormScreen(title, rule_fields(first), parse_rule, note=note), save)

    @work(group="retention-save", exclusive=True, exit_on_error=False)
    async def _confirm_policy(
        self, node: Node, policy: Retention | None, rules: builtins.list[RetentionRule]
    ) -> None:
        body = {"algorithm": "or", "rules": [rule.to_api() for rule in rules]}
        plan = await self._run_preview(node, body)
        if plan is None:
            return
        retention = self.client.retention
        change: Change
        if policy is None:
            change = lambda: retention.create(node.org, node.repo, rules)  # noqa: E731
        else:
            policy_id = policy.id
            change = lambda: retention.update(node.org, node.repo, policy_id, rules)  # noqa: E731
        verb = "Create" if policy is None else "Save"
        self.confirm_change(
            f"{verb} this policy on {node.path}? SWR runs it at once: {plan.count} of "
            f"{plural(plan.tags_scanned, 'tag')} would be deleted now.",
            f"{verb}d the retention policy of {node.path}",
            change,
            node,
            action=verb,
        )

    def do_remove(self) -> None:
        node, policy = self.node, self.policy
        if node is None or policy is None:
            self.notify("No policy to delete.", severity="warning")
            return
        self.confirm_change(
            f"Delete retention policy #{policy.id} of {node.path}? (No tags are deleted.)",
            f"Deleted the retention policy of {node.path}",
            lambda: self.client.retention.delete(node.org, node.repo, policy.id),
            then=self.then_reload,
        )
