"""The daily loop through the services: pair, prompt at each one's time, answer, reveal."""

from datetime import UTC, datetime, timedelta

from bot.domain import notices as n
from bot.services.inbox import Incoming
from tests.service.conftest import ALEX, SAM, World, pair


async def test_both_partners_get_the_same_round_at_their_own_time(world: World) -> None:
    world.clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    await world.services.account.start(SAM, "Sam", "en")
    await world.services.account.set_timezone(SAM, "Sam", "en", "Asia/Tokyo")
    await pair(world)
    # 08:00 in Tokyo is 23:00 UTC the day before; Alex (UTC) gets it nine hours later.
    world.clock.set(datetime(2026, 11, 24, 23, 0, 5, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 1
    sam_prompt = (await world.told(SAM))[0]
    assert isinstance(sam_prompt, n.PromptMessage)
    world.clock.set(datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 1
    alex_prompt = (await world.told(ALEX))[0]
    assert isinstance(alex_prompt, n.PromptMessage)
    assert alex_prompt.round_id == sam_prompt.round_id
    assert "Sam" in alex_prompt.text and "Alex" in sam_prompt.text
    # Nothing more is due for either of them today.
    world.clock.advance(timedelta(hours=3))
    assert await world.services.due.send_due_prompts() == 0


async def test_answer_stays_hidden_until_partner_answers(world: World) -> None:
    await pair(world)
    world.clock.set(datetime(2026, 11, 24, 8, 0, 1, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 2
    await world.send_all()
    secret = Incoming(50, "A secret morning answer", None, None)
    await world.services.inbox.take(ALEX, "Alex", "en", secret)
    sent = await world.send_all()
    assert list(sent) == [ALEX]
    assert isinstance(sent[ALEX][0], n.AnswerSaved)
    await world.services.inbox.take(SAM, "Sam", "en", Incoming(60, "Sam's answer", None, None))
    sent = await world.send_all()
    to_alex = sent[ALEX][0]
    to_sam = sent[SAM][0]
    assert isinstance(to_alex, n.Reveal) and to_alex.answer_text == "Sam's answer"
    assert isinstance(to_sam, n.Reveal) and to_sam.answer_text == "A secret morning answer"


async def test_restart_after_downtime_sends_a_missed_prompt_only_the_same_day(world: World) -> None:
    await pair(world)
    # The bot was down from before 08:00 until 23:30: still the same day, so the prompt goes.
    world.clock.set(datetime(2026, 11, 24, 23, 30, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 2
    await world.send_all()
    # Down all of the next day: that day's prompt is skipped, not sent late.
    world.clock.set(datetime(2026, 11, 26, 0, 30, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 0
    assert await world.outbox() == []
    world.clock.set(datetime(2026, 11, 26, 8, 0, 1, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 2


async def test_today_gives_the_prompt_early_and_the_scheduled_one_does_not_repeat(
    world: World,
) -> None:
    await pair(world)
    world.clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))
    await world.services.rounds.today(ALEX)
    first = (await world.told(ALEX))[0]
    assert isinstance(first, n.PromptMessage) and not first.scheduled
    world.clock.set(datetime(2026, 11, 24, 8, 0, 1, tzinfo=UTC))
    assert await world.services.due.send_due_prompts() == 1  # only Sam
    sam = (await world.told(SAM))[0]
    assert isinstance(sam, n.PromptMessage) and sam.round_id == first.round_id
    await world.services.rounds.today(ALEX)
    again = (await world.told(ALEX))[0]
    assert isinstance(again, n.TodayAgain) and again.round_id == first.round_id


async def test_a_prompt_sent_after_its_user_deleted_their_data_is_acknowledged_once(
    world: World,
) -> None:
    await pair(world)
    world.clock.set(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
    await world.services.due.send_due_prompts()
    queued = [item for item in await world.outbox() if item.chat_id == SAM]
    assert any(isinstance(item.notice, n.PromptMessage) for item in queued)
    # The sender had read the prompt before Sam deleted everything; Telegram took it after.
    await world.services.leaving.delete_my_data(SAM)
    await world.services.delivery.delivered_many([(item, 500 + item.id) for item in queued])
    left = {item.id for item in await world.outbox()}
    assert left.isdisjoint(item.id for item in queued)
