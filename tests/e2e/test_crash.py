"""A crash in the middle of the morning wave: SIGKILL, restart, and nothing is lost."""

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_app, runtime
from bot.clock import FakeClock
from bot.domain import notices as n
from bot.domain.zones import format_offset
from bot.sandbox import Sandbox, SandboxUser
from bot.storage.migrate import migrate
from tests.e2e.conftest import REPO, duet_settings
from tests.e2e.flows import count, expect

PAIRS = 150
PROMPT = "Reply here"
CONCURRENCY = 8
ANSWERING = 10  # pairs whose first partner answers before the crash


async def seed(sandbox: Sandbox, tmp_path: Path, now: datetime) -> list[tuple[int, int]]:
    """PAIRS pairs made through the services, each partner due a minute ago (local noon)."""
    offset = timedelta(hours=12 - now.hour)
    at = (now + offset - timedelta(minutes=1)).strftime("%H:%M")
    settings = duet_settings(sandbox, tmp_path, DEFAULT_TIMEZONE="UTC", DEFAULT_PROMPT_TIME=at)
    app = build_app(settings, FakeClock(now - timedelta(days=1)), sandbox.token)
    parts = runtime(app)
    await parts.db.open()
    await migrate(parts.db.connection)
    services = parts.services
    pairs = []
    for i in range(PAIRS):
        a, b = 10_000 + 2 * i, 10_001 + 2 * i
        for user in (a, b):
            sandbox.user(user, f"U{user}")
            await services.account.start(user, f"U{user}", "en")
            await services.account.set_timezone(user, f"U{user}", "en", format_offset(offset))
        await services.pairing.invite(a, f"U{a}", "en")
        queued = await services.delivery.pending_after(0)
        link = next(i.notice for i in queued if isinstance(i.notice, n.InviteLink))
        assert await services.pairing.accept(b, f"U{b}", "en", link.code)
        # Onboarding chatter is not the wave: only the prompts are.
        for item in await services.delivery.pending_after(0):
            await services.delivery.discard(item)
        pairs.append((a, b))
    await parts.db.close()
    return pairs


def has_prompt(user: SandboxUser) -> Callable[[], bool]:
    return lambda: count(user, PROMPT) > 0


async def start_bot(sandbox: Sandbox, tmp_path: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": sandbox.token,
        "BOT_API_BASE_URL": sandbox.base_url,
        "BOT_API_FILE_URL": sandbox.file_url,
        "DATABASE_PATH": str(tmp_path / "duet.sqlite3"),
        "PROMPT_PACKS_DIR": str(REPO / "prompt_packs"),
        "TICK_SECONDS": "0.2",
        "SEND_RATE": "60",
        "SEND_CHAT_RATE": "1",
        "SEND_CONCURRENCY": str(CONCURRENCY),
        "LOG_LEVEL": "WARNING",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def test_sigkill_mid_wave_loses_no_prompt_and_no_acknowledged_answer(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    pairs = await seed(sandbox, tmp_path, now)
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
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
