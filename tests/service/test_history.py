"""History pages after hundreds of rounds: each found by index seeks, never a scan."""

from datetime import timedelta

from bot.domain import notices as n
from bot.services.inbox import Incoming
from bot.storage import history
from tests.service.conftest import ALEX, SAM, World, pair


async def live_days(world: World, days: int) -> None:
    """Both get the day's question and answer it, for `days` days."""
    start = world.clock.now().replace(hour=8)
    for day in range(days):
        world.clock.set(start + timedelta(days=day + 1))
        for user, name in ((ALEX, "Alex"), (SAM, "Sam")):
            await world.services.rounds.today(user)
            incoming = Incoming(day * 10 + user % 10, f"{name} {day}", None, None)
            await world.services.inbox.take(user, name, "en", incoming)
        await world.send_all()


async def test_pages_of_a_long_story_are_found_by_index_seeks_alone(world: World) -> None:
    await pair(world)
    await live_days(world, 300)
    await world.services.history.show(ALEX)
    (page,) = await world.told(ALEX)
    assert isinstance(page, n.HistoryPage) and page.older is not None
    assert "Alex 299" in [a.text for a in page.answers]
    older = await world.services.history.turn_to(ALEX, page.older)
    assert isinstance(older, n.HistoryPage) and older.newer == page.round_id
    assert "Sam 298" in [a.text for a in older.answers]

    sql = f"EXPLAIN QUERY PLAN {history._PAGE} WHERE r.id = :round AND r.pair_id = :pair"
    params = {"round": page.round_id, "pair": 1, "month": 0, "year": 0}
    async with world.db.connection.execute(sql, params) as cursor:
        plan = [str(row[3]) for row in await cursor.fetchall()]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("rounds_revealed" in step for step in plan), plan
