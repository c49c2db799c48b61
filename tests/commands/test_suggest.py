"""suggest(): commands, subcommands, options, live names, fuzzy ranking, cursor mid-line."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from swrtui.client.models.tags import Tag
from swrtui.commands import NameCache, Where, suggest
from swrtui.commands.fuzzy import ranked

PUSHED = datetime(2026, 10, 1, tzinfo=timezone.utc)


def pushed(*names: str) -> list[Tag]:
    """Tags named ``names``, newest first (an hour apart), given oldest first to the cache."""
    times = [PUSHED - timedelta(hours=n) for n in range(len(names))]
    tags = [Tag.of(n, "", 1, t, t, "", "") for n, t in zip(names, times, strict=True)]
    return tags[::-1]


def names() -> NameCache:
    cache = NameCache()
    cache.set_orgs(["demo", "platform", "data-team"])
    cache.set_repos("demo", ["nginx", "node", "tools/ci-runner", "redis"])
    cache.set_repos("platform", ["api-gateway", "frontend/web-portal"])
    cache.set_tags("demo", "nginx", pushed("latest", "1.25.3", "1.25", "1.24"))
    return cache


def texts(line: str, cursor: int | None = None, **kwargs: object) -> list[str]:
    at = len(line) if cursor is None else cursor
    return [s.text for s in suggest(line, at, names(), **kwargs)]  # type: ignore[arg-type]


def test_command_words() -> None:
    assert texts("ta")[0] == "tags"
    assert "triggers" in texts("t")
    assert texts("")[:3] == sorted(texts(""))[:3]


def test_subcommands_and_default_arguments_after_a_group() -> None:
    found = texts("tags ")
    assert {"list", "show", "retag", "delete"} <= set(found)
    # `tags REPO` is `tags list REPO`: repositories are offered too.
    assert "demo/nginx" in found
    assert texts("perms ")[:2] == ["image", "org"] or {"image", "org"} <= set(texts("perms "))
    assert set(texts("perms org ")) >= {"list", "grant", "update", "revoke"}


def test_options_exclude_used_ones_and_include_output_flags() -> None:
    found = texts("tags demo/nginx --sort size --")
    assert "--limit" in found and "--json" in found
    assert "--sort" not in found
    assert "--yes" in texts("tags delete demo/nginx:1.24 --")


def test_option_values_and_choices() -> None:
    assert texts("tags demo/nginx --sort s") == ["size"]
    assert set(texts("set ")) == {"output", "errors"}


def test_repositories_fuzzy_and_context() -> None:
    assert texts("tags dngx")[0] == "demo/nginx"
    assert texts("tags web")[0] == "platform/frontend/web-portal"
    # In an org, bare repository names complete as well.
    assert "redis" in texts("tags re", where=Where("demo"))


def test_tags_after_a_colon_and_in_context() -> None:
    found = suggest("tags show demo/nginx:1.2", 24, names())
    assert [s.text for s in found][:3] == [
        "demo/nginx:1.24",
        "demo/nginx:1.25",
        "demo/nginx:1.25.3",
    ]
    assert found[0].start == len("tags show ")
    assert "latest" in texts("tags show la", where=Where("demo", "nginx"))
    assert "demo/nginx:" in texts("tags show ngi")


def test_cursor_in_the_middle_of_the_line() -> None:
    line = "tags dem --limit 5"
    found = suggest(line, 8, names())
    assert found[0].text.startswith("demo/")
    assert found[0].start == 5


def test_unknown_tags_ask_the_cache_and_show_nothing_yet() -> None:
    cache = names()
    assert suggest("tags show demo/redis:", 21, cache) == []
    assert ("demo", "redis") in cache._wanted


def test_ranking_prefers_exact_prefix_segment_then_scattered() -> None:
    candidates = ["abc/xnginx", "nginx-old", "nginx", "my/nginx", "n-g-i-n-x"]
    assert ranked("nginx", candidates) == [
        "nginx",
        "nginx-old",
        "my/nginx",
        "abc/xnginx",
        "n-g-i-n-x",
    ]
    assert ranked("NGX", ["nginx"]) == ["nginx"]
    assert ranked("zz", ["nginx"]) == []


def test_help_completes_commands_and_use_completes_profiles() -> None:
    assert texts("help cle") == ["cleanup"]
    assert texts("use pr", profiles=("prod", "dev")) == ["prod"]


def test_tags_are_offered_newest_first() -> None:
    assert texts("tags show demo/nginx:") == [
        "demo/nginx:latest",
        "demo/nginx:1.25.3",
        "demo/nginx:1.25",
        "demo/nginx:1.24",
    ]
    assert texts("tags show ", where=Where("demo", "nginx"))[:2] == ["latest", "1.25.3"]
