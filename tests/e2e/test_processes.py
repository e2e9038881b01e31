"""Duet as an operator runs it, in its own process: killed or stopped mid-wave, or started twice."""

import asyncio
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox import Sandbox, SandboxUser
from tests.e2e.flows import count, expect
from tests.e2e.processes import CONCURRENCY, seed, start_bot, stop_bot

PAIRS = 150
PROMPT = "Reply here"
ANSWERING = 10  # pairs whose first partner answers before the crash


def has_prompt(user: SandboxUser) -> Callable[[], bool]:
    return lambda: count(user, PROMPT) > 0


async def test_sigkill_mid_wave_loses_no_prompt_and_no_acknowledged_answer(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    pairs = await seed(sandbox, tmp_path, now, PAIRS)
    users: dict[int, SandboxUser] = {u: sandbox.find_user(u) for pair in pairs for u in pair}

    def prompted() -> int:
        return sum(1 for user in users.values() if count(user, PROMPT) > 0)

    bot = await start_bot(sandbox, tmp_path)
    try:
        # The first partners of the first pairs get their prompt and answer it.
        answered = []
        for a, _ in pairs[:ANSWERING]:
            await sandbox.wait_for(has_prompt(users[a]), timeout=30)
            users[a].send(f"answer-of-{a}")
            answered.append(a)
        for a in answered:
            await expect(users[a], "Got it")
        await sandbox.wait_for(lambda: prompted() >= len(users) // 3, timeout=30)
    finally:
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
    before = prompted()
    assert before < len(users), "the wave ended before the kill; the test proves nothing"

    bot = await start_bot(sandbox, tmp_path)
    try:
        await sandbox.wait_for(lambda: prompted() == len(users), timeout=60)
        twice = sum(1 for user in users.values() if count(user, PROMPT) > 1)
        assert twice <= CONCURRENCY
        # Every answer acknowledged before the kill is kept and revealed.
        for _, b in pairs[:ANSWERING]:
            await sandbox.wait_for(has_prompt(users[b]), timeout=30)
            users[b].send(f"answer-of-{b}")
        for a, b in pairs[:ANSWERING]:
            await expect(users[b], f"answer-of-{a}")
            await expect(users[a], f"answer-of-{b}")
    finally:
        await stop_bot(bot)


async def test_sigterm_mid_wave_lets_sends_in_flight_finish_and_nothing_goes_twice(
    tmp_path: Path,
) -> None:
    # Each send takes a while, so that every moment has a full set of them in flight.
    sandbox = Sandbox(latency=0.3)
    await sandbox.start()
    try:
        pairs = await seed(sandbox, tmp_path, datetime.now(UTC), 60)
        users = [sandbox.find_user(u) for pair in pairs for u in pair]

        def prompted() -> int:
            return sum(1 for user in users if count(user, PROMPT) > 0)

        bot = await start_bot(sandbox, tmp_path, log_level="INFO")
        await sandbox.wait_for(lambda: prompted() >= len(users) // 4, timeout=30)
        log = await stop_bot(bot)
        assert bot.returncode == 0, log
        before = prompted()
        assert before < len(users), "the wave ended before the stop; the test proves nothing"
        assert "Traceback" not in log, log

        bot = await start_bot(sandbox, tmp_path)
        try:
            await sandbox.wait_for(lambda: prompted() == len(users), timeout=60)
        finally:
            await stop_bot(bot)
        twice = [user.first_name for user in users if count(user, PROMPT) > 1]
        assert twice == []
    finally:
        await sandbox.stop()


async def test_a_second_duet_on_the_same_database_refuses_to_start_and_the_first_goes_on(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    await seed(sandbox, tmp_path, datetime.now(UTC), 0)
    kim = sandbox.user(1003, "Kim")
    first = await start_bot(sandbox, tmp_path)
    try:
        kim.send("/help")
        await expect(kim, "Here's what I can do")
        second = await start_bot(sandbox, tmp_path)
        try:
            _, err = await asyncio.wait_for(second.communicate(), timeout=15)
        finally:
            if second.returncode is None:
                second.kill()
                await second.wait()
        assert second.returncode not in (0, None)
        lines = [line for line in err.decode().splitlines() if line.strip()]
        assert len(lines) == 1, lines
        assert str(tmp_path / "duet.sqlite3") in lines[0]
        assert f"pid {first.pid}" in lines[0]
        kim.send("/help")
        await sandbox.wait_for(lambda: count(kim, "Here's what I can do") == 2)
        assert first.returncode is None
    finally:
        await stop_bot(first)


async def test_migrate_while_a_duet_runs_refuses_like_a_second_duet_and_the_first_goes_on(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    await seed(sandbox, tmp_path, datetime.now(UTC), 0)
    kim = sandbox.user(1003, "Kim")
    first = await start_bot(sandbox, tmp_path)
    try:
        kim.send("/help")
        await expect(kim, "Here's what I can do")
        migrate = await start_bot(sandbox, tmp_path, command="migrate")
        try:
            _, err = await asyncio.wait_for(migrate.communicate(), timeout=15)
        finally:
            if migrate.returncode is None:
                migrate.kill()
                await migrate.wait()
        lines = [line for line in err.decode().splitlines() if line.strip()]
        assert (migrate.returncode, len(lines)) == (3, 1), lines
        assert str(tmp_path / "duet.sqlite3") in lines[0]
        assert f"pid {first.pid}" in lines[0]
        kim.send("/help")
        await sandbox.wait_for(lambda: count(kim, "Here's what I can do") == 2)
        assert first.returncode is None
    finally:
        await stop_bot(first)
    # Once the Duet has stopped, migrate takes the lock and finds nothing to do.
    migrate = await start_bot(sandbox, tmp_path, command="migrate")
    _, err = await asyncio.wait_for(migrate.communicate(), timeout=15)
    assert migrate.returncode == 0, err.decode()
