"""Images as they are, through `swrtui demo --repl -c`: the platforms column read from the
listing, tags grouped by digest, and cleanup plans marking what each deletion does."""

from __future__ import annotations

import json
from typing import Any

from tests.repl.test_scripts import swrtui

MULTI_ARCH = "linux/amd64,linux/arm64/v8,linux/arm/v7"


def run_json(line: str) -> Any:
    done = swrtui("demo", "--repl", "-c", line)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_tags_list_shows_platforms_and_groups_by_digest() -> None:
    rows = run_json("tags list demo/nginx --json")
    assert {row["platforms"] for row in rows} == {MULTI_ARCH}
    # A single manifest does not name its platform in the listing.
    assert {row["platforms"] for row in run_json("tags list demo/postgres --json")} == {""}
    images = run_json("tags list demo/nginx --by-digest --json")
    by_tag = {row["tag"]: row for row in rows}
    assert len(images) == len({row["digest"] for row in rows})
    assert sum(len(image["tags"].split(", ")) for image in images) == len(rows)
    newest = images[0]
    assert newest["tags"] == "3.1, 3.1.0, latest"
    assert newest["digest"] == by_tag["latest"]["digest"]
    assert (newest["size"], newest["platforms"]) == (by_tag["latest"]["size"], MULTI_ARCH)
    assert newest["updated"] == max(row["updated"] for row in rows)
    smallest = run_json("tags list demo/nginx --by-digest --sort size --reverse --limit 1 --json")
    assert len(smallest) == 1 and smallest[0]["size"] == min(row["size"] for row in rows)


def test_cleanup_plans_mark_each_deletion_and_keep_whole_images() -> None:
    by_tags = run_json("cleanup plan demo/nginx --keep-last 3 --json")
    marks = {item["tag"]: (item["effect"], item["kept_tags"]) for item in by_tags["items"]}
    # 3.1.0 and 3.1 (latest is kept anyway) and 3.0.0 stay: 3.0 is the same image as 3.0.0.
    assert marks.pop("3.0") == ("name-only", ["3.0.0"])
    assert {effect for effect, _ in marks.values()} == {"removes-image"}
    assert by_tags["totals"]["names_only"] == 1
    by_images = run_json("cleanup plan demo/nginx --keep-last-images 2 --json")
    gone = {item["tag"] for item in by_images["items"]}
    assert gone.isdisjoint({"latest", "3.1.0", "3.1", "3.0.0", "3.0"})
    assert len(gone) == 30 - 5
    assert {item["effect"] for item in by_images["items"]} == {"removes-image"}
    assert by_images["totals"]["images_removed"] == len(
        {item["digest"] for item in by_images["items"]}
    )


def test_inspect_text_lines_up_platforms_and_names_empty_lists() -> None:
    done = swrtui("demo", "--repl", "-c", "inspect demo/nginx:latest")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    platforms = [line for line in lines if line.startswith("platform ")]
    assert [line.split()[1] for line in platforms] == MULTI_ARCH.split(",")
    # Every digest starts in the same column, whatever the platform's length.
    digest_columns = {line.index(line.split()[2]) for line in platforms}
    assert len(digest_columns) == 1, platforms
    entrypoint = next(line for line in lines if line.startswith("entrypoint"))
    assert entrypoint.split(None, 1)[1] == "(none)"


def test_single_arch_platforms_show_a_dash_in_tables() -> None:
    done = swrtui("demo", "--repl", "-c", "tags list demo/postgres --limit 3")
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[1:4]
    assert rows and all(row.split()[-1] == "-" for row in rows), rows
