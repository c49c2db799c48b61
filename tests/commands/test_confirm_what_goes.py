"""What the user confirms is what runs: questions name the targets (and the plan's bytes),
and a tag pushed again while the question waits is kept, the report says so."""

from __future__ import annotations

from swrtui.commands import Session
from swrtui.commands.cleanup import confirm_question
from swrtui.commands.result import EXIT_OK
from swrtui.services import cleanup as service
from swrtui.services.cleanup import options
from tests.commands.conftest import column, field, run

RULES = "demo/nginx --keep-last 5"


async def _tags(session: Session) -> set[str]:
    return {str(name) for name in column(await run(session, "tags demo/nginx"), "tag")}


def _asking(session: Session, answer: bool, questions: list[str], before=None):  # type: ignore[no-untyped-def]
    async def confirm(question: str) -> bool:
        questions.append(question)
        if before is not None:
            await before()
        return answer

    session.confirm = confirm


async def _plan(session: Session) -> service.Plan:
    values = options.parse_values({"keep_last": "5"})
    return await service.make_plan(session.client, options.rule_set("demo/nginx", values))


async def test_cleanup_execute_asks_with_the_plans_tags_and_bytes(session: Session) -> None:
    plan = await _plan(session)
    assert plan.count > 10  # past the threshold: the first few and the count
    questions: list[str] = []
    _asking(session, False, questions)
    before = await _tags(session)
    cancelled = await run(session, f"cleanup execute {RULES}")
    assert cancelled.message == "cancelled" and await _tags(session) == before
    assert questions == [f"{confirm_question(plan)} This cannot be undone."]
    first = ", ".join(item.reference for item in plan.items[:5])
    assert questions[0].startswith(f"Delete {plan.count} tags (")
    assert (
        f"freed at most): {first} and {plan.count - 5} more ({plan.count} in all)?"
        in (questions[0])
    )
    assert "Cleanup execute?" not in questions[0]


async def test_cleanup_execute_keeps_a_tag_pushed_again_during_the_question(
    session: Session,
) -> None:
    plan = await _plan(session)
    latest = field(await run(session, "tags show demo/nginx:latest"), "digest")
    victim = next(item for item in plan.items if item.digest != latest)

    async def repush() -> None:
        # The victim now names latest's image: deleting it would delete other content.
        await session.client.tags.create("demo", "nginx", "latest", victim.tag, override=True)

    _asking(session, True, [], repush)
    report = await run(session, f"cleanup execute {RULES}")
    assert report.exit_code == EXIT_OK
    assert field(report, "changed_since_plan") == 1
    assert field(report, "deleted") == plan.count - 1
    assert report.notes == (f"changed since plan, kept: {victim.reference}",)
    assert victim.tag in await _tags(session)


async def test_tags_delete_names_what_it_read_and_keeps_a_repushed_tag(
    session: Session,
) -> None:
    shown = field(await run(session, "tags show demo/nginx:3.1"), "digest")
    other = field(await run(session, "tags show demo/nginx:2.0"), "digest")
    assert shown != other
    questions: list[str] = []

    async def repush() -> None:
        # 3.1 is pushed again (now 2.0's image) while the question waits.
        await session.client.tags.create("demo", "nginx", "2.0", "3.1", override=True)

    _asking(session, True, questions, repush)
    result = await run(session, "tags delete demo/nginx:3.1 2.0.1 nope")
    assert questions[0].startswith(
        f"Delete 3 tags: demo/nginx:3.1 ({str(shown)[7:19]}), demo/nginx:2.0.1 ("
    )
    assert questions[0].endswith("demo/nginx:nope (not found)? This cannot be undone.")
    assert result.message == (
        "Deleted 1 of 3 tags (demo/nginx:2.0.1); 1 already gone; "
        "1 changed since plan, kept (demo/nginx:3.1)"
    )
    left = await _tags(session)
    assert "3.1" in left and "2.0.1" not in left


async def test_repos_of_an_org_that_does_not_exist_is_an_error(session: Session) -> None:
    missing = await run(session, "repos nosuchorg")
    assert missing.exit_code != EXIT_OK and missing.error_code.startswith("SVCSTG.SWR.404")
    assert missing.error_msg == "repos: organization 'nosuchorg' does not exist"
    assert column(await run(session, "repos demo"), "repository")
