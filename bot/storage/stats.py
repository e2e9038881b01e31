"""SQL for /stats: what a pair has answered together, appreciated and explored."""

from datetime import datetime

from bot.storage.db import Tx, from_ts, to_ts


async def revealed_moments(tx: Tx, pair_id: int) -> list[datetime]:
    """When each of the pair's rounds was revealed, oldest first (from the index alone)."""
    rows = await tx.all(
        "SELECT revealed_at FROM rounds WHERE pair_id = ? AND revealed_at IS NOT NULL"
        " ORDER BY revealed_at",
        (pair_id,),
    )
    return [from_ts(r["revealed_at"]) for r in rows]


async def opened_since(
    tx: Tx, pair_id: int, since: datetime
) -> list[tuple[datetime, datetime | None]]:
    """The pair's rounds opened at or after `since`, as (opened, revealed or None)."""
    rows = await tx.all(
        "SELECT opened_at, revealed_at FROM rounds WHERE pair_id = ? AND opened_at >= ?",
        (pair_id, to_ts(since)),
    )
    return [
        (from_ts(r["opened_at"]), from_ts(r["revealed_at"]) if r["revealed_at"] else None)
        for r in rows
    ]


async def revealed_prompts(tx: Tx, pair_id: int) -> list[tuple[str, str, int]]:
    """Each prompt the pair answered together: (prompt id, stored theme, depth)."""
    rows = await tx.all(
        "SELECT DISTINCT prompt_id, theme, depth FROM rounds"
        " WHERE pair_id = ? AND revealed_at IS NOT NULL",
        (pair_id,),
    )
    return [(str(r["prompt_id"]), str(r["theme"]), int(r["depth"])) for r in rows]


async def appreciations_between(tx: Tx, pair_id: int, user_id: int) -> tuple[int, int]:
    """Appreciations the user sent in this pair, and those delivered to them."""
    row = await tx.one(
        "SELECT COALESCE(SUM(sender_id = :user), 0) AS sent,"
        " COALESCE(SUM(recipient_id = :user AND delivered_at IS NOT NULL), 0) AS received"
        " FROM appreciations WHERE pair_id = :pair",
        {"user": user_id, "pair": pair_id},
    )
    assert row is not None
    return int(row["sent"]), int(row["received"])
