"""Every read call of the client against a server that answers anything at all.

Clean error, for the client: a call either returns its models or raises a
:class:`~swrtui.client.SwrError` (the documented exception tree: ``ServerError`` with
``CLIENT.BAD_RESPONSE`` for a body that is not what the API promises, typed errors for 4xx,
``TransportError`` for broken connections). Anything else escaping is a bug. The transport is
an ``httpx.MockTransport`` whose answers (status, headers, body) are drawn by hypothesis.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swrtui.client import AkSkAuth, SwrClient, SwrError
from tests.fuzz.strategies import documents, header_text, json_values, over_the_wire

pytestmark = pytest.mark.fuzz

Call = Callable[[SwrClient], Awaitable[Any]]
CALLS: dict[str, Call] = {
    "organizations.list": lambda c: c.organizations.list(),
    "organizations.get": lambda c: c.organizations.get("demo"),
    "repositories.list": lambda c: c.repositories.list(),
    "repositories.get": lambda c: c.repositories.get("demo", "a/b"),
    "repositories.list_shared": lambda c: c.repositories.list_shared(),
    "tags.list": lambda c: c.tags.list("demo", "nginx"),
    "tags.get": lambda c: c.tags.get("demo", "nginx", "v1"),
    "shared_accounts.list": lambda c: c.shared_accounts.list("demo", "nginx"),
    "shared_accounts.exists": lambda c: c.shared_accounts.exists("demo", "nginx", "p"),
    "api_versions.list": lambda c: c.api_versions.list(),
    "api_versions.get": lambda c: c.api_versions.get("v2"),
    "org_permissions.get": lambda c: c.org_permissions.get("demo"),
    "image_permissions.get": lambda c: c.image_permissions.get("demo", "nginx"),
    "sync.list_tasks": lambda c: c.sync.list_tasks("demo", "nginx"),
    "sync.jobs": lambda c: c.sync.jobs("demo", "nginx"),
    "sync.regions": lambda c: c.sync.regions(),
    "triggers.list": lambda c: c.triggers.list("demo", "nginx"),
    "triggers.get": lambda c: c.triggers.get("demo", "nginx", "t1"),
    "retention.list": lambda c: c.retention.list("demo", "nginx"),
    "retention.get": lambda c: c.retention.get("demo", "nginx", 1),
    "retention.histories": lambda c: c.retention.histories("demo", "nginx"),
    "temporary_login.create": lambda c: c.temporary_login.create(),
    "temporary_login.token": lambda c: c.temporary_login.create_authorization_token(),
    "quotas.list": lambda c: c.quotas.list(),
    "reports.overview": lambda c: c.reports.overview(),
    "reports.resource_report": lambda c: c.reports.resource_report("store", "daily"),
    "reports.feature_gates": lambda c: c.reports.feature_gates(),
}
KEYS = [
    "namespaces",
    "versions",
    "version",
    "quotas",
    "retention_log",
    "total",
    "repos",
    "tags",
    "auths",
    "self_auth",
    "others_auths",
    "rules",
    "trigger_history",
    "name",
    "id",
]
PER_CALL = max(25, settings.default.max_examples // 4)

bodies = st.one_of(
    st.lists(documents(KEYS), max_size=4).map(lambda d: json.dumps(over_the_wire(d)).encode()),
    documents(KEYS).map(lambda d: json.dumps(over_the_wire(d)).encode()),
    json_values.map(lambda v: json.dumps(over_the_wire(v)).encode()),
    st.binary(max_size=64),
)
answers = st.tuples(
    st.sampled_from([200, 200, 200, 201, 204, 400, 401, 404, 429, 500, 503]),
    st.dictionaries(
        st.sampled_from(["Content-Range", "Retry-After", "X-Swr-Dockerlogin", "X-Swr-Expireat"]),
        header_text,
    ),
    bodies,
)


def _client(answer: tuple[int, dict[str, str], bytes]) -> SwrClient:
    status, headers, body = answer

    def respond(request: httpx.Request) -> httpx.Response:
        wire = {name: value.encode("latin-1") for name, value in headers.items()}
        return httpx.Response(status, headers=wire, content=body)

    auth = AkSkAuth("AKFUZZ00000000000000", "secret", project_id="p" * 32)
    return SwrClient(
        "https://swr.example", auth=auth, transport=httpx.MockTransport(respond), retries=0
    )


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(max_examples=PER_CALL)
@given(answer=answers)
def test_any_answer_gives_models_or_a_client_error(name: str, answer: Any) -> None:
    async def run() -> None:
        async with _client(answer) as client:
            try:
                await CALLS[name](client)
            except SwrError as error:
                # The documented error carries where it happened, and is one readable line.
                assert error.status is not None or error.error_code
                assert "\n" not in str(error)

    asyncio.run(run())
