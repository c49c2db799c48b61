"""The cleanup screen: rules → plan (dry run) → confirm → progress bar → report.

It works on one repository, or on the tags selected in its table: then only those tags are
candidates (the rules still apply to them, and "keep last" defaults to 0 so the selection
goes), while every tag of the repository counts for the marks (a deletion removes its image
only when no kept tag shares its digest). Planning and deleting go through
:mod:`swrtui.services.cleanup`, the same code the REPL uses.

A plan is tied to the form that made it: editing any rule field, or a rule that does not
parse, clears it (the table empties, Execute is disabled), so what the user confirms is
always what the visible rules select. The listing it was made from is pinned too: every
planned deletion carries the digest it showed, and the engine skips a tag changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, ProgressBar, Static

from swrtui import clock
from swrtui.client import SwrClient
from swrtui.commands.cleanup import EFFECT_TEXT, confirm_question, name_only_notes, plan_summary
from swrtui.commands.format import human_bytes, plural, short_digest, when
from swrtui.errors import describe_error
from swrtui.services.cleanup import (
    Event,
    Pattern,
    Plan,
    RuleError,
    RuleSet,
    TagFinished,
    execute_plan,
    plan_rules,
)
from swrtui.services.cleanup.options import RULE_OPTIONS, RuleOption, parse_values, rule_set
from swrtui.services.listing import list_tags_many
from swrtui.tui.screens.confirm import ConfirmScreen
from swrtui.tui.widgets.info import fill_table

PLAN_ROWS = 500


# The form's fields: the shared rule options that take a value (a flag is no text field).
FIELDS = tuple(option for option in RULE_OPTIONS if not option.is_flag)


def _split(option: RuleOption, text: str) -> object:
    """A field's text as the option's typed value: many-valued fields are comma-separated."""
    if option.many:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text.strip()


def rules_from_form(form: Mapping[str, str], org: str, repo: str, selected: list[str]) -> RuleSet:
    """The rule set the form (option key → text) describes, scoped to ``org/repo`` and the
    selection, if any; parsed as the CLI and the REPL parse the same options."""
    values = parse_values({o.key: _split(o, form.get(o.key, "")) for o in FIELDS})
    values["include"] += [Pattern("exact", name) for name in selected]
    return rule_set(f"{org}/{repo}", values)


def fill_plan_table(table: DataTable[str], plan: Plan) -> None:
    """The first :data:`PLAN_ROWS` planned deletions, each with the rule that chose it and
    its effect (removes the image, or only a name)."""
    fill_table(
        table,
        ("tag", "digest", "size", "updated", "why", "effect"),
        (
            (
                i.tag,
                short_digest(i.digest),
                human_bytes(i.size),
                when(i.updated),
                i.rule,
                EFFECT_TEXT[i.effect],
            )
            for i in plan.items[:PLAN_ROWS]
        ),
    )


class CleanupScreen(Screen[bool]):
    """Dismisses with True when tags were deleted (so the caller refreshes)."""

    # A modal work screen: the app's own keys (c, L, n, ...) stay off while it is open.
    WORK_SCREEN = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        # priority: they work from inside the rule inputs too.
        Binding("ctrl+r", "plan", "Plan (dry run)", priority=True),
        Binding("ctrl+g", "execute", "Delete planned tags…", priority=True),
    ]

    def __init__(
        self,
        client: SwrClient,
        org: str,
        repo: str,
        selected: list[str],
        *,
        journal_dir: Path,
        profile: str = "",
    ) -> None:
        super().__init__()
        self.client, self.org, self.repo = client, org, repo
        self.selected = selected
        self.journal_dir = journal_dir
        # Journals bind to their target, profile included: a later `--resume` checks it.
        self.profile = profile
        self.plan: Plan | None = None
        # The form (option key → text) the plan was made from.
        self.plan_form: dict[str, str] | None = None
        self.deleted_any = False

    def compose(self) -> ComposeResult:
        scope = f"{plural(len(self.selected), 'selected tag')} of " if self.selected else ""
        yield Static(f"Clean up {scope}{self.org}/{self.repo}", classes="title", id="cleanup-title")
        with Horizontal(id="cleanup-form"):
            for field_id, label, value, hint in self._fields():
                with Vertical(classes="field"):
                    yield Label(label)
                    yield Input(value, placeholder=hint, id=field_id)
        with Horizontal(classes="buttons"):
            yield Button("Plan (dry run) ^r", variant="primary", id="plan")
            yield Button("Delete planned tags… ^g", variant="error", id="execute", disabled=True)
        yield Static("Set the rules and press Plan: nothing is deleted yet.", id="plan-summary")
        yield Static("", id="plan-warnings")
        yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
        yield ProgressBar(id="cleanup-progress", show_eta=False)
        yield Static("", id="cleanup-report")
        yield Footer()

    def _fields(self) -> list[tuple[str, str, str, str]]:
        # Hand-picked tags go unless kept: no "keep last" then.
        defaults = {"keep_last": "0" if self.selected else "10"}
        return [(o.name, o.label, defaults.get(o.key, ""), o.hint) for o in FIELDS]

    def form(self) -> dict[str, str]:
        return {o.key: self.query_one(f"#{o.name}", Input).value for o in FIELDS}

    def on_mount(self) -> None:
        self.query_one("#cleanup-progress", ProgressBar).display = False

    @on(Button.Pressed, "#plan")
    @on(Input.Submitted)
    def action_plan(self) -> None:
        form = self.form()
        try:
            rules = rules_from_form(form, self.org, self.repo, self.selected)
        except RuleError as exc:
            # A failed edit leaves no plan behind: the old one matches other rules.
            self.clear_plan(f"No plan: {exc}")
            self.notify(str(exc), title="Rules", severity="error")
            return
        self.query_one("#plan-summary", Static).update("Planning…")
        self._make_plan(rules, form)

    @on(Input.Changed)
    def rules_edited(self) -> None:
        if self.plan_form is not None and self.form() != self.plan_form:
            self.clear_plan("The rules changed: plan again (nothing is deleted yet).")

    def clear_plan(self, summary: str) -> None:
        self.plan, self.plan_form = None, None
        self.query_one("#plan-summary", Static).update(summary)
        self.query_one("#plan-warnings", Static).update("")
        self.query_one("#plan-table", DataTable).clear()
        self.query_one("#execute", Button).disabled = True
        self.refresh_bindings()

    @work(exclusive=True, group="cleanup-plan", exit_on_error=False)
    async def _make_plan(self, rules: RuleSet, form: dict[str, str]) -> None:
        inventory = await list_tags_many(self.client, [(self.org, self.repo)])
        if self.form() != form:
            return  # edited while listing: that edit already cleared the plan
        if not inventory.complete:
            # Stays until a plan succeeds: planning over part of the tags would keep the wrong N.
            lines = ["⚠ No plan: the inventory is incomplete (plan again to retry)"]
            lines += [f"• {gap.line}" for gap in inventory.gaps]
            self.clear_plan("\n".join(lines))
            return
        self.show_plan(plan_rules(inventory.value, rules, clock.now()), form)

    def show_plan(self, plan: Plan, form: dict[str, str]) -> None:
        self.plan, self.plan_form = plan, form
        self.query_one("#plan-summary", Static).update(plan_summary(plan))
        self.query_one("#plan-warnings", Static).update(
            "\n".join(f"⚠ {line}" for line in name_only_notes(plan)[:5])
        )
        fill_plan_table(self.query_one("#plan-table", DataTable), plan)
        self.query_one("#execute", Button).disabled = plan.count == 0
        self.refresh_bindings()

    @on(Button.Pressed, "#execute")
    def action_execute(self) -> None:
        plan = self.plan
        # The key always answers: a silent key reads as a broken one.
        if plan is None:
            self.notify("No plan: plan first (ctrl+r).", severity="warning")
            return
        if plan.count == 0:
            self.notify("The plan deletes nothing.", severity="warning")
            return
        if self.form() != self.plan_form:
            # An edit's Changed message may still be queued behind this key press.
            self.clear_plan("The rules changed: plan again (nothing is deleted yet).")
            return
        question = f"{confirm_question(plan)} This cannot be undone."

        def answered(yes: bool | None) -> None:
            if yes:
                self._execute(plan)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(exclusive=True, group="cleanup-run", exit_on_error=False)
    async def _execute(self, plan: Plan) -> None:
        bar = self.query_one("#cleanup-progress", ProgressBar)
        bar.display = True
        bar.update(total=plan.count, progress=0)
        self.query_one("#execute", Button).disabled = True
        # A plan runs once: plan again to delete more.
        self.plan, self.plan_form = None, None
        self.refresh_bindings()

        def on_event(event: Event) -> None:
            if isinstance(event, TagFinished):
                bar.update(progress=event.done)

        try:
            report = await execute_plan(
                self.client,
                plan,
                confirmed=True,
                journal_dir=self.journal_dir,
                on_event=on_event,
                profile=self.profile,
            )
        except Exception as exc:
            self.notify(describe_error(exc), title="Cleanup failed", severity="error")
            return
        self.deleted_any = bool(report.deleted)
        lines = [
            f"Deleted {len(report.deleted)}, already gone {len(report.already_gone)}, "
            f"failed {len(report.failed)}, not attempted {len(report.not_attempted)}, "
            f"changed since plan (kept) {len(report.changed)}.",
            *(f"✗ {f.item.tag}: {f.error_code} {f.message}" for f in report.failed[:5]),
            f"Journal: {report.journal}",
        ]
        self.query_one("#cleanup-report", Static).update("\n".join(lines))
        self.notify(
            lines[0], title="Cleanup finished", severity="information" if report.ok else "warning"
        )
        # The old plan describes tags that are gone now: show what the rules select today.
        self.action_plan()

    def action_close(self) -> None:
        self.dismiss(self.deleted_any)
