"""SQL for the journal: pair members after the end, exports per day, revealed content, expiry."""

from datetime import datetime

from bot.domain.people import Pair, User
from bot.storage.db import Row, Tx, to_ts
from bot.storage.pairs import get_pair
from bot.storage.users import get_user


async def record_export(tx: Tx, user_id: int, now: datetime) -> None:
    await tx.execute("INSERT INTO exports (user_id, at) VALUES (?, ?)", (user_id, to_ts(now)))


async def exports_since(tx: Tx, user_id: int, since: datetime) -> int:
    count = await tx.value(
        "SELECT COUNT(*) FROM exports WHERE user_id = ? AND at >= ?", (user_id, to_ts(since))
    )
    return int(count)


async def was_member(tx: Tx, pair_id: int, user_id: int) -> bool:
    found = await tx.value(
        "SELECT 1 FROM pair_members WHERE pair_id = ? AND user_id = ?", (pair_id, user_id)
    )
    return found is not None


async def latest_pair(tx: Tx, user_id: int) -> Pair | None:
    """The user's newest pair, ended or not."""
    pair_id = await tx.value(
        "SELECT pair_id FROM pair_members WHERE user_id = ? ORDER BY pair_id DESC LIMIT 1",
        (user_id,),
    )
    return await get_pair(tx, int(pair_id)) if pair_id is not None else None


async def other_member(tx: Tx, pair_id: int, user_id: int) -> User | None:
    """The reader's partner in that pair; None once the partner deleted their data."""
    other = await tx.value(
        "SELECT user_id FROM pair_members WHERE pair_id = ? AND user_id != ?", (pair_id, user_id)
    )
    return await get_user(tx, int(other)) if other is not None else None


# Only revealed rounds: an answer the partner never saw is in nobody's journal.
async def revealed_rounds(tx: Tx, pair_id: int) -> list[Row]:
    return await tx.all(
        "SELECT * FROM rounds WHERE pair_id = ? AND revealed_at IS NOT NULL"
        " ORDER BY revealed_at, id",
        (pair_id,),
    )


async def revealed_guesses(tx: Tx, pair_id: int) -> list[Row]:
    """Each partner's taps on the pair's revealed guess rounds, as the options' words: their
    own answer (`text`), their guess of the other's (`guessed`), and whether it was right
    (`guessed_right`; NULL when the other's taps were deleted with their data)."""
    return await tx.all(
        "SELECT g.round_id, g.user_id, g.at, j.value AS text, NULL AS media,"
        " k.value AS guessed, g.guess = o.own AS guessed_right"
        " FROM guesses g JOIN rounds r ON r.id = g.round_id"
        " JOIN json_each(r.options) j ON j.key = g.own"
        " LEFT JOIN json_each(r.options) k ON k.key = g.guess"
        " LEFT JOIN guesses o ON o.round_id = g.round_id AND o.user_id != g.user_id"
        " WHERE r.pair_id = ? AND r.revealed_at IS NOT NULL",
        (pair_id,),
    )


async def revealed_answers(tx: Tx, pair_id: int) -> list[Row]:
    return await tx.all(
        "SELECT a.* FROM answers a JOIN rounds r ON r.id = a.round_id"
        " WHERE r.pair_id = ? AND r.revealed_at IS NOT NULL",
        (pair_id,),
    )


async def reactions(tx: Tx, pair_id: int) -> list[Row]:
    return await tx.all(
        "SELECT x.* FROM reactions x JOIN rounds r ON r.id = x.round_id"
        " WHERE r.pair_id = ? AND r.revealed_at IS NOT NULL ORDER BY x.at",
        (pair_id,),
    )


async def follow_ups(tx: Tx, pair_id: int) -> list[Row]:
    return await tx.all(
        "SELECT f.* FROM follow_ups f JOIN rounds r ON r.id = f.round_id"
        " WHERE r.pair_id = ? AND r.revealed_at IS NOT NULL ORDER BY f.at, f.id",
        (pair_id,),
    )


async def delivered_appreciations(tx: Tx, pair_id: int) -> list[Row]:
    """Appreciations the recipient has had; held ones are not yet theirs to keep."""
    return await tx.all(
        "SELECT * FROM appreciations WHERE pair_id = ? AND delivered_at IS NOT NULL"
        " ORDER BY created_at, id",
        (pair_id,),
    )


async def delete_pairs_ended_before(tx: Tx, before: datetime, limit: int) -> list[int]:
    """Delete up to `limit` pairs that ended before `before`, and with them (ON DELETE CASCADE)
    their rounds, answers, reactions, follow-ups, appreciations, packs, questions and members;
    their ids. A few at a time: each takes its rounds with it, on the event loop's thread."""
    rows = await tx.all(
        "SELECT id FROM pairs WHERE ended_at IS NOT NULL AND ended_at < ? LIMIT ?",
        (to_ts(before), limit),
    )
    ids = [int(row["id"]) for row in rows]
    await tx.executemany("DELETE FROM pairs WHERE id = ?", [(i,) for i in ids])
    return ids
