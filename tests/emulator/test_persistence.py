"""The SQLite state file: saves and loads, and state surviving an emulator restart."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkswr.v2 import model

from swrtui.emulator.app import create_app
from swrtui.emulator.state import seeds
from swrtui.emulator.state.persistence import SqliteStore, StateFileError
from swrtui.emulator.state.snapshot import to_document
from tests.conftest import make_sdk_client
from tests.emulator.serve_process import start


def test_new_file_is_empty_and_private(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = SqliteStore(path)
    assert store.load() is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.close()


def test_save_then_load_in_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    state = seeds.build("demo")
    first = SqliteStore(path)
    first.save(seeds.build("empty"))
    first.save(state)  # replaces, never appends
    first.close()
    second = SqliteStore(path)
    loaded = second.load()
    second.close()
    assert loaded is not None
    assert to_document(loaded, True) == to_document(state, True)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT document FROM emulator_state").fetchall()
    assert len(rows) == 1
    # The file is the emulator's own: it keeps the fake secrets so logins survive.
    assert json.loads(rows[0][0])["secrets"] is True


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_text("these are not the bytes you are looking for " * 100)
    with pytest.raises(StateFileError, match="not a usable SQLite state file"):
        SqliteStore(path)


def test_unreadable_document(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO emulator_state VALUES (1, 'now', '{\"format\": \"other\"}')")
    store = SqliteStore(path)
    with pytest.raises(StateFileError, match="unreadable emulator state"):
        store.load()
    store.close()


async def test_app_saves_after_each_change_only(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "state.db")
    saved: list[int] = []

    def on_change(state: Any) -> None:
        store.save(state)
        saved.append(len(state.namespaces))

    app = create_app(seed="demo", on_change=on_change)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        await client.get("/_emulator/state")
        assert saved == []
        response = await client.post("/_emulator/reset", json={"seed": "empty"})
        assert response.status_code == 200
    # (control.reset also calls on_change itself, so a reset may save twice)
    assert saved and set(saved) == {0}
    loaded = store.load()
    assert loaded is not None and loaded.namespaces == {}
    store.close()


@pytest.mark.socket
@pytest.mark.slow
def test_state_survives_a_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    child = start("emulator", "--port", "0", "--state", path)
    try:
        sdk = make_sdk_client(child.endpoint)
        _create_team(sdk)
        first_id = sdk.show_namespace(model.ShowNamespaceRequest(namespace="kept")).id
    finally:
        assert child.stop()[0] == 0
    assert "every change is saved to" in child.rest_of_stdout()

    # The file wins over --seed; ids keep counting where they stopped.
    child = start("emulator", "--port", "0", "--state", path, "--seed", "empty")
    try:
        sdk = make_sdk_client(child.endpoint)
        names = [ns.name for ns in sdk.list_namespaces(model.ListNamespacesRequest()).namespaces]
        assert names == ["data-team", "demo", "kept", "ml-lab", "platform"]
        repo = sdk.show_repository(
            model.ShowRepositoryRequest(namespace="kept", repository="svc/api")
        )
        assert (repo.category, repo.description) == ("other", "survives restarts")
        auths = sdk.show_namespace_auth(model.ShowNamespaceAuthRequest(namespace="kept"))
        assert ("dev-alice", 3) in {(u.user_name, u.auth) for u in auths.others_auths}
        with pytest.raises(ClientRequestException) as caught:
            sdk.show_repository(model.ShowRepositoryRequest(namespace="demo", repository="redis"))
        assert caught.value.status_code == 404
        later = model.CreateRepoRequestBody(repository="later", is_public=True, category="other")
        sdk.create_repo(model.CreateRepoRequest(namespace="kept", body=later))
        shown = sdk.show_repository(
            model.ShowRepositoryRequest(namespace="kept", repository="later")
        )
        assert shown.id > max(first_id, repo.id)
    finally:
        assert child.stop()[0] == 0
    assert "State: loaded from" in child.rest_of_stdout()


def test_bad_state_file_is_a_startup_error(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_text("not sqlite " * 200)
    done = subprocess.run(
        [sys.executable, "-m", "swrtui", "emulator", "--port", "0", "--state", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "not a usable SQLite state file" in done.stderr
    assert "Traceback" not in done.stderr


def _create_namespace(sdk: Any, name: str) -> None:
    sdk.create_namespace(
        model.CreateNamespaceRequest(body=model.CreateNamespaceRequestBody(namespace=name))
    )


def _create_team(sdk: Any) -> None:
    _create_namespace(sdk, "kept")
    sdk.create_repo(
        model.CreateRepoRequest(
            namespace="kept",
            body=model.CreateRepoRequestBody(
                repository="svc/api", is_public=False, category="other",
                description="survives restarts",
            ),
        )
    )  # fmt: skip
    sdk.create_namespace_auth(
        model.CreateNamespaceAuthRequest(
            namespace="kept",
            body=[model.UserAuth(user_id="u-dev-0002", user_name="dev-alice", auth=3)],
        )
    )
    sdk.delete_repo(model.DeleteRepoRequest(namespace="demo", repository="redis"))
