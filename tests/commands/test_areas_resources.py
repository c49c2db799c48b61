"""Organizations, repositories, tags, sharing, permissions and tenant views through run_line,
against the in-process demo emulator; results are asserted by content."""

from __future__ import annotations

from swrtui.commands import EXIT_ERROR, EXIT_USAGE, Changed, Session
from tests.commands.conftest import column, field, run


async def test_orgs_list_show_create_delete(session: Session) -> None:
    listing = await run(session, "orgs")
    assert column(listing, "name") == ["data-team", "demo", "ml-lab", "platform"]
    assert set(column(listing, "role")) == {"manage"}
    assert field(await run(session, "orgs show demo"), "creator") == "swr-admin"
    created = await run(session, "orgs create qa-team")
    assert created.message == "created organization qa-team"
    assert Changed("orgs") in created.changed
    assert "qa-team" in column(await run(session, "orgs"), "name")
    deleted = await run(session, "orgs delete qa-team --yes")
    assert deleted.message == "deleted organization qa-team"
    missing = await run(session, "orgs show qa-team")
    assert missing.kind == "error" and missing.exit_code == EXIT_ERROR
    assert missing.error_code.startswith("SVCSTG.SWR.")


async def test_repos_list_show_create_update_delete(session: Session) -> None:
    listing = await run(session, "repos demo --sort name --limit 3")
    assert column(listing, "repository") == ["demo/alpine", "demo/arm64/busybox", "demo/centos"]
    shown = await run(session, "repos show demo/nginx")
    assert field(shown, "category") == "app_server" and field(shown, "public") is True
    await run(session, "repos create demo/scratch --category linux --description 'a b'")
    assert field(await run(session, "repos show demo/scratch"), "description") == "a b"
    updated = await run(session, "repos update demo/scratch --public true")
    assert updated.ok
    after = await run(session, "repos show demo/scratch")
    assert field(after, "public") is True and field(after, "category") == "linux"
    assert (await run(session, "repos delete demo/scratch --yes")).ok
    assert (await run(session, "repos show demo/scratch")).kind == "error"
    shared = await run(session, "repos shared")
    assert any(str(name).startswith("partner-tools/") for name in column(shared, "repository"))


async def test_tags_list_sort_limit_filter_show(session: Session) -> None:
    by_size = await run(session, "tags demo/nginx --sort size --limit 3")
    sizes = column(by_size, "size")
    assert len(sizes) == 3 and sizes == sorted(sizes, reverse=True)
    everything = column(await run(session, "tags demo/nginx"), "size")
    assert sizes[0] == max(everything)
    by_name = column(await run(session, "tags demo/nginx --sort name"), "tag")
    assert by_name == sorted(by_name)
    filtered = column(await run(session, "tags demo/nginx --filter 2.1"), "tag")
    assert filtered and all("2.1" in str(t) for t in filtered)
    shown = await run(session, "tags show demo/nginx:latest")
    assert str(field(shown, "digest")).startswith("sha256:")
    assert field(shown, "pull") == "docker pull swr.cn-north-4.myhuaweicloud.com/demo/nginx:latest"


async def test_tags_retag_and_delete_several(session: Session) -> None:
    retag = await run(session, "tags retag demo/nginx:latest keep-me")
    assert retag.message == "tagged demo/nginx:latest as keep-me"
    assert Changed("tags", "demo", "nginx") in retag.changed
    original = field(await run(session, "tags show demo/nginx:latest"), "digest")
    assert field(await run(session, "tags show demo/nginx:keep-me"), "digest") == original
    await run(session, "tags retag demo/nginx:latest other")
    deleted = await run(session, "tags delete demo/nginx:keep-me other --yes")
    assert deleted.message == "Deleted 2 of 2 tags (demo/nginx:keep-me, demo/nginx:other)"
    names = column(await run(session, "tags demo/nginx"), "tag")
    assert "keep-me" not in names and "other" not in names
    # A tag that does not exist is already gone; a repository that does not exist fails
    # (on the read that shows what goes, before anything is asked or deleted).
    partial = await run(session, "tags delete demo/nginx:latest no-such-tag --yes")
    assert partial.message == "Deleted 1 of 2 tags (demo/nginx:latest); 1 already gone"
    failed = await run(session, "tags delete demo/no-such-repo:1.0 --yes")
    assert failed.kind == "error" and failed.error_code == "SVCSTG.SWR.4040010"
    assert failed.error_msg == "The image does not exist: demo/no-such-repo"


async def test_share_add_list_check_update_remove(session: Session) -> None:
    added = await run(session, "share add demo/redis partner-account --until 2030-01-31")
    assert added.ok, added.error_msg
    listing = await run(session, "share demo/redis")
    assert column(listing, "account") == ["partner-account"]
    assert str(column(listing, "deadline")[0]).startswith("2030-01-31")
    check = await run(session, "share check demo/redis partner-account")
    assert field(check, "shared") is True and field(check, "valid") is True
    await run(session, "share update demo/redis partner-account --until forever")
    assert column(await run(session, "share demo/redis"), "deadline") == ["forever"]
    assert (await run(session, "share remove demo/redis partner-account --yes")).ok
    assert field(await run(session, "share check demo/redis partner-account"), "shared") is False


async def test_org_and_image_permissions(session: Session) -> None:
    granted = await run(session, "perms org grant demo dev-alice=u-dev-0002 view")
    assert granted.message == "granted dev-alice view on demo"
    rows = await run(session, "perms org demo")
    assert (
        dict(zip(column(rows, "user_id"), column(rows, "role"), strict=True))["u-dev-0002"]
        == "view"
    )
    await run(session, "perms org update demo dev-alice edit")
    rows = await run(session, "perms org list demo")
    assert dict(zip(column(rows, "user_id"), column(rows, "auth"), strict=True))["u-dev-0002"] == 3
    assert (await run(session, "perms org revoke demo dev-alice --yes")).ok
    assert "u-dev-0002" not in column(await run(session, "perms org demo"), "user_id")

    await run(session, "perms image grant demo/nginx ops-bob=u-ops-0003 manage")
    image = await run(session, "perms image demo/nginx")
    assert "ops-bob" in column(image, "user")
    unknown = await run(session, "perms image update demo/nginx nobody view")
    assert unknown.exit_code == EXIT_USAGE and "no grant for user 'nobody'" in unknown.error_msg
    bad_role = await run(session, "perms image update demo/nginx ops-bob owner")
    assert "invalid role 'owner' (argument 3)" in bad_role.error_msg
    assert (await run(session, "perms image revoke demo/nginx ops-bob --yes")).ok


async def test_tenant_views(session: Session) -> None:
    quotas = await run(session, "quotas")
    assert column(quotas, "quota") == ["namespace"] and column(quotas, "used") == [4]
    overview = await run(session, "overview")
    assert field(overview, "organizations") == 4 and field(overview, "repositories") == 42
    daily = await run(session, "reports store daily")
    assert daily.columns[0].key == "date" and len(daily.rows) > 0
    gates = await run(session, "features")
    features = dict(zip(column(gates, "feature"), column(gates, "enabled"), strict=True))
    assert features["image_sync"] is True and features["image_label"] is False
    versions = await run(session, "versions")
    assert column(versions, "id") == ["v2"]
    assert field(await run(session, "versions v2"), "status") == "CURRENT"
