"""The bot as an operator runs it: `python -m bot run` in a process of its own."""

import asyncio
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import build_app, runtime
from bot.clock import FakeClock
from bot.domain import notices as n
from bot.domain.zones import format_offset
from bot.sandbox import Sandbox
from bot.storage.migrate import migrate
from tests.e2e.conftest import REPO, duet_settings

CONCURRENCY = 8


async def seed(
    sandbox: Sandbox, tmp_path: Path, now: datetime, pairs: int
) -> list[tuple[int, int]]:
    """`pairs` pairs made through the services, each partner due a minute ago (local noon)."""
    offset = timedelta(hours=12 - now.hour)
    at = (now + offset - timedelta(minutes=1)).strftime("%H:%M")
    settings = duet_settings(sandbox, tmp_path, DEFAULT_TIMEZONE="UTC", DEFAULT_PROMPT_TIME=at)
    app = build_app(settings, FakeClock(now - timedelta(days=1)), sandbox.token)
    parts = runtime(app)
    await parts.db.open()
    await migrate(parts.db.connection)
    services = parts.services
    made = []
    for i in range(pairs):
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
        made.append((a, b))
    await parts.db.close()
    return made


async def start_bot(
    sandbox: Sandbox, tmp_path: Path, *, log_level: str = "WARNING", command: str = "run"
) -> asyncio.subprocess.Process:
    """`python -m bot run` (or another `command`) against the sandbox; its log lines go to the
    process's stderr pipe."""
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
        "LOG_LEVEL": log_level,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(bot: asyncio.subprocess.Process) -> str:
    """SIGTERM, as a service manager stops it; what it logged."""
    if bot.returncode is None:
        bot.terminate()
    _, err = await bot.communicate()
    return err.decode()
