"""Databases for the scenarios, made through the project's own services and storage layer."""

import random
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from bot.app import build_app, runtime
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain import notices as n
from bot.domain.prompts import PairKind
from bot.domain.schedule import next_prompt_at
from bot.sandbox import DEFAULT_TOKEN
from bot.services.inbox import Incoming
from bot.services.registry import Services
from bot.storage import outbox, pairs, users
from bot.storage.db import Database, to_ts
from bot.storage.migrate import migrate

# A Tuesday. Pairs form at 07:00 UTC; everyone's prompt is due at 08:00 UTC.
DAY = datetime(2026, 11, 24, tzinfo=UTC)
SEED_AT = DAY + timedelta(hours=7)
BEFORE_WAVE = DAY + timedelta(hours=7, minutes=59)
WAVE_AT = DAY + timedelta(hours=8, seconds=30)
PROMPT_TIME = time(8, 0)
CHUNK = 1000  # pairs per seeding transaction
BULK = 100_000  # rows per executemany


def first_answer(user_id: int) -> str:
    """The text of the first partner's answer, seeded before the wave."""
    return f"first answer of {user_id}"


def second_answer(user_id: int) -> str:
    """The text of the second partner's answer, sent during a scenario."""
    return f"second answer of {user_id}"


@asynccontextmanager
async def opened(path: Path, packs: Path) -> AsyncIterator[tuple[Services, Database]]:
    """The services over a new (migrated) database file, their clock at SEED_AT."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        DATABASE_PATH=path,
        PROMPT_PACKS_DIR=packs,
        DEFAULT_TIMEZONE="UTC",
        DEFAULT_PROMPT_TIME=PROMPT_TIME.strftime("%H:%M"),
    )
    parts = runtime(build_app(settings, FakeClock(SEED_AT), DEFAULT_TOKEN))
    await parts.db.open()
    await migrate(parts.db.connection)
    try:
        yield parts.services, parts.db
    finally:
        await parts.db.close()


async def wave_pairs(db: Database, first_id: int, count: int) -> None:
    """`count` pairs (users first_id, first_id + 1, …), each partner due at 08:00 today, made
    with the storage functions the pairing service uses (users, a pair, joined)."""
    due = next_prompt_at(SEED_AT, UTC, PROMPT_TIME, None)
    rng = random.Random(first_id)
    for start in range(0, count, CHUNK):
        async with db.transaction() as tx:
            for i in range(start, min(count, start + CHUNK)):
                a, b = first_id + 2 * i, first_id + 2 * i + 1
                for user in (a, b):
                    await users.create_user(tx, user, f"U{user}", "en", "UTC", "08:00", SEED_AT)
                pair_id = await pairs.create_pair(tx, PairKind.COUPLE, rng.getrandbits(31), SEED_AT)
                for user in (a, b):
                    await users.join_pair(tx, user, pair_id, due)


async def answering_pairs(services: Services, db: Database, first_id: int, count: int) -> None:
    """`count` pairs made through the services, whose round opened at 07:00 and whose first
    partner (first_id + 2i) has answered; the second (first_id + 2i + 1) answers in the bench."""
    last_id = 0
    for i in range(count):
        a, b = first_id + 2 * i, first_id + 2 * i + 1
        await services.account.start(a, f"U{a}", "en")
        await services.account.start(b, f"U{b}", "en")
        await services.pairing.invite(a, f"U{a}", "en")
        queued = await services.delivery.pending_after(last_id)
        link = next(item.notice for item in queued if isinstance(item.notice, n.InviteLink))
        last_id = queued[-1].id
        assert await services.pairing.accept(b, f"U{b}", "en", link.code)
        await services.rounds.today(a)
        await services.rounds.today(b)
        await services.inbox.take(a, f"U{a}", "en", Incoming(1, first_answer(a), None, None))
    await drop_outbox(db)


async def drop_outbox(db: Database) -> None:
    """Onboarding chatter is not what a scenario measures: nothing is left to send."""
    async with db.transaction() as tx:
        ids = [row["id"] for row in await tx.all("SELECT id FROM outbox")]
        await outbox.remove(tx, ids)


async def idle_users(db: Database, first_id: int, count: int) -> None:
    """`count` paired users (executemany in big batches), none due: each has a prompt time
    spread over the day and the next one still ahead."""
    now = to_ts(WAVE_AT)
    day = to_ts(DAY)

    def user_row(i: int) -> tuple[object, ...]:
        minute = i % 1440
        due = day + minute * 60
        if due <= now:
            due += 86400
        at = f"{minute // 60:02d}:{minute % 60:02d}"
        return (first_id + i, f"U{first_id + i}", "en", "UTC", at, i // 2 + 1, due, now)

    async with db.transaction() as tx:
        for start in range(0, count // 2, BULK):
            await tx.executemany(
                "INSERT INTO pairs (id, kind, seed, created_at) VALUES (?, 'couple', ?, ?)",
                [(p + 1, p, now) for p in range(start, min(count // 2, start + BULK))],
            )
        for start in range(0, count, BULK):
            await tx.executemany(
                "INSERT INTO users (id, first_name, language, timezone, prompt_time, pair_id,"
                " next_prompt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [user_row(i) for i in range(start, min(count, start + BULK))],
            )


def copy_database(source: Path, target: Path) -> Path:
    """A fresh copy of a closed (checkpointed) database file for one run."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
