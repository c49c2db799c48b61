"""The ``demo`` seed: a realistic, deterministic tenant to browse with no cloud account.

Everything is derived from one fixed ``random.Random`` and dates relative to an anchor day:
midnight UTC of the program clock's day (:mod:`swrtui.clock`), so the history always ends
"now" (reports of the last 30 days show traffic, ages look real) and every build on one day
is identical. Pinning the clock (``SWRTUI_NOW``, as the test suite does) pins the anchor with
it, so the seed and every age computed from it agree. Tag history spreads over about
fourteen months before the anchor, so "older than 90 days" cleanups have plenty to find.

Contents: four organizations of the demo tenant (one slot of the quota left free), about
forty repositories of every category, tag schemes of real registries (semver with ``latest``
and ``MAJOR.MINOR`` retags, ``sha-`` commits, dates, release candidates), permissions, a
retention policy, a trigger, an automatic sync task with its job history, images shared both
ways with ``partner-account``, and a month of download traffic for the reports.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from swrtui import clock
from swrtui.emulator.state.manifests import make_tag
from swrtui.emulator.state.seed_demo_activity import add_activity
from swrtui.emulator.state.store import (
    EmulatorState,
    Repository,
    User,
    add_namespace,
    add_repository,
)
from swrtui.emulator.state.tenants import DEMO_DOMAIN_ID, PARTNER_DOMAIN_ID, tenants

HISTORY_DAYS = 425
MB = 1024 * 1024
SEED = 20261101

ORGANIZATIONS = ("demo", "platform", "data-team", "ml-lab")
PARTNER_ORGANIZATION = "partner-tools"


@dataclass(frozen=True)
class RepoSpec:
    org: str
    name: str
    category: str
    public: bool
    scheme: str  # semver, sha, date or rc: how its tags are named
    images: int  # distinct images pushed; aliases such as latest come on top
    size_mb: float
    description: str


def _spec(line: str) -> RepoSpec:
    org, name, category, public, scheme, images, size, description = line.split("|")
    return RepoSpec(
        org, name, category, public == "y", scheme, int(images), float(size), description
    )


# org|name|category|public|scheme|images|size MB|description
CATALOG = [
    _spec(line)
    for line in """\
demo|nginx|app_server|y|semver|24|67|Web server and reverse proxy, hardened base config
demo|redis|database|n|semver|14|45|In-memory cache for session and rate-limit data
demo|postgres|database|n|semver|18|160|PostgreSQL with the pg_stat_statements extension
demo|mysql|database|n|semver|9|210|MySQL 8 for the legacy order service
demo|python|lang|y|semver|21|380|Python runtime with build tools, used by CI jobs
demo|node|lang|n|semver|16|340|Node.js LTS runtime
demo|golang|lang|n|semver|12|290|Go toolchain for multi-stage builds
demo|openjdk|lang|n|semver|8|420|OpenJDK runtime for the Java services
demo|ubuntu|linux|y|date|10|29|Ubuntu base image, patched weekly
demo|debian|linux|n|date|7|48|Debian slim base image
demo|alpine|linux|y|semver|11|3.4|Alpine Linux minimal base image
demo|centos|linux|n|date|4|230|CentOS 7 base, kept for one legacy batch job
demo|tools/ci-runner|other|n|sha|26|520|Self-hosted CI runner with docker, helm and kubectl
demo|tools/kubectl|other|n|semver|9|52|kubectl and kustomize for deploy jobs
demo|windows/servercore|windows|n|date|6|1480|Windows Server Core LTSC 2022 with .NET
demo|arm64/busybox|arm|y|semver|5|2.1|BusyBox for arm64 edge devices
demo|hello-world|other|y|semver|3|0.02|Smoke-test image
platform|api-gateway|framework_app|n|sha|32|145|Public API gateway (Spring Cloud Gateway)
platform|auth-service|framework_app|n|semver|19|132|OAuth2 and session service
platform|billing/invoice-worker|framework_app|n|sha|15|118|Monthly invoice generation worker
platform|billing/payment-api|framework_app|n|rc|12|126|Payment provider integration API
platform|frontend/web-portal|app_server|n|sha|22|88|Customer web portal (static build behind nginx)
platform|frontend/admin-console|app_server|n|semver|10|91|Internal administration console
platform|notification-service|framework_app|n|semver|13|104|E-mail, SMS and push notifications
platform|search-indexer|framework_app|n|date|8|240|Nightly search index builder
platform|config-server|framework_app|n|semver|6|98|Central configuration server
platform|tomcat|app_server|n|semver|7|250|Tomcat with the company JVM settings
platform|envoy|app_server|n|semver|9|160|Envoy sidecar proxy
platform|sidecar/log-agent|other|n|semver|8|36|Fluent Bit log shipping sidecar
data-team|etl/spark-job|framework_app|n|date|20|780|Spark batch jobs for the data lake
data-team|kafka|app_server|n|semver|6|410|Kafka broker with JMX exporter
data-team|clickhouse|database|n|semver|8|520|ClickHouse analytics database
data-team|mongodb|database|n|semver|5|690|MongoDB for the product catalogue
data-team|airflow|framework_app|n|rc|11|960|Airflow scheduler and workers
data-team|jupyter|lang|n|date|6|1150|JupyterLab with the data-science stack
data-team|elasticsearch|database|n|semver|7|820|Elasticsearch for logs and search
ml-lab|pytorch-train|framework_app|n|rc|9|1520|PyTorch training image with CUDA 12
ml-lab|tensorflow-serving|app_server|n|semver|6|610|TensorFlow Serving for online inference
ml-lab|models/resnet50|other|n|date|5|98|ResNet-50 model bundle
ml-lab|models/bert-base|other|n|date|4|440|BERT base model bundle
ml-lab|arm/edge-inference|arm|n|semver|6|74|ONNX runtime for arm64 edge boxes
ml-lab|cuda-base|linux|n|semver|4|1310|CUDA base image shared by the training images
""".splitlines()
]

# Their tags are manifest lists over linux/amd64, linux/arm64/v8 and linux/arm/v7.
MULTI_ARCH_REPOSITORIES = frozenset({"nginx", "alpine", "golang", "redis"})
# Small images whose layers really exist, so they pull end to end (demo/hello-world).
COMPLETE_REPOSITORIES = frozenset({"hello-world"})

# Owned by partner-account and shared with the demo tenant (see seed_demo_activity).
PARTNER_CATALOG = [
    _spec("partner-tools|shared-base|linux|n|semver|7|84|Partner's hardened base image"),
    _spec("partner-tools|scanner-agent|other|n|sha|5|61|Partner's vulnerability scanner agent"),
]


def demo_anchor() -> datetime:
    """The day the demo's history ends: midnight UTC of the clock's day."""
    day = clock.today()
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def demo_state(anchor: datetime | None = None) -> EmulatorState:
    """Build the demo seed; two calls with the same anchor give identical states."""
    anchor = anchor or demo_anchor()
    state = tenants()
    rng = random.Random(SEED)
    demo = state.domains[DEMO_DOMAIN_ID]
    admin = demo.users["u-admin-0001"]
    for name in ORGANIZATIONS:
        add_namespace(state, name, admin, anchor - timedelta(days=HISTORY_DAYS + 30))
    for spec in CATALOG:
        _add_repository(state, rng, spec, admin, anchor)
    partner_admin = state.domains[PARTNER_DOMAIN_ID].users["u-partner-0001"]
    add_namespace(state, PARTNER_ORGANIZATION, partner_admin, anchor - timedelta(days=300))
    for spec in PARTNER_CATALOG:
        _add_repository(state, rng, spec, partner_admin, anchor)
    add_activity(state, rng, anchor)
    return state


def _add_repository(
    state: EmulatorState, rng: random.Random, spec: RepoSpec, creator: User, anchor: datetime
) -> Repository:
    ns = state.namespaces[spec.org]
    times = _push_times(rng, spec.images, anchor)
    repo = add_repository(
        state,
        ns,
        spec.name,
        times[0] - timedelta(hours=2),
        creator,
        updated=times[-1],
        category=spec.category,
        description=spec.description,
        is_public=spec.public,
        num_download=rng.randint(50, 4000) * (8 if spec.public else 1),
    )
    names = _TAG_SCHEMES[spec.scheme](rng, times)
    sizes = [max(int(spec.size_mb * MB * rng.uniform(0.92, 1.08)), 4096) for _ in names]
    for index, (name, when) in enumerate(zip(names, times, strict=True)):
        _put_tag(state, repo, name, index, sizes[index], when, when)
    _add_aliases(state, repo, names, times, sizes)
    return repo


def _push_times(rng: random.Random, count: int, anchor: datetime) -> list[datetime]:
    """Push times spread from up to ~14 months ago to recently (or not so), oldest first."""
    idle = rng.choice((0, 1, 3, 6, 12, 35, 140))
    last = anchor - timedelta(days=idle, hours=rng.randint(1, 20))
    first = last - timedelta(days=rng.randint(90, HISTORY_DAYS - idle))
    step = (last - first) / max(count - 1, 1)
    jitter = step.total_seconds() * 0.3
    times = [
        first + step * i + timedelta(seconds=rng.uniform(-jitter, jitter) if i > 0 else 0)
        for i in range(count - 1)
    ]
    return [t.replace(microsecond=0) for t in [*times, last]]


def _put_tag(
    state: EmulatorState,
    repo: Repository,
    name: str,
    image: int,
    size: int,
    created: datetime,
    updated: datetime,
) -> None:
    key = f"demo/{repo.ns_id}/{repo.name}@{image}"
    repo.tags[name] = make_tag(
        state,
        repo,
        name,
        content_key=key,
        size=size,
        created=created,
        updated=updated,
        built=updated,  # a retag keeps the image's own time in ``updated``
        multi_arch=repo.name in MULTI_ARCH_REPOSITORIES,
        complete=repo.name in COMPLETE_REPOSITORIES,
    )


def _add_aliases(
    state: EmulatorState,
    repo: Repository,
    names: list[str],
    times: list[datetime],
    sizes: list[int],
) -> None:
    """Retags sharing a digest with an image: ``latest`` and friends, as registries show them."""
    newest = len(names) - 1
    aliases: dict[str, int] = {"latest": newest}
    for index, name in enumerate(names):
        if name.count(".") == 2 and name[0].isdigit() and "-" not in name:
            aliases[name.rsplit(".", 1)[0]] = index  # "1.25" follows the newest 1.25.x
        if name.startswith("sha-") and index % 7 == 3:
            aliases[f"release-{times[index]:%Y.%m}"] = index
        if "-rc" in name:
            aliases["rc"] = index
    if names[newest].startswith("sha-"):
        aliases["main"] = newest
    for alias, index in aliases.items():
        if alias not in repo.tags:
            _put_tag(state, repo, alias, index, sizes[index], times[0], times[index])


def _semver(rng: random.Random, times: list[datetime]) -> list[str]:
    major, minor, patch = rng.randint(1, 3), rng.randint(0, 20), rng.randint(0, 4)
    versions = []
    for _ in times:
        versions.append(f"{major}.{minor}.{patch}")
        roll = rng.random()
        if roll < 0.06:
            major, minor, patch = major + 1, 0, 0
        elif roll < 0.3:
            minor, patch = minor + 1, 0
        else:
            patch += 1
    return versions


def _release_candidates(rng: random.Random, times: list[datetime]) -> list[str]:
    """Final releases with their candidates: 2.3.0-rc1, 2.3.0-rc2, 2.3.0, ..."""
    major, minor, tags = rng.randint(1, 4), rng.randint(0, 5), list[str]()
    while len(tags) < len(times):
        candidates = rng.randint(1, 3)
        tags += [f"{major}.{minor}.0-rc{n}" for n in range(1, candidates + 1)]
        tags.append(f"{major}.{minor}.0")
        minor += 1
    return tags[: len(times)]


def _commits(rng: random.Random, times: list[datetime]) -> list[str]:
    return [f"sha-{rng.getrandbits(28):07x}" for _ in times]


def _dates(rng: random.Random, times: list[datetime]) -> list[str]:
    """Build dates as tags (``2025-10-03``); a second build on one day gets ``.1``."""
    names, seen = [], Counter[str]()
    for moment in times:
        day = f"{moment:%Y-%m-%d}"
        names.append(f"{day}.{seen[day]}" if seen[day] else day)
        seen[day] += 1
    return names


_TAG_SCHEMES: dict[str, Callable[[random.Random, list[datetime]], list[str]]] = {
    "semver": _semver,
    "rc": _release_candidates,
    "sha": _commits,
    "date": _dates,
}
