"""State snapshots: exact round trips, kept id positions, masked dumps, tolerant decoding."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.state import seeds, store
from swrtui.emulator.state.snapshot import MASK, from_document, to_document
from swrtui.emulator.state.store import EmulatorState, Token
from tests.conftest import LiveEmulator


def _round_trip(state: EmulatorState) -> EmulatorState:
    text = json.dumps(to_document(state, include_secrets=True))
    return from_document(json.loads(text))


@pytest.mark.parametrize("seed", ["empty", "demo", "large:2x3x4"])
def test_round_trip_is_exact(seed: str) -> None:
    state = seeds.build(seed)
    restored = _round_trip(state)
    assert to_document(restored, True) == to_document(state, True)
    # Equal dataclasses all the way down (the counter aside, which has no equality).
    assert restored.domains == state.domains
    assert restored.namespaces == state.namespaces


def test_types_survive() -> None:
    restored = _round_trip(seeds.build("demo"))
    gateway = restored.namespaces["platform"].repos["api-gateway"]
    (policy_id,) = gateway.retentions
    assert isinstance(policy_id, int)  # dict[int, ...] keys come back as ints
    tag = gateway.tags["latest"]
    assert isinstance(tag.created, datetime) and tag.created.tzinfo is not None
    assert isinstance(gateway.retention_logs[0], store.RetentionLog)
    assert gateway.retentions[policy_id].rules[0]["params"] == {"days": "90"}


def test_id_counter_position_survives() -> None:
    state = seeds.build("demo")
    document = to_document(state, include_secrets=True)
    restored = from_document(document)
    # Taking the snapshot did not consume an id.
    assert state.next_id() == restored.next_id() == document["state"]["_ids"]
    used = {
        t.id for ns in state.namespaces.values() for r in ns.repos.values() for t in r.tags.values()
    }
    assert restored.next_id() > max(used)


def test_every_store_field_is_in_the_document() -> None:
    doc = to_document(seeds.build("demo"), include_secrets=True)["state"]
    # Registry runtime state (blobs, docker logins, registry tokens) is marked transient.
    kept = {f.name for f in dataclasses.fields(EmulatorState) if f.metadata.get("snapshot", True)}
    assert set(doc) == kept
    assert kept < {f.name for f in dataclasses.fields(EmulatorState)}
    repo = doc["namespaces"]["demo"]["repos"]["nginx"]
    assert set(repo) == {f.name for f in dataclasses.fields(store.Repository)}
    tag = repo["tags"]["latest"]
    assert set(tag) == {f.name for f in dataclasses.fields(store.Tag)}


def test_missing_fields_take_their_defaults() -> None:
    # A document written before a field existed still loads.
    doc = to_document(seeds.build("demo"), include_secrets=True)
    del doc["state"]["domains"][seeds.DEMO_DOMAIN_ID]["downflow"]
    del doc["state"]["namespaces"]["demo"]["repos"]["nginx"]["num_download"]
    restored = from_document(doc)
    assert restored.domains[seeds.DEMO_DOMAIN_ID].downflow == {}
    assert restored.namespaces["demo"].repos["nginx"].num_download == 0


def test_dump_without_secrets_masks_them() -> None:
    state = seeds.build("demo")
    state.tokens["MIIsecret-token-value"] = Token(
        "MIIsecret-token-value", "u-admin-0001", seeds.DEMO_DOMAIN_ID, seeds.DEMO_PROJECT_ID,
        datetime(2026, 11, 2, tzinfo=timezone.utc),
    )  # fmt: skip
    doc = to_document(state, include_secrets=False)
    text = json.dumps(doc)
    for user in state.all_users().values():
        assert user.secret_key not in text and user.password not in text
        assert user.access_key in text
    assert "MIIsecret-token-value" not in text
    assert doc["state"]["tokens"] == {
        "token-1": {
            "value": MASK,
            "user_id": "u-admin-0001",
            "domain_id": seeds.DEMO_DOMAIN_ID,
            "project_id": seeds.DEMO_PROJECT_ID,
            "expires_at": "2026-11-02T00:00:00+00:00",
        }
    }
    with pytest.raises(ValueError, match="masked"):
        from_document(doc)
    # The full document keeps them, so the state file can restore logins.
    assert "MIIsecret-token-value" in json.dumps(to_document(state, include_secrets=True))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a swrtui emulator state"),
        (lambda d: d.update(version=99), "unsupported state document version 99"),
        (lambda d: d["state"].update(region=5), "state.region: expected str, got int"),
        (
            lambda d: d["state"]["namespaces"]["demo"].update(created="yesterday"),
            "Invalid isoformat",
        ),
        (
            lambda d: d["state"]["namespaces"]["platform"]["repos"]["api-gateway"].update(
                retentions={"x": {}}
            ),
            "key 'x' is not an integer",
        ),
    ],
)
def test_bad_documents_are_refused(mutate: Any, message: str) -> None:
    doc = to_document(seeds.build("demo"), include_secrets=True)
    mutate(doc)
    with pytest.raises(ValueError, match=message):
        from_document(doc)


@pytest.mark.socket
def test_round_trip_after_api_mutations(live_emulator: LiveEmulator, sdk: Any) -> None:
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace="snap-team"))
    )
    sdk.create_repo(
        model.CreateRepoRequest(
            namespace="snap-team",
            body=model.CreateRepoRequestBody(
                repository="svc/api", is_public=False, category="other", description="snap"
            ),
        )
    )
    pushed = httpx.post(
        f"{live_emulator.url}/_emulator/push",
        json={"namespace": "snap-team", "repository": "svc/api", "tag": "1.0.0"},
    )
    assert pushed.status_code < 300, pushed.text
    sdk.create_namespace_auth(
        model.CreateNamespaceAuthRequest(
            namespace="snap-team",
            body=[model.UserAuth(user_id="u-dev-0002", user_name="dev-alice", auth=3)],
        )
    )
    sdk.delete_repo_tag(
        model.DeleteRepoTagRequest(namespace="demo", repository="nginx", tag="latest")
    )

    state = live_emulator.app.state
    restored = _round_trip(state)
    assert to_document(restored, True) == to_document(state, True)
    team = restored.namespaces["snap-team"]
    assert team.permissions["u-dev-0002"].auth == 3
    assert list(team.repos["svc/api"].tags) == ["1.0.0"]
    assert "latest" not in restored.namespaces["demo"].repos["nginx"].tags
    new_ids = [team.id, team.repos["svc/api"].id, team.repos["svc/api"].tags["1.0.0"].id]
    assert restored.next_id() > max(new_ids)
