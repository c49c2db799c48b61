"""The emulator's state: tenants (domains) with users, and the global namespace of organizations.

Organization names are unique across the whole region, as in SWR (they are the first path
segment on the registry), so organizations live in one map on :class:`EmulatorState` and
each remembers its owning domain. Everything below an organization hangs off it. Plain
mutable dataclasses: requests are the only writers and run one at a time on the event loop,
so no locking is needed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

from swrtui import clock
from swrtui.emulator.state.blobs import BlobStore

AUTH_VIEW = 1
AUTH_EDIT = 3
AUTH_MANAGE = 7
VALID_AUTH = (AUTH_VIEW, AUTH_EDIT, AUTH_MANAGE)

DEFAULT_REGION = "cn-north-4"
DEFAULT_NAMESPACE_QUOTA = 5


def utcnow() -> datetime:
    """The clock's moment at the service's one-second resolution."""
    return clock.now().replace(microsecond=0)


def iso(moment: datetime | None) -> str | None:
    """The service's time format: UTC, seconds, trailing ``Z``."""
    if moment is None:
        return None
    utc = moment.astimezone(timezone.utc)
    if utc.year < 1000:  # strftime does not pad such years; isoformat would
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    # isoformat ("...+00:00" in UTC) is ~2.5x faster than strftime; a listed tag has two.
    return utc.isoformat(timespec="seconds")[:-6] + "Z"


@dataclass
class User:
    id: str
    name: str
    domain_id: str
    access_key: str
    secret_key: str
    password: str
    # Holds the SWR Admin policy: full rights on every organization of its domain.
    is_admin: bool = False
    # Set for temporary AK/SK: requests must then carry this X-Security-Token, signed.
    security_token: str | None = None


@dataclass
class Domain:
    """A tenant (account) with one project in the emulated region."""

    id: str
    name: str
    project_id: str
    project_name: str
    users: dict[str, User] = field(default_factory=dict)
    namespace_quota: int = DEFAULT_NAMESPACE_QUOTA
    # Bytes pulled per day, fed to the resource reports (date "YYYY-MM-DD" -> bytes).
    downflow: dict[str, int] = field(default_factory=dict)

    def user_named(self, name: str) -> User | None:
        return next((u for u in self.users.values() if u.name == name), None)


@dataclass
class Permission:
    user_id: str
    user_name: str
    auth: int


@dataclass
class Tag:
    id: int
    repo_id: int
    name: str
    digest: str
    image_id: str
    manifest: str
    size: int
    created: datetime
    updated: datetime
    schema: int = 2
    tag_type: int = 0
    scanned: bool = False
    is_trusted: bool = False


@dataclass
class StoredManifest:
    """A manifest the registry serves by digest (index children, untagged pushes)."""

    media_type: str
    body: str


@dataclass
class AccessDomain:
    """A grant of pull access on a repository to another tenant (by domain name)."""

    access_domain: str
    permit: str
    deadline: str
    description: str
    creator_id: str
    creator_name: str
    created: datetime
    updated: datetime

    def expired(self, now: datetime) -> bool:
        if self.deadline == "forever":
            return False
        try:
            ends = datetime.fromisoformat(self.deadline.replace("Z", "+00:00"))
        except ValueError:
            return False
        if ends.tzinfo is None:
            ends = ends.replace(tzinfo=timezone.utc)
        return ends <= now


@dataclass
class Deployment:
    """The workload a trigger rolls to a new image, and the tags it reacts to.

    A trigger and each of its history entries carry these fields (the reference repeats
    them in both), so both inherit them from here.
    """

    action: str
    app_type: str
    application: str
    cluster_id: str
    cluster_name: str
    cluster_ns: str
    condition: str
    container: str

    def deployment(self) -> Deployment:
        """A copy of just the deployment fields, e.g. for a history entry of a trigger."""
        return Deployment(**{f.name: getattr(self, f.name) for f in fields(Deployment)})


@dataclass
class TriggerHistory(Deployment):
    created_at: datetime
    creator_name: str
    detail: str
    result: str
    tag: str


@dataclass
class Trigger(Deployment):
    name: str
    enable: str
    trigger_mode: str
    trigger_type: str
    creator_name: str
    created_at: datetime
    history: list[TriggerHistory] = field(default_factory=list)


@dataclass
class Retention:
    id: int
    algorithm: str
    rules: list[dict[str, Any]]
    scope: str = ""


@dataclass
class RetentionLog:
    id: int
    retention_id: int
    namespace: str
    repo: str
    rule_type: str
    tag: str
    created_at: datetime


@dataclass
class SyncRepo:
    id: int
    remote_region_id: str
    remote_namespace: str
    sync_auto: bool
    override: bool
    created_at: datetime
    updated_at: datetime


@dataclass
class SyncJob:
    id: int
    remote_region_id: str
    remote_namespace: str
    tag: str
    override: bool
    status: str
    operator_id: str
    operator_name: str
    created_at: datetime
    updated_at: datetime
    # Digest of the image copied; tells a later sync whether the target holds the same image.
    digest: str = ""


@dataclass
class Repository:
    id: int
    ns_id: int
    name: str  # natural form, with "/" separators
    category: str
    description: str
    is_public: bool
    creator_id: str
    creator_name: str
    created: datetime
    updated: datetime
    num_download: int = 0
    priority: int = 0
    permissions: dict[str, Permission] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    access_domains: dict[str, AccessDomain] = field(default_factory=dict)
    triggers: dict[str, Trigger] = field(default_factory=dict)
    retentions: dict[int, Retention] = field(default_factory=dict)
    retention_logs: list[RetentionLog] = field(default_factory=list)
    sync_repos: list[SyncRepo] = field(default_factory=list)
    sync_jobs: list[SyncJob] = field(default_factory=list)
    # Manifests by digest beyond those tags hold: children of lists, pushes by digest.
    manifests: dict[str, StoredManifest] = field(default_factory=dict)

    @property
    def size(self) -> int:
        # Tags sharing a digest share their layers: count each image once.
        return sum({t.digest: t.size for t in self.tags.values()}.values())


@dataclass
class Namespace:
    id: int
    name: str
    domain_id: str
    creator_id: str
    creator_name: str
    created: datetime
    permissions: dict[str, Permission] = field(default_factory=dict)
    repos: dict[str, Repository] = field(default_factory=dict)


@dataclass
class Token:
    value: str
    user_id: str
    domain_id: str
    project_id: str
    expires_at: datetime


TRANSIENT = {"snapshot": False}


@dataclass
class DockerLogin:
    """A temporary ``docker login`` the emulator issued: the password as a SHA-256 only."""

    user_id: str
    password_sha256: str
    expires_at: datetime


@dataclass
class RegistryToken:
    """A bearer token of the registry's token realm and the actions it grants."""

    user_id: str | None  # None: anonymous
    access: dict[str, set[str]]  # "org/repo" -> {"pull", "push", "delete"}
    expires_at: datetime


@dataclass
class EmulatorState:
    region: str = DEFAULT_REGION
    domains: dict[str, Domain] = field(default_factory=dict)
    namespaces: dict[str, Namespace] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    # Registry-side runtime state, never written to snapshots: blobs live in their own
    # content-addressed store (files under --state when persisting), docker logins are kept
    # as hashes only, and registry tokens die with the process as SWR's short-lived ones do.
    blobs: BlobStore = field(default_factory=BlobStore, metadata=TRANSIENT)
    docker_logins: dict[str, DockerLogin] = field(default_factory=dict, metadata=TRANSIENT)
    registry_tokens: dict[str, RegistryToken] = field(default_factory=dict, metadata=TRANSIENT)

    def next_id(self) -> int:
        return next(self._ids)

    # --- lookups -------------------------------------------------------------------------

    def all_users(self) -> dict[str, User]:
        return {uid: u for d in self.domains.values() for uid, u in d.users.items()}

    def secrets_by_access_key(self) -> dict[str, str]:
        return {u.access_key: u.secret_key for u in self.all_users().values()}

    def user_by_access_key(self, access_key: str) -> User | None:
        return next((u for u in self.all_users().values() if u.access_key == access_key), None)

    def domain_by_name(self, name: str) -> Domain | None:
        return next((d for d in self.domains.values() if d.name == name), None)

    def domain_by_project(self, project: str) -> Domain | None:
        return next(
            (d for d in self.domains.values() if project in (d.project_id, d.project_name)),
            None,
        )

    def namespaces_of(self, domain_id: str) -> list[Namespace]:
        return [ns for ns in self.namespaces.values() if ns.domain_id == domain_id]

    # --- effective rights ------------------------------------------------------------------

    def namespace_auth(self, user: User, ns: Namespace) -> int:
        """The user's role on an organization: 0 (none), 1, 3 or 7."""
        if ns.domain_id != user.domain_id:
            return 0
        if user.is_admin or ns.creator_id == user.id:
            return AUTH_MANAGE
        grant = ns.permissions.get(user.id)
        return grant.auth if grant else 0

    def repository_auth(self, user: User, ns: Namespace, repo: Repository) -> int:
        """The user's role on a repository: the better of the org role and the repo grant."""
        if ns.domain_id != user.domain_id:
            return 0
        grant = repo.permissions.get(user.id)
        own = AUTH_MANAGE if repo.creator_id == user.id else 0
        return max(self.namespace_auth(user, ns), grant.auth if grant else 0, own)

    def namespace_visible(self, user: User, ns: Namespace) -> bool:
        """Visible through the org role or through a grant on any of its repositories."""
        if self.namespace_auth(user, ns):
            return True
        return any(user.id in r.permissions for r in ns.repos.values())


# --- construction ----------------------------------------------------------------------------


def add_namespace(state: EmulatorState, name: str, creator: User, created: datetime) -> Namespace:
    """Create organization ``name`` in ``creator``'s tenant and register it."""
    ns = Namespace(
        id=state.next_id(),
        name=name,
        domain_id=creator.domain_id,
        creator_id=creator.id,
        creator_name=creator.name,
        created=created,
    )
    state.namespaces[name] = ns
    return ns


def add_repository(
    state: EmulatorState,
    ns: Namespace,
    name: str,
    created: datetime,
    creator: User | None = None,
    *,
    updated: datetime | None = None,
    category: str = "other",
    description: str = "",
    is_public: bool = False,
    num_download: int = 0,
) -> Repository:
    """Create repository ``name`` (natural form) in ``ns`` and register it.

    Without ``creator`` it belongs to the organization's creator, as an image pushed to a
    missing repository does; ``updated`` defaults to ``created``.
    """
    repo = Repository(
        id=state.next_id(),
        ns_id=ns.id,
        name=name,
        category=category,
        description=description,
        is_public=is_public,
        creator_id=creator.id if creator else ns.creator_id,
        creator_name=creator.name if creator else ns.creator_name,
        created=created,
        updated=updated or created,
        num_download=num_download,
    )
    ns.repos[name] = repo
    return repo
