"""A repository's shared accounts (reference 4.4): other tenants allowed to pull it until a
deadline; share, change the deadline or description, stop sharing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from swrtui.client.errors import ValidationError
from swrtui.client.models.shared_accounts import FOREVER, SharedAccount
from swrtui.tui.nodes import Node
from swrtui.tui.panes.base import ListSection
from swrtui.tui.screens.form import Field, FormScreen, Values
from swrtui.tui.widgets.info import fill_table


@dataclass(frozen=True)
class Share:
    account: str
    deadline: str | datetime
    description: str


def parse_deadline(text: str) -> str | datetime:
    """``forever`` (or nothing), or a date/time such as ``2027-06-30`` (UTC unless it says)."""
    text = text.strip()
    if not text or text.lower() == FOREVER:
        return FOREVER
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"deadline {text!r}: use forever or a date like 2027-06-30") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_share(values: Values) -> Share:
    account = str(values["account"]).strip()
    if not account:
        raise ValidationError("give the account (tenant) name to share with")
    return Share(account, parse_deadline(str(values["deadline"])), str(values["description"]))


class SharesSection(ListSection):
    TABLE_ID = "shares-table"
    AREA = "shared accounts"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.shares: dict[str, SharedAccount] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id=self.TABLE_ID, cursor_type="row")
        yield Static(
            "n: share with an account · e: change deadline · x/delete: stop sharing",
            classes="hint",
        )

    async def fetch(self, node: Node) -> None:
        shares = await self.client.shared_accounts.list(node.org, node.repo)
        self.shares = {share.access_domain: share for share in shares}
        fill_table(
            self.table,
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

    def _form(self, title: str, share: SharedAccount | None) -> None:
        node = self.node
        if node is None:
            return
        fields = [
            Field("account", "Account (tenant) name", share.access_domain if share else ""),
            Field("deadline", "Deadline", share.deadline if share else FOREVER, placeholder=""),
            Field("description", "Description", share.description if share else ""),
        ]
        client = self.client.shared_accounts

        def save(result: Share | None) -> None:
            if result is None:
                return
            call = client.update if share is not None else client.create
            # Editing keeps the share's account: a changed name would touch another share.
            account = share.access_domain if share is not None else result.account
            self.request_change(
                f"{node.path} shared with {account} until {result.deadline}",
                lambda: call(
                    node.org,
                    node.repo,
                    account,
                    deadline=result.deadline,
                    description=result.description,
                ),
                then=self.then_reload,
            )

        note = "Read access for another tenant; deadline: forever or a date (UTC)."
        self.app.push_screen(FormScreen(title, fields, parse_share, note=note), save)

    def do_add(self) -> None:
        if self.node is not None:
            self._form(f"Share {self.node.path} with an account", None)

    def do_edit(self) -> None:
        account = self.highlighted()
        if account is not None and account in self.shares:
            self._form(f"Change the share with {account}", self.shares[account])

    def do_remove(self) -> None:
        node, account = self.node, self.highlighted()
        if node is None or account is None:
            return
        self.confirm_change(
            f"Stop sharing {node.path} with {account}?",
            f"{node.path} no longer shared with {account}",
            lambda: self.client.shared_accounts.delete(node.org, node.repo, account),
            then=self.then_reload,
        )
