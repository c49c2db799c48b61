"""``retention``: a repository's retention policy, its deletion history, and a preview of
what it would delete (reference 4.10; the preview runs the cleanup engine of
:mod:`swrtui.services.cleanup`, which SWR itself does not offer)."""

from __future__ import annotations

from swrtui.client.models.retention import Retention, RetentionRule
from swrtui.commands.args import INT, REPO, TEXT, RepoRef
from swrtui.commands.cleanup import plan_result
from swrtui.commands.format import plural
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Changed, Column, Result, message, row_record, table
from swrtui.commands.session import Session
from swrtui.services import cleanup as service

REGISTRY.group("retention", "Retention policies", aliases=("retentions",), area="retention")

COLUMNS = (Column("id", kind="int"), Column("algorithm"), Column("rules"), Column("scope"))
POLICY_ID = arg("policy", INT, "the policy id (see `retention list`)")
RULE_OPTIONS = (
    opt("--days", INT, "delete tags pushed more than N days ago (1-365)"),
    opt("--keep-last", INT, "keep only the N newest tags (1-1000)"),
    opt("--keep", TEXT, "never delete this tag; repeatable", many=True),
    opt("--keep-regex", TEXT, "never delete tags matching this regex"),
)


def describe_rule(rule: RetentionRule) -> str:
    """One rule in words, the same in every front end, e.g.
    ``delete tags pushed more than 90 days ago; never latest``."""
    if rule.template == "date_rule":
        text = f"delete tags pushed more than {rule.value} days ago"
    elif rule.template == "tag_rule":
        text = f"keep only the {rule.value} most recently pushed tags"
    else:
        text = f"{rule.template} {rule.value}"
    kept = [
        s.pattern if s.kind == "label" else f"tags matching /{s.pattern}/"
        for s in rule.tag_selectors
    ]
    return text + (f"; never {', '.join(kept)}" if kept else "")


def _row(policy: Retention) -> tuple[object, ...]:
    rules = "; ".join(describe_rule(rule) for rule in policy.rules)
    return (policy.id, policy.algorithm, rules, policy.scope)


def _rule(
    days: int | None, keep_last: int | None, keep: list[str], regex: str | None
) -> RetentionRule:
    if (days is None) == (keep_last is None):
        raise UsageError("retention: give exactly one of --days N or --keep-last N")
    if days is not None:
        return RetentionRule.date_rule(days, keep, regex)
    return RetentionRule.tag_rule(keep_last or 0, keep, regex)


@command(
    "retention list",
    "The retention policy of a repository",
    arg("repo", REPO),
    aliases=("ls",),
    default=True,
)
async def retention_list(session: Session, repo: RepoRef) -> Result:
    policies = await session.client.retention.list(repo.org, repo.repo)
    return table(COLUMNS, map(_row, policies), title=f"Retention of {repo}")


@command("retention show", "One retention policy", arg("repo", REPO), POLICY_ID)
async def retention_show(session: Session, repo: RepoRef, policy: int) -> Result:
    found = await session.client.retention.get(repo.org, repo.repo, policy)
    return row_record(COLUMNS, _row(found))


@command(
    "retention add",
    "Create the repository's retention policy (it runs at once)",
    arg("repo", REPO),
    *RULE_OPTIONS,
    mutates=True,
)
async def retention_add(
    session: Session,
    repo: RepoRef,
    days: int | None,
    keep_last: int | None,
    keep: list[str],
    keep_regex: str | None,
) -> Result:
    rule = _rule(days, keep_last, keep, keep_regex)
    new_id = await session.client.retention.create(repo.org, repo.repo, [rule])
    return message(
        f"created retention policy {new_id} on {repo}: {describe_rule(rule)}",
        Changed("tags", repo.org, repo.repo),
    )


@command(
    "retention update",
    "Replace a policy's rule (it runs at once)",
    arg("repo", REPO),
    POLICY_ID,
    *RULE_OPTIONS,
    mutates=True,
)
async def retention_update(
    session: Session,
    repo: RepoRef,
    policy: int,
    days: int | None,
    keep_last: int | None,
    keep: list[str],
    keep_regex: str | None,
) -> Result:
    rule = _rule(days, keep_last, keep, keep_regex)
    await session.client.retention.update(repo.org, repo.repo, policy, [rule])
    return message(
        f"updated retention policy {policy} on {repo}: {describe_rule(rule)}",
        Changed("tags", repo.org, repo.repo),
    )


@command(
    "retention delete",
    "Delete a retention policy",
    arg("repo", REPO),
    POLICY_ID,
    aliases=("rm",),
    destructive=True,
)
async def retention_delete(session: Session, repo: RepoRef, policy: int) -> Result:
    await session.client.retention.delete(repo.org, repo.repo, policy)
    return message(f"deleted retention policy {policy} of {repo}")


HISTORY = (
    Column("tag"),
    Column("policy", kind="int"),
    Column("rule"),
    Column("deleted", kind="time"),
)


@command(
    "retention history",
    "Tags retention runs deleted, newest first",
    arg("repo", REPO),
    opt("--limit", INT, "at most N records"),
)
async def retention_history(session: Session, repo: RepoRef, limit: int | None) -> Result:
    found = await session.client.retention.histories(repo.org, repo.repo, limit=limit or None)
    rows = []
    for item in found.records:
        rule = item.rule
        rows.append(
            (
                item.tag,
                item.retention_id,
                describe_rule(rule) if rule else item.rule_type,
                item.created_at,
            )
        )
    notes = [f"{len(rows)} of {plural(found.total, 'record')}"] if limit else []
    return table(HISTORY, rows, title=f"Retention history of {repo}", notes=notes)


@command(
    "retention preview",
    "What the repository's policy (or --days/--keep-last rules) would delete now",
    arg("repo", REPO),
    *RULE_OPTIONS,
)
async def retention_preview(
    session: Session,
    repo: RepoRef,
    days: int | None,
    keep_last: int | None,
    keep: list[str],
    keep_regex: str | None,
) -> Result:
    policy = None
    if days is not None or keep_last is not None:
        policy = Retention(0, "or", (_rule(days, keep_last, keep, keep_regex),), "")
    try:
        plan = await service.preview_repository(session.client, repo.org, repo.repo, policy)
    except service.NoPolicy as exc:
        return message(f"{exc}; preview rules with --days N or --keep-last N")
    return plan_result(plan, f"Retention preview of {repo}")
