"""The real Application over HTTP against the sandbox Bot API, a real SQLite file, a fake clock."""

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot.app import DuetApp, build_app, running
from bot.clock import FakeClock
from bot.config import Settings
from bot.sandbox import Sandbox
from bot.storage.db import Database

if TYPE_CHECKING:  # scene.py imports this module
    from tests.e2e.scene import LogTap, Scene

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Duet:
    """One running bot and the sandbox it talks to."""

    sandbox: Sandbox
    clock: FakeClock
    app: DuetApp
    settings: Settings

    async def move_clock(self, to: datetime) -> None:
        """Set the fake clock and let at least one real tick see it."""
        self.clock.set(to)
        await self.ticks(2)

    async def ticks(self, count: int = 1) -> None:
        seen = self.tick_count()
        await self.sandbox.wait_for(lambda: self.tick_count() >= seen + count, timeout=5)

    def tick_count(self) -> int:
        return int(self.app.bot_data.get("ticks", 0))

    async def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the live database from a second connection, as an operator would."""
        db = Database(self.settings.database_path)
        await db.open()
        try:
            async with db.connection.execute(sql, params) as cursor:
                return [tuple(row) for row in await cursor.fetchall()]
        finally:
            await db.close()


def duet_settings(sandbox: Sandbox, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "BOT_API_BASE_URL": sandbox.base_url,
        "BOT_API_FILE_URL": sandbox.file_url,
        "DATABASE_PATH": tmp_path / "duet.sqlite3",
        "PROMPT_PACKS_DIR": REPO / "prompt_packs",
        "TICK_SECONDS": 0.05,
        "SEND_RATE": 500,
        "SEND_CHAT_RATE": 50,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    sb = Sandbox()
    await sb.start()
    yield sb
    await sb.stop()


@pytest.fixture
def clock() -> FakeClock:
    # A Tuesday morning, before the default 08:00 prompt time.
    return FakeClock(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))


@pytest.fixture
async def duet(sandbox: Sandbox, clock: FakeClock, tmp_path: Path) -> AsyncIterator[Duet]:
    settings = duet_settings(sandbox, tmp_path)
    app = build_app(settings, clock, sandbox.token)
    async with running(app, poll_timeout=1):
        yield Duet(sandbox, clock, app, settings)


@pytest.fixture
async def scene(duet: Duet) -> AsyncIterator["Scene"]:
    """Two pairs mid-week and an ended pair, for bad-input tests (scene.py)."""
    from tests.e2e.scene import scene_of

    async with scene_of(duet) as built:
        yield built


@pytest.fixture
def log() -> Iterator["LogTap"]:
    """Every log record while the test runs."""
    from tests.e2e.scene import tapped

    with tapped() as tap:
        yield tap


INVITE = re.compile(r"start=([A-Za-z0-9_-]+)")


def invite_code(text: str) -> str:
    found = INVITE.search(text)
    assert found, f"no invite link in {text!r}"
    return found.group(1)


def later(clock: FakeClock, **delta: float) -> datetime:
    return clock.now() + timedelta(**delta)
