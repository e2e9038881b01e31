"""SQL for a pair's own questions (/ask), waiting for their round."""

from datetime import datetime

from bot.storage.db import Tx, to_ts


async def add_question(tx: Tx, pair_id: int, author_id: int, text: str, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO own_questions (pair_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
        (pair_id, author_id, text, to_ts(now)),
    )


async def waiting_count(tx: Tx, pair_id: int) -> int:
    count = await tx.value(
        "SELECT COUNT(*) FROM own_questions WHERE pair_id = ? AND used_at IS NULL", (pair_id,)
    )
    return int(count)


async def take_waiting(tx: Tx, pair_id: int, now: datetime) -> tuple[int, int, str] | None:
    """The oldest waiting question (id, author, text), now marked used."""
    row = await tx.one(
        "SELECT id, author_id, text FROM own_questions WHERE pair_id = ? AND used_at IS NULL"
        " ORDER BY id LIMIT 1",
        (pair_id,),
    )
    if row is None:
        return None
    await tx.execute("UPDATE own_questions SET used_at = ? WHERE id = ?", (to_ts(now), row["id"]))
    return int(row["id"]), int(row["author_id"]), str(row["text"])


async def author_of(tx: Tx, question_id: int) -> int | None:
    value = await tx.value("SELECT author_id FROM own_questions WHERE id = ?", (question_id,))
    return int(value) if value is not None else None
