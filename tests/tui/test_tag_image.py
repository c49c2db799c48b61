"""The tag pane shows the image as the registry has it: every platform of a multi-arch tag,
the layers and config of the highlighted one, env values only once asked for, the other tags
on the digest; a failed read is an error panel that `r` retries."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from swrtui.emulator.app import EmulatorApp
from swrtui.tui import nodes
from swrtui.tui.panes.tags import TagPane
from swrtui.tui.widgets.info import KeyValues, table_text
from tests.tui.conftest import SIZE, make_app, settle

NGINX = nodes.tag("demo", "nginx", "latest")


def _manifest(emulator: EmulatorApp, repo: str, tag: str) -> dict:  # type: ignore[type-arg]
    stored = emulator.state.namespaces["demo"].repos[repo].tags[tag]
    return json.loads(stored.manifest)  # type: ignore[no-any-return]


def _config(app: object) -> list[tuple[str, str]]:
    return app.query_one("#image-config", KeyValues).pairs  # type: ignore[attr-defined, no-any-return]


async def test_a_multi_arch_tag_shows_each_platform_its_layers_and_siblings(
    emulator: EmulatorApp,
) -> None:
    index = _manifest(emulator, "nginx", "latest")
    expected = [
        ("/".join(filter(None, (p["os"], p["architecture"], p.get("variant")))), m["digest"])
        for m in index["manifests"]
        for p in [m["platform"]]
    ]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(NGINX)
        await settle(pilot)
        pane = app.query_one(TagPane)
        assert app.query_one("#image-data").display
        assert not app.query_one("#image-error", Static).display
        rows = table_text(app.query_one("#image-platforms", DataTable))
        assert [(row[0], row[1]) for row in rows] == expected
        assert [row[0] for row in rows] == ["linux/amd64", "linux/arm64/v8", "linux/arm/v7"]
        assert all(row[2].endswith("B") for row in rows)
        # Every platform was read: no empty "not read" column.
        platforms = app.query_one("#image-platforms", DataTable)
        assert [str(c.label) for c in platforms.columns.values()] == ["platform", "digest", "size"]

        # linux/amd64's layers first; highlighting arm64 shows its own.
        found = pane.inspection
        assert found is not None
        layers = table_text(app.query_one("#image-layers", DataTable))
        assert [row[1] for row in layers] == [d.digest for d in found.platforms[0].layers]
        app.query_one("#image-platforms", DataTable).move_cursor(row=1)
        await settle(pilot)
        layers = table_text(app.query_one("#image-layers", DataTable))
        assert [row[1] for row in layers] == [d.digest for d in found.platforms[1].layers]
        assert "linux/arm64/v8" in str(app.query_one("#image-layers-title", Static).render())
        assert dict(_config(app))["digest"] == found.platforms[1].config.digest  # type: ignore[union-attr]

        siblings = str(app.query_one("#image-siblings", Static).render())
        same = [
            name
            for name, t in emulator.state.namespaces["demo"].repos["nginx"].tags.items()
            if t.digest == found.digest and name != "latest"
        ]
        assert same and siblings == ", ".join(sorted(same))


async def test_env_values_are_hidden_until_the_key_reveals_them(emulator: EmulatorApp) -> None:
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(nodes.tag("demo", "hello-world", "latest"))
        await settle(pilot)
        env = [value for key, value in _config(app) if key == "env"]
        assert env == ["PATH=(hidden: v shows)"]
        assert app.check_action("item", ("reveal_env",))
        await pilot.press("v")
        await pilot.pause()
        env = [value for key, value in _config(app) if key == "env"]
        assert len(env) == 1 and env[0].startswith("PATH=/usr/local/sbin")
        await pilot.press("v")  # and hidden again
        await pilot.pause()
        assert [value for key, value in _config(app) if key == "env"] == ["PATH=(hidden: v shows)"]

        # The key belongs to the tag pane: elsewhere it is off.
        await app.go_to(nodes.repository("demo", "hello-world"))
        await settle(pilot)
        assert not app.check_action("item", ("reveal_env",))


async def test_a_failed_read_shows_the_error_panel_and_r_reads_again(
    emulator: EmulatorApp,
) -> None:
    # The registry's credentials come from the temporary login: refuse it.
    emulator.faults.add(
        {
            "action": "status",
            "method": "POST",
            "path": r"/v2/manage/utils/secret$",
            "status": 503,
            "error_code": "SVCSTG.SWR.5030001",
            "error_msg": "Service unavailable: injected",
        }
    )
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        await app.go_to(NGINX)
        await settle(pilot)
        panel = app.query_one("#image-error", Static)
        text = str(panel.render())
        assert panel.display and not app.query_one("#image-data").display
        assert "r: retry" in text
        assert "image demo/nginx:latest: SVCSTG.SWR.5030001: Service unavailable: injected" in text
        assert "/v2/manage/utils/secret" in text
        # The SWR details did not wait for the registry.
        tag = emulator.state.namespaces["demo"].repos["nginx"].tags["latest"]
        assert app.query_one("#tag-details", KeyValues).value("digest") == tag.digest

        emulator.faults.clear()
        await pilot.press("r")
        await settle(pilot)
        assert not panel.display and app.query_one("#image-data").display
        assert len(table_text(app.query_one("#image-platforms", DataTable))) == 3


async def test_a_platform_that_cannot_be_read_says_why(emulator: EmulatorApp) -> None:
    index = _manifest(emulator, "nginx", "latest")
    arm = index["manifests"][2]["digest"]
    async with make_app(emulator).run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        # The index still names the arm/v7 image, but the registry no longer has it.
        del emulator.state.namespaces["demo"].repos["nginx"].manifests[arm]
        await app.go_to(NGINX)
        await settle(pilot)
        rows = table_text(app.query_one("#image-platforms", DataTable))
        assert rows[2][0] == "linux/arm/v7" and "MANIFEST_UNKNOWN" in rows[2][3]
        assert rows[0][3] == ""
        platforms = app.query_one("#image-platforms", DataTable)
        assert [str(c.label) for c in platforms.columns.values()][-1] == "not read"
