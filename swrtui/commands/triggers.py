"""``triggers``: roll a CCE/CCI workload to newly pushed tags (reference 4.9)."""

from __future__ import annotations

from dataclasses import replace

from swrtui.client.models.triggers import APP_TYPES, TRIGGER_MODES, TRIGGER_TYPES, Trigger
from swrtui.commands.args import REPO, TEXT, RepoRef, choice
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, arg, command, opt
from swrtui.commands.result import Column, Result, message, record, table
from swrtui.commands.session import Session

REGISTRY.group("triggers", "Deployment triggers", aliases=("trigger",), area="triggers")

COLUMNS = (
    Column("name"),
    Column("enabled", kind="bool"),
    Column("type"),
    Column("condition"),
    Column("mode"),
    Column("application"),
    Column("namespace"),
    Column("runs", kind="int"),
    Column("created", kind="time"),
)
NAME = arg("name", TEXT, "the trigger's name")


def _row(t: Trigger) -> tuple[object, ...]:
    app = f"{t.app_type}/{t.application}"
    return (
        t.name,
        t.enable,
        t.trigger_type,
        t.condition,
        t.trigger_mode,
        app,
        t.cluster_ns,
        len(t.history),
        t.created_at,
    )


@command(
    "triggers list",
    "Triggers of a repository",
    arg("repo", REPO),
    aliases=("ls",),
    default=True,
)
async def triggers_list(session: Session, repo: RepoRef) -> Result:
    found = await session.client.triggers.list(repo.org, repo.repo)
    return table(COLUMNS, map(_row, found), title=f"Triggers of {repo}")


@command("triggers show", "One trigger and its recent runs", arg("repo", REPO), NAME)
async def triggers_show(session: Session, repo: RepoRef, name: str) -> Result:
    t = await session.client.triggers.get(repo.org, repo.repo, name)
    fields = dict(zip((c.key for c in COLUMNS), _row(t), strict=True))
    fields.update(
        cluster=t.cluster_name or t.cluster_id, container=t.container, creator=t.creator_name
    )
    notes = [f"run: {r.tag} {r.result} {r.detail}".rstrip() for r in t.history[:10]]
    return replace(record(fields, title=name), notes=tuple(notes))


@command(
    "triggers add",
    "Create a trigger: update APP in NAMESPACE when matching tags are pushed",
    arg("repo", REPO),
    NAME,
    opt("--app", TEXT, "the workload to update"),
    opt("--namespace", TEXT, "the cluster namespace of the workload"),
    opt(
        "--app-type",
        choice(*APP_TYPES),
        "deployments (default) or statefulsets",
        default="deployments",
    ),
    opt("--type", choice(*TRIGGER_TYPES), "all (default), tag or regular", default="all"),
    opt("--condition", TEXT, "the tag (type tag) or regex (type regular)"),
    opt("--mode", choice(*TRIGGER_MODES), "cce (default) or cci", default="cce"),
    opt("--cluster-id", TEXT, "CCE cluster id"),
    opt("--cluster-name", TEXT, "CCE cluster name"),
    opt("--container", TEXT, "container to update (default: all)"),
    opt("--disabled", help="create it switched off"),
    mutates=True,
)
async def triggers_add(
    session: Session,
    repo: RepoRef,
    name: str,
    app: str | None,
    namespace: str | None,
    app_type: str,
    type: str,
    condition: str | None,
    mode: str,
    cluster_id: str | None,
    cluster_name: str | None,
    container: str | None,
    disabled: bool,
) -> Result:
    if not app or not namespace:
        raise UsageError("triggers add: --app and --namespace are required")
    await session.client.triggers.create(
        repo.org,
        repo.repo,
        name,
        cluster_ns=namespace,
        application=app,
        app_type=app_type,
        trigger_type=type,
        condition=condition,
        trigger_mode=mode,
        cluster_id=cluster_id,
        cluster_name=cluster_name,
        container=container,
        enable=not disabled,
    )
    return message(f"created trigger {name} on {repo}")


@command("triggers enable", "Switch a trigger on", arg("repo", REPO), NAME, mutates=True)
async def triggers_enable(session: Session, repo: RepoRef, name: str) -> Result:
    await session.client.triggers.update(repo.org, repo.repo, name, enable=True)
    return message(f"enabled trigger {name} on {repo}")


@command("triggers disable", "Switch a trigger off", arg("repo", REPO), NAME, mutates=True)
async def triggers_disable(session: Session, repo: RepoRef, name: str) -> Result:
    await session.client.triggers.update(repo.org, repo.repo, name, enable=False)
    return message(f"disabled trigger {name} on {repo}")


@command(
    "triggers delete",
    "Delete a trigger",
    arg("repo", REPO),
    NAME,
    aliases=("rm",),
    destructive=True,
)
async def triggers_delete(session: Session, repo: RepoRef, name: str) -> Result:
    await session.client.triggers.delete(repo.org, repo.repo, name)
    return message(f"deleted trigger {name} of {repo}")
