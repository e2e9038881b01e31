"""SQL for the outbox: what must be told to whom, written with the change behind it."""

from datetime import datetime

from bot.domain.notices import Notice, OutboxItem, dump_notice, load_notice
from bot.storage.db import Tx, to_ts


async def enqueue(tx: Tx, now: datetime, *messages: tuple[int, Notice]) -> None:
    """Queue each (chat id, notice) in this transaction."""
    if not messages:
        return
    await tx.executemany(
        "INSERT INTO outbox (chat_id, lane, notice, created_at) VALUES (?, ?, ?, ?)",
        [(chat, int(notice.lane), dump_notice(notice), to_ts(now)) for chat, notice in messages],
    )
    tx.wrote_outbox = True


async def pending_after(tx: Tx, last_id: int, limit: int) -> list[OutboxItem]:
    rows = await tx.all(
        "SELECT id, chat_id, notice FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
        (last_id, limit),
    )
    return [OutboxItem(r["id"], r["chat_id"], load_notice(r["notice"])) for r in rows]


async def remove(tx: Tx, ids: list[int]) -> None:
    await tx.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])


async def replace_notice(tx: Tx, item_id: int, notice: Notice) -> None:
    await tx.execute("UPDATE outbox SET notice = ? WHERE id = ?", (dump_notice(notice), item_id))


async def drop_chat(tx: Tx, chat_id: int) -> list[int]:
    """Remove everything still queued for a chat; the ids removed."""
    rows = await tx.all("SELECT id FROM outbox WHERE chat_id = ?", (chat_id,))
    await tx.execute("DELETE FROM outbox WHERE chat_id = ?", (chat_id,))
    tx.dropped_chats.add(chat_id)
    return [r["id"] for r in rows]
