"""Due work in batches: each batch one transaction, the event loop handed back as it goes."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TypeVar

from bot.storage.db import Database, Tx

# Rows per transaction. Statements run on the event loop's thread (bot/storage/db.py), so the
# loop is handed to the sender and the handlers every YIELD_EVERY rows and between batches:
# the tick's own work never holds up the sends it queues.
BATCH = 100
YIELD_EVERY = 10

Row = TypeVar("Row")


async def work_through(
    db: Database,
    now: datetime,
    claim: Callable[[Tx, datetime, int], Awaitable[Sequence[Row]]],
    act: Callable[[Tx, Row, datetime], Awaitable[int]],
) -> int:
    """Claim what is due, BATCH at a time, and act on each; the sum of what `act` returns.

    `act` must take each claimed row off the due list (or the next claim finds it again)."""
    done = 0
    while True:
        async with db.transaction() as tx:
            due = await claim(tx, now, BATCH)
            for i, row in enumerate(due):
                if i % YIELD_EVERY == YIELD_EVERY - 1:
                    await asyncio.sleep(0)
                done += await act(tx, row, now)
        if len(due) < BATCH:
            return done
        await asyncio.sleep(0)
