"""Updates from one chat run one after another, even when a third comes as the first ends."""

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.tg.ordering import PerChatOrder

ALEX = User(1001, "Alex", False)
SENT = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def text_update(update_id: int, chat_id: int = 1001) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, SENT, chat, from_user=ALEX, text="hi"))


async def test_three_overlapping_updates_from_one_chat_never_run_side_by_side() -> None:
    order = PerChatOrder(16)
    running: list[int] = []
    seen: list[tuple[str, int]] = []
    overlap = 0
    release = {1: asyncio.Event(), 2: asyncio.Event(), 3: asyncio.Event()}

    async def handle(update_id: int) -> None:
        nonlocal overlap
        running.append(update_id)
        overlap = max(overlap, len(running))
        seen.append(("start", update_id))
        await release[update_id].wait()
        running.remove(update_id)

    first = asyncio.create_task(order.process_update(text_update(1), handle(1)))
    second = asyncio.create_task(order.process_update(text_update(2), handle(2)))
    await asyncio.sleep(0.01)
    release[1].set()
    await first
    # The first has just ended and the second has just been woken: a third arrives now.
    third = asyncio.create_task(order.process_update(text_update(3), handle(3)))
    await asyncio.sleep(0.01)
    assert seen == [("start", 1), ("start", 2)]
    release[2].set()
    release[3].set()
    await asyncio.gather(second, third)
    assert seen == [("start", 1), ("start", 2), ("start", 3)]
    assert overlap == 1


async def test_other_chats_run_beside_a_busy_one() -> None:
    order = PerChatOrder(16)
    busy = asyncio.Event()
    done: list[int] = []

    async def wait_forever() -> None:
        await busy.wait()

    async def note(chat: int) -> None:
        done.append(chat)

    slow = asyncio.create_task(order.process_update(text_update(1, 1001), wait_forever()))
    await asyncio.sleep(0.01)
    await order.process_update(text_update(2, 1002), note(1002))
    assert done == [1002]
    busy.set()
    await slow


async def test_a_busy_chat_waits_its_turn_without_holding_the_slots_other_chats_need() -> None:
    order = PerChatOrder(2)
    release = asyncio.Event()
    done: list[int] = []

    async def slow() -> None:
        await release.wait()

    async def note(chat: int) -> None:
        done.append(chat)

    busy = [
        asyncio.create_task(order.process_update(text_update(update_id, 1001), slow()))
        for update_id in (1, 2, 3)
    ]
    await asyncio.sleep(0.01)
    try:
        await asyncio.wait_for(order.process_update(text_update(4, 1002), note(1002)), 1)
        assert done == [1002]
    finally:
        release.set()
        await asyncio.gather(*busy)
