"""A plain message is what the user was asked for, read and acted on in one transaction."""

import asyncio
import sqlite3
from datetime import UTC, datetime

from bot.domain import notices as n
from bot.domain.awaiting import AwaitingAppreciation, AwaitingQuestion, AwaitingTime
from bot.services.inbox import Incoming
from bot.storage import users
from tests.service.conftest import ALEX, SAM, World, pair

STRANGER = 1009


def said(message_id: int, text: str) -> Incoming:
    return Incoming(message_id, text, None, None)


async def awaiting_of(world: World, user_id: int) -> object:
    async with world.db.transaction() as tx:
        user = await users.get_user(tx, user_id)
    assert user is not None
    return user.awaiting


async def revealed_round(world: World) -> int:
    """Both answer today's round; its id. What they were told counts as sent."""
    world.clock.set(datetime(2026, 11, 24, 8, 0, 1, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 2
    await world.send_all()
    await world.services.inbox.take(ALEX, "Alex", "en", said(10, "Alex's answer"))
    await world.services.inbox.take(SAM, "Sam", "en", said(20, "Sam's answer"))
    reveal = (await world.told(ALEX))[-1]
    assert isinstance(reveal, n.Reveal)
    await world.send_all()
    return reveal.round_id


async def test_a_typed_time_is_taken_once_then_messages_are_answers_again(world: World) -> None:
    await pair(world)
    await world.services.account.await_typed(ALEX, AwaitingTime())
    await world.send_all()
    await world.services.inbox.take(ALEX, "Alex", "en", said(5, "7:45pm"))
    set_to = await world.told(ALEX)
    assert len(set_to) == 1 and isinstance(set_to[0], n.ScheduleSet)
    assert set_to[0].time == "19:45"
    assert await awaiting_of(world, ALEX) is None
    await world.services.inbox.take(ALEX, "Alex", "en", said(6, "08:15"))
    assert await world.told(ALEX) == [n.NoOpenRound()]


async def test_media_while_a_time_is_awaited_is_refused_and_the_wait_goes_on(world: World) -> None:
    await pair(world)
    await world.services.account.await_typed(ALEX, AwaitingTime())
    await world.send_all()
    await world.services.inbox.take(ALEX, "Alex", "en", Incoming(5, "07:00", "photo", None))
    assert await world.told(ALEX) == [n.BadTime()]
    assert await awaiting_of(world, ALEX) == AwaitingTime()


async def test_a_follow_up_is_relayed_once_and_the_next_message_is_not_one(world: World) -> None:
    await pair(world)
    round_id = await revealed_round(world)
    await world.services.rounds.ask_follow_up(SAM, round_id)
    await world.send_all()
    await world.services.inbox.take(SAM, "Sam", "en", said(30, "Tell me more!"))
    sent = await world.send_all()
    relayed = sent[ALEX]
    assert len(relayed) == 1 and isinstance(relayed[0], n.FollowUp)
    assert relayed[0].text == "Tell me more!" and relayed[0].round_id == round_id
    assert sent[SAM] == [n.FollowUpSent("Alex")]
    await world.services.inbox.take(SAM, "Sam", "en", said(31, "just chatting"))
    assert await world.send_all() == {SAM: [n.NoOpenRound()]}


async def test_an_update_waiting_for_the_database_cannot_come_between_reading_and_acting(
    world: World,
) -> None:
    """Alex's typed time is taken while another process holds the write lock, and Alex's tap
    on an appreciation starter waits behind it. Were what is awaited read in one transaction
    and acted on in the next, the tap would slip in between, and taking the time would then
    clear the appreciation it had just asked for."""
    await pair(world)
    await world.services.account.await_typed(ALEX, AwaitingTime())
    await world.send_all()
    other_process = sqlite3.connect(world.db.path, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    try:
        typed = asyncio.create_task(world.services.inbox.take(ALEX, "Alex", "en", said(5, "9")))
        await asyncio.sleep(0.05)  # the typed time waits for the write lock
        tapped = asyncio.create_task(world.services.appreciations.choose(ALEX, 1))
        await asyncio.sleep(0.05)  # the tap waits behind it
        assert not typed.done() and not tapped.done()
    finally:
        other_process.execute("COMMIT")
        other_process.close()
    await asyncio.gather(typed, tapped)
    told = await world.told(ALEX)
    assert [type(notice) for notice in told] == [n.ScheduleSet, n.AppreciateAsk]
    assert await awaiting_of(world, ALEX) == AwaitingAppreciation(1)


async def test_a_sticker_while_a_question_is_awaited_asks_for_words(world: World) -> None:
    await pair(world)
    await world.services.questions.ask(ALEX, None)
    await world.send_all()
    await world.services.inbox.take_unsupported(ALEX, None)
    assert await world.told(ALEX) == [n.OwnQuestionNeedsWords()]
    assert await awaiting_of(world, ALEX) == AwaitingQuestion()


async def test_a_sticker_is_not_an_answer_even_from_a_stranger(world: World) -> None:
    await pair(world)
    await world.services.inbox.take_unsupported(ALEX, None)
    await world.services.inbox.take_unsupported(STRANGER, None)
    assert await world.send_all() == {
        ALEX: [n.UnsupportedAnswer()],
        STRANGER: [n.UnsupportedAnswer()],
    }
