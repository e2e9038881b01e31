"""SQL for quick appreciations."""

from datetime import datetime

from bot.storage.db import Row, Tx, to_ts


async def add_appreciation(
    tx: Tx,
    pair_id: int,
    sender_id: int,
    recipient_id: int,
    text: str | None,
    media: str | None,
    message_id: int,
    now: datetime,
    *,
    delivered: bool,
) -> int:
    return await tx.insert(
        "INSERT INTO appreciations (pair_id, sender_id, recipient_id, text, media, message_id,"
        " created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            pair_id,
            sender_id,
            recipient_id,
            text,
            media,
            message_id,
            to_ts(now),
            to_ts(now) if delivered else None,
        ),
    )


async def sent_since(tx: Tx, sender_id: int, since: datetime) -> int:
    count = await tx.value(
        "SELECT COUNT(*) FROM appreciations WHERE sender_id = ? AND created_at >= ?",
        (sender_id, to_ts(since)),
    )
    return int(count)


async def get_appreciation(tx: Tx, appreciation_id: int) -> Row | None:
    return await tx.one("SELECT * FROM appreciations WHERE id = ?", (appreciation_id,))


async def react_to_appreciation(tx: Tx, appreciation_id: int, emoji: str) -> str | None:
    """Store the recipient's reaction; the one it replaced, if any."""
    before = await tx.value("SELECT reaction FROM appreciations WHERE id = ?", (appreciation_id,))
    await tx.execute("UPDATE appreciations SET reaction = ? WHERE id = ?", (emoji, appreciation_id))
    return str(before) if before is not None else None


async def held_for(tx: Tx, pair_id: int) -> list[Row]:
    return await tx.all(
        "SELECT * FROM appreciations WHERE pair_id = ? AND delivered_at IS NULL ORDER BY id",
        (pair_id,),
    )


async def mark_delivered(tx: Tx, ids: list[int], now: datetime) -> None:
    await tx.executemany(
        "UPDATE appreciations SET delivered_at = ? WHERE id = ?", [(to_ts(now), i) for i in ids]
    )


async def drop_held(tx: Tx, pair_id: int) -> dict[int, int]:
    """Delete appreciations still held for a pair; how many each sender lost."""
    rows = await tx.all(
        "SELECT sender_id, COUNT(*) AS n FROM appreciations"
        " WHERE pair_id = ? AND delivered_at IS NULL GROUP BY sender_id",
        (pair_id,),
    )
    await tx.execute(
        "DELETE FROM appreciations WHERE pair_id = ? AND delivered_at IS NULL", (pair_id,)
    )
    return {row["sender_id"]: row["n"] for row in rows}
