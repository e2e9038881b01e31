"""A unit of work: a refusal is told and commits with what came before it; nothing after it."""

from bot.domain import notices as n
from tests.service.conftest import ALEX, SAM, World, pair

STRANGER = 1009


async def rows_in(world: World, table: str) -> int:
    async with world.db.connection.execute(f"SELECT count(*) FROM {table}") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def awaiting_of(world: World, user_id: int) -> str | None:
    async with world.db.connection.execute(
        "SELECT awaiting FROM users WHERE id = ?", (user_id,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return str(row[0]) if row[0] is not None else None


async def test_a_stranger_is_told_to_start_and_nothing_is_stored(world: World) -> None:
    await world.services.preferences.set_reminder(STRANGER, "21:00")
    assert await world.told(STRANGER) == [n.NotRegistered()]
    assert await rows_in(world, "users") == 0


async def test_someone_not_in_a_pair_is_told_so_and_nothing_changes(world: World) -> None:
    await world.services.account.start(ALEX, "Alex", "en")
    await world.send_all()
    await world.services.appreciations.choose(ALEX, 0)
    assert await world.told(ALEX) == [n.NotPaired()]
    assert await awaiting_of(world, ALEX) is None


async def test_a_refusal_commits_with_what_came_before_it_and_stops_what_follows(
    world: World,
) -> None:
    await pair(world)
    # Too short a question: the refusal is told, and the bot keeps waiting for a better one.
    await world.services.questions.ask(ALEX, "Hm")
    told = await world.told(ALEX)
    assert len(told) == 1 and isinstance(told[0], n.OwnQuestionLength)
    assert await awaiting_of(world, ALEX) == "ask"
    assert await rows_in(world, "own_questions") == 0
    assert await world.told(SAM) == []
