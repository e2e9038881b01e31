"""Telegram's and the machine's failures, end to end: Duet keeps going and loses nothing."""

import asyncio
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_app, running, runtime
from bot.clock import FakeClock
from bot.sandbox import Sandbox
from bot.storage.db import BUSY_TIMEOUT_MS
from bot.tg import texts
from bot.tg.pacing import GIVE_UP_AFTER
from tests.e2e.conftest import Duet, duet_settings
from tests.e2e.flows import count, expect, onboard, pair_up, paired
from tests.e2e.scene import LogTap

PROMPT = "Reply here"


def send_times(duet: Duet, chat_id: int) -> list[tuple[float, int]]:
    return [(c.at, c.status) for c in duet.sandbox.calls if c.params.get("chat_id") == chat_id]


async def test_429_for_one_chat_waits_as_told_while_other_chats_go_on(duet: Duet) -> None:
    alex, sam = await paired(duet)
    duet.sandbox.fail_next("sendMessage", chat_id=1002, status=429, retry_after=2)
    alex.send("/appreciate for the patience")
    await expect(alex, "Sent 💌")
    refused_at = next(at for at, status in send_times(duet, 1002) if status == 429)
    alex.send("/help")
    await expect(alex, "Here's what I can do")
    await expect(sam, "for the patience")
    help_at = max(at for at, status in send_times(duet, 1001) if status == 200)
    delivered_at = max(at for at, status in send_times(duet, 1002) if status == 200)
    assert help_at < delivered_at  # Alex's chat did not wait for Sam's
    assert delivered_at >= refused_at + 2  # Sam's waited as Telegram said
    assert count(sam, "for the patience") == 1


async def test_5xx_and_dropped_connections_are_retried_and_nothing_is_lost(duet: Duet) -> None:
    alex, sam = await paired(duet)
    duet.sandbox.fail_next("sendMessage", chat_id=1002, status=502)
    alex.send("/appreciate one")
    await expect(sam, "one")
    duet.sandbox.fail_next("sendMessage", chat_id=1002, status=0)
    alex.send("/appreciate two")
    await expect(sam, "two")
    statuses = [status for _, status in send_times(duet, 1002)]
    assert 502 in statuses and 0 in statuses
    assert count(sam, "💌 from") == 2
    assert await duet.rows("SELECT COUNT(*) FROM outbox") == [(0,)]


async def test_deactivated_user_is_marked_unreachable_and_not_retried_in_a_loop(duet: Duet) -> None:
    alex, _ = await paired(duet)
    duet.sandbox.deactivate(1002)
    alex.send("/appreciate anyone there?")
    await expect(alex, "can't reach Sam")
    await duet.sandbox.wait_for(runtime(duet.app).sender.idle)
    await duet.ticks(2)
    attempts = [status for _, status in send_times(duet, 1002) if status == 403]
    assert len(attempts) == 1
    assert await duet.rows("SELECT unreachable FROM users WHERE id = 1002") == [(1,)]


async def test_a_voice_answer_deleted_before_the_reveal_becomes_a_clear_note(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    sam.send("/today")
    await expect(sam, PROMPT)
    voice = sam.send_voice(duration=3)
    await expect(sam, "Got it")
    sam.delete(voice["message_id"])
    mark = len(alex.inbox)
    alex.send("my words")
    await expect(alex, "Sam deleted this answer before I could show it", mark)
    await expect(sam, "my words")
    rows = await duet.rows("SELECT revealed_at IS NOT NULL FROM rounds")
    assert rows == [(1,)]


async def test_a_database_locked_by_another_process_delays_but_loses_nothing(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    locked = threading.Event()

    def hold_lock() -> None:
        conn = sqlite3.connect(duet.settings.database_path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        threading.Event().wait(3)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    await asyncio.to_thread(locked.wait)
    mark = len(alex.inbox)
    alex.send("written while the database was locked")
    await expect(alex, "Got it", mark)
    await asyncio.to_thread(holder.join)
    assert await duet.rows("SELECT text FROM answers") == [
        ("written while the database was locked",)
    ]
    sam.send("/today")
    await expect(sam, PROMPT)


async def test_a_three_day_clock_jump_gives_one_prompt_and_ends_pauses_once(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
    await expect(alex, PROMPT)
    await expect(sam, PROMPT)
    duet.clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    alex.send("/pause 1d")
    await expect(sam, "taking a little space")
    # The machine was off; it wakes at 08:30 three days later.
    await duet.move_clock(datetime(2026, 11, 27, 8, 30, tzinfo=UTC))
    await duet.ticks(3)
    assert count(alex, PROMPT) == 2 and count(sam, PROMPT) == 2
    assert count(alex, "pause is over") == 1 and count(sam, "pause is over") == 1


async def test_the_same_update_delivered_twice_changes_nothing_the_second_time(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/appreciate only once")
    await expect(sam, "only once")
    duet.sandbox.replay_latest()
    await duet.ticks(3)
    await duet.sandbox.wait_for(lambda: duet.sandbox.pending_updates() == 0)
    assert count(sam, "only once") == 1
    assert await duet.rows("SELECT COUNT(*) FROM appreciations") == [(1,)]


async def test_a_failing_command_menu_at_start_up_does_not_stop_the_bot(
    sandbox: Sandbox, clock: FakeClock, tmp_path: Path
) -> None:
    sandbox.fail_next("setMyCommands", status=500, description="Internal Server Error")
    app = build_app(duet_settings(sandbox, tmp_path), clock, sandbox.token)
    async with running(app, poll_timeout=1):
        kim = sandbox.user(1003, "Kim")
        kim.send("/help")
        await expect(kim, "Here's what I can do")
    assert [c.status for c in sandbox.calls_to("setMyCommands")] == [500]


async def test_a_copy_telegram_keeps_refusing_gives_way_to_a_note_and_frees_the_chat(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    sam.send("/today")
    await expect(sam, PROMPT)
    sam.send_voice(duration=3)
    await expect(sam, "Got it")
    duet.sandbox.fail_next("copyMessage", chat_id=1001, status=500, times=50)
    mark = len(alex.inbox)
    alex.send("my words")
    await expect(sam, "my words")  # Sam's chat goes on meanwhile
    await duet.sandbox.wait_for(
        lambda: any(c.status == 500 for c in duet.sandbox.calls_to("copyMessage"))
    )
    sam.send("/help")  # Telegram is up: other chats' messages go through
    await expect(sam, "Here's what I can do")
    await duet.sandbox.wait_for(
        lambda: count(alex, "wouldn't let me pass on Sam's message", mark) == 1, timeout=15
    )
    copies = [c.status for c in duet.sandbox.calls_to("copyMessage") if c.params["chat_id"] == 1001]
    assert set(copies) == {500} and GIVE_UP_AFTER <= len(copies) <= 2 * GIVE_UP_AFTER
    sam.send("/appreciate for listening")
    await expect(alex, "for listening", mark)
    assert await duet.rows("SELECT COUNT(*) FROM outbox") == [(0,)]


async def test_a_reply_that_cannot_be_read_is_not_sent_again(duet: Duet) -> None:
    alex, sam = await paired(duet)
    duet.sandbox.fail_next("sendMessage", chat_id=1002, status=200)
    alex.send("/appreciate for the tea")
    await expect(sam, "for the tea")
    alex.send("/appreciate and the biscuits")
    await expect(sam, "and the biscuits")
    assert count(sam, "for the tea") == 1
    await duet.sandbox.wait_for(lambda: count(alex, "Sent 💌") == 2)
    await duet.ticks(3)
    assert await duet.rows("SELECT COUNT(*) FROM outbox") == [(0,)]


async def test_after_an_outage_the_waiting_wave_goes_out_at_once_and_no_error_is_logged(
    duet: Duet, caplog: pytest.LogCaptureFixture
) -> None:
    people = []
    for i in range(10):
        a, b = duet.sandbox.user(2000 + 2 * i, f"A{i}"), duet.sandbox.user(2001 + 2 * i, f"B{i}")
        await onboard(a)
        await pair_up(duet.sandbox, a, b)
        people += [a, b]
    sandbox = duet.sandbox
    loop = asyncio.get_running_loop()
    # Telegram goes away: first its proxy answers with an HTML 502 page, then nothing answers.
    down_at = loop.time()
    sandbox.fail_next(status=502, page=True, times=10**6)
    sandbox.fail_next("getUpdates", status=502, page=True, times=10**6)
    with caplog.at_level(logging.INFO):
        duet.clock.set(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
        await sandbox.wait_for(lambda: len(sandbox.calls_to("sendMessage")) >= 3)
        await asyncio.sleep(2)
        sandbox.clear_faults()
        sandbox.fail_next(status=0, times=10**6)
        await asyncio.sleep(2)
        sandbox.clear_faults()
        up_at = loop.time()
        await sandbox.wait_for(lambda: all(count(p, PROMPT) == 1 for p in people), timeout=10)
    during = [c for c in sandbox.calls if down_at <= c.at < up_at and c.method != "getUpdates"]
    sent = [c.at for c in sandbox.calls_to("sendMessage") if c.status == 200 and c.at >= up_at]
    assert len(sent) == len(people)
    # Gentle while down: a probe at a time, no more than a few calls a second in all.
    assert len(during) <= 3 * (up_at - down_at) + 3
    # Quick when back: the whole wave within 2 s of the first call that could succeed.
    assert max(sent) - up_at < 2
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "invalid JSON" not in caplog.text
    warned = [r.getMessage() for r in caplog.records if r.name == "bot.tg.sender"]
    assert len([m for m in warned if "cannot reach Telegram" in m]) == 1
    assert len([m for m in warned if "Telegram is back" in m]) == 1


async def test_when_sends_fail_but_telegram_still_answers_getme_no_prompt_is_given_up(
    duet: Duet, caplog: pytest.LogCaptureFixture
) -> None:
    people = []
    for i in range(2):
        a, b = duet.sandbox.user(2100 + 2 * i, f"A{i}"), duet.sandbox.user(2101 + 2 * i, f"B{i}")
        await onboard(a)
        await pair_up(duet.sandbox, a, b)
        people += [a, b]
    sandbox = duet.sandbox
    loop = asyncio.get_running_loop()
    # Half an outage: every message is dropped on the way, yet getMe answers as ever.
    sandbox.fail_next("sendMessage", status=0, times=10**6)
    down_at = loop.time()
    with caplog.at_level(logging.INFO):
        duet.clock.set(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
        await asyncio.sleep(5)
        probes = [c for c in sandbox.calls_to("getMe") if c.at >= down_at]
        sandbox.clear_faults()
        up_at = loop.time()
        await sandbox.wait_for(lambda: all(count(p, PROMPT) == 1 for p in people), timeout=10)
    assert probes, "getMe was never asked: the scenario did not happen"
    during = [c for c in sandbox.calls if down_at <= c.at < up_at and c.method != "getUpdates"]
    assert len(during) <= 3 * (up_at - down_at) + 3
    # No failure was held against a message (strikes lead to giving it up).
    assert "failed again" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_another_poller_on_the_token_is_one_warning_not_an_error_each_time(
    duet: Duet, caplog: pytest.LogCaptureFixture
) -> None:
    kim = duet.sandbox.user(1003, "Kim")
    with caplog.at_level(logging.INFO):
        duet.sandbox.fail_next("getUpdates", status=409, times=3)
        await duet.sandbox.wait_for(
            lambda: [c.status for c in duet.sandbox.calls_to("getUpdates")].count(409) == 3
        )
        kim.send("/help")
        await duet.sandbox.wait_for(lambda: count(kim, "Here's what I can do") == 1, timeout=10)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    ours = [r for r in caplog.records if r.name.startswith("bot.")]
    conflicts = [r for r in ours if "409 Conflict" in r.getMessage()]
    assert [r.levelno for r in conflicts] == [logging.WARNING]
    assert conflicts[0].exc_info is None


async def test_a_reply_during_the_morning_wave_goes_ahead_of_the_prompts_waiting_to_leave(
    sandbox: Sandbox, clock: FakeClock, tmp_path: Path
) -> None:
    # Slow enough that the prompts queue up and SEND_CONCURRENCY (16) of them wait to leave.
    app = build_app(duet_settings(sandbox, tmp_path, SEND_RATE=20), clock, sandbox.token)
    async with running(app, poll_timeout=1):
        people = []
        for i in range(12):
            a, b = sandbox.user(2200 + 2 * i, f"A{i}"), sandbox.user(2201 + 2 * i, f"B{i}")
            await onboard(a)
            await pair_up(sandbox, a, b)
            people += [a, b]
        lee = sandbox.user(2300, "Lee")  # not in the wave: their chat waits for no prompt
        clock.set(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
        await sandbox.wait_for(lambda: sum(count(p, PROMPT) for p in people) >= 1)
        lee.send("/help")
        await expect(lee, "Here's what I can do")
        prompts_before = sum(count(p, PROMPT) for p in people)
        await sandbox.wait_for(lambda: all(count(p, PROMPT) == 1 for p in people), timeout=10)
    # The reply waited for a moment or two, not for the row of prompts already waiting.
    assert prompts_before <= 8, prompts_before


async def test_a_database_locked_past_the_wait_says_so_to_the_person_and_in_one_line(
    duet: Duet, log: LogTap
) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    sam.send("/settings")
    menu = await expect(sam, "Your settings")
    locked = threading.Event()
    wait = BUSY_TIMEOUT_MS / 1000

    def hold_lock() -> None:
        # A backup or a shell left open, longer than the bot waits twice: transactions run
        # one at a time, so Sam's tap waits out the first wait and Alex's message the second.
        conn = sqlite3.connect(duet.settings.database_path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        threading.Event().wait(2 * wait + 2)
        conn.execute("COMMIT")
        conn.close()

    # The tick would take its turn at the lock too; without it the order is the test's.
    scheduler = duet.app.job_queue.scheduler if duet.app.job_queue else None
    assert scheduler is not None
    scheduler.pause()
    holder = threading.Thread(target=hold_lock)
    holder.start()
    await asyncio.to_thread(locked.wait)
    query = sam.press(menu["message_id"], sam.buttons(menu)[0][1])
    await asyncio.sleep(0.5)
    mark = len(alex.inbox)
    alex.send("my answer, while the database is locked")
    await duet.sandbox.wait_for(lambda: sam.callback_answer(query) is not None, wait + 5)
    answer = sam.callback_answer(query)
    assert answer is not None and answer["text"] == texts.NOT_TAKEN_IN_TAP
    await duet.sandbox.wait_for(lambda: count(alex, texts.NOT_TAKEN_IN, mark) == 1, wait + 5)
    await asyncio.to_thread(holder.join)
    scheduler.resume()
    assert await duet.rows("SELECT text FROM answers") == []
    # Sent again once the lock is gone, it is kept.
    alex.send("my answer, again")
    await expect(alex, "Got it", mark)
    assert await duet.rows("SELECT text FROM answers") == [("my answer, again",)]
    ours = [r for r in log.records if r.name.startswith("bot.") and r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in ours), [r.getMessage() for r in ours]
    assert [r for r in ours if "locked" in r.getMessage()]
