"""Services on a real SQLite file in a temporary folder, with a fake clock and a tiny library."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain import notices as n
from bot.domain.prompts import Library, Pack, PairKind, Prompt, PromptKind
from bot.services.deps import Deps
from bot.services.registry import Services, build_services
from bot.storage.db import Database
from bot.storage.migrate import migrate

BOTH = frozenset({PairKind.COUPLE, PairKind.FRIENDS})
ALEX, SAM = 1001, 1002


def tiny_library() -> Library:
    prompts = tuple(
        Prompt(
            f"t-{i:03d}",
            "t",
            f"Question number {i} for {{partner}}?",
            PromptKind.QUESTION,
            1,
            (theme,),
            BOTH,
        )
        for i, theme in enumerate(["quality_time", "trust", "friendship", "support"] * 5)
    )
    return Library((Pack("t", "Test", "", False, prompts),))


class World:
    """The services plus a way to read and clear what they queued."""

    def __init__(self, services: Services, clock: FakeClock, db: Database) -> None:
        self.services = services
        self.clock = clock
        self.db = db

    async def outbox(self) -> list[n.OutboxItem]:
        return await self.services.delivery.pending_after(0)

    async def told(self, chat_id: int) -> list[n.Notice]:
        """What is queued for one chat, oldest first; then it counts as sent."""
        items = [i for i in await self.outbox() if i.chat_id == chat_id]
        for message_id, item in enumerate(items, start=100 + len(items)):
            await self.services.delivery.delivered(item, message_id)
        return [i.notice for i in items]

    async def send_all(self) -> dict[int, list[n.Notice]]:
        by_chat: dict[int, list[n.Notice]] = {}
        for item in await self.outbox():
            by_chat.setdefault(item.chat_id, []).append(item.notice)
            await self.services.delivery.delivered(item, item.id)
        return by_chat


async def pair(world: World) -> None:
    """Alex and Sam start, Alex invites, Sam accepts; what they were told counts as sent."""
    account, pairing = world.services.account, world.services.pairing
    await account.start(ALEX, "Alex", "en")
    await account.start(SAM, "Sam", "en")
    await pairing.invite(ALEX, "Alex", "en")
    link = next(x for x in await world.told(ALEX) if isinstance(x, n.InviteLink))
    assert await pairing.accept(SAM, "Sam", "en", link.code)
    await world.send_all()


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = Database(tmp_path / "duet.sqlite3")
    await db.open()
    await migrate(db.connection)
    clock = FakeClock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    deps = Deps(db, clock, tiny_library(), "UTC", time(8, 0))
    services = build_services(deps)
    yield World(services, clock, db)
    await db.close()
