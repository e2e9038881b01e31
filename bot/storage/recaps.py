"""SQL for weekly recaps: each user's recap schedule, the pauses a week shows, shared pictures."""

from dataclasses import dataclass
from datetime import date, datetime, time

from bot.domain.people import Round
from bot.domain.week import RoundTrace
from bot.storage.db import Row, Tx, from_ts, to_ts
from bot.storage.rounds import get_round


@dataclass(frozen=True)
class RecapPlan:
    """When one user's recap comes, and what the tick needs to decide about it."""

    user_id: int
    timezone: str
    weekday: int | None  # 0 Monday … 6 Sunday; None: recaps off
    at: time
    next_at: datetime | None
    last_at: datetime | None
    held: date | None  # the first day of a week a pause held back


def _plan(row: Row) -> RecapPlan:
    hour, minute = str(row["recap_time"]).split(":")
    return RecapPlan(
        user_id=row["id"],
        timezone=row["timezone"],
        weekday=row["recap_day"],
        at=time(int(hour), int(minute)),
        next_at=from_ts(row["next_recap_at"]) if row["next_recap_at"] is not None else None,
        last_at=from_ts(row["last_recap_at"]) if row["last_recap_at"] else None,
        held=date.fromisoformat(row["recap_held"]) if row["recap_held"] else None,
    )


_PLAN = (
    "SELECT id, timezone, recap_day, recap_time, next_recap_at, last_recap_at, recap_held"
    " FROM users"
)


async def plan_of(tx: Tx, user_id: int) -> RecapPlan | None:
    row = await tx.one(f"{_PLAN} WHERE id = ?", (user_id,))
    return _plan(row) if row else None


async def due(tx: Tx, now: datetime, limit: int) -> list[RecapPlan]:
    """The next `limit` users whose recap is due: one indexed query."""
    rows = await tx.all(
        f"{_PLAN} WHERE next_recap_at <= ? ORDER BY next_recap_at LIMIT ?", (to_ts(now), limit)
    )
    return [_plan(row) for row in rows]


async def held_in(tx: Tx, pair_id: int) -> list[RecapPlan]:
    """The members of a pair whose recap a pause held back."""
    rows = await tx.all(
        f"{_PLAN} WHERE pair_id = ? AND recap_held IS NOT NULL ORDER BY id", (pair_id,)
    )
    return [_plan(row) for row in rows]


async def schedule(tx: Tx, user_id: int, next_at: datetime | None) -> None:
    await tx.execute(
        "UPDATE users SET next_recap_at = ? WHERE id = ?",
        (to_ts(next_at) if next_at else None, user_id),
    )


async def mark_sent(tx: Tx, user_id: int, sent_at: datetime, next_at: datetime) -> None:
    await tx.execute(
        "UPDATE users SET last_recap_at = ?, next_recap_at = ?, recap_held = NULL WHERE id = ?",
        (to_ts(sent_at), to_ts(next_at), user_id),
    )


async def hold(tx: Tx, user_id: int, week: date, next_at: datetime) -> None:
    """A pause holds this week's recap back; only the latest held week is kept."""
    await tx.execute(
        "UPDATE users SET recap_held = ?, next_recap_at = ? WHERE id = ?",
        (week.isoformat(), to_ts(next_at), user_id),
    )


async def release(tx: Tx, user_id: int) -> None:
    await tx.execute("UPDATE users SET recap_held = NULL WHERE id = ?", (user_id,))


async def set_choice(tx: Tx, user_id: int, weekday: int | None, at: str) -> None:
    await tx.execute(
        "UPDATE users SET recap_day = ?, recap_time = ? WHERE id = ?", (weekday, at, user_id)
    )


async def traces(tx: Tx, pair_id: int) -> list[RoundTrace]:
    """Every round of the pair, as a week and the streak see it."""
    rows = await tx.all(
        "SELECT r.opened_at, r.revealed_at, r.theme,"
        " (SELECT COUNT(*) FROM answers a WHERE a.round_id = r.id) AS answers"
        " FROM rounds r WHERE r.pair_id = ? ORDER BY r.id",
        (pair_id,),
    )
    return [
        RoundTrace(
            from_ts(r["opened_at"]),
            from_ts(r["revealed_at"]) if r["revealed_at"] else None,
            r["answers"],
            r["theme"],
        )
        for r in rows
    ]


async def reactions_between(tx: Tx, pair_id: int, start: datetime, end: datetime) -> int:
    """Reactions either partner gave to a reveal in [start, end)."""
    found = await tx.value(
        "SELECT COUNT(*) FROM reactions x JOIN rounds r ON r.id = x.round_id"
        " WHERE r.pair_id = ? AND x.at >= ? AND x.at < ?",
        (pair_id, to_ts(start), to_ts(end)),
    )
    return int(found)


async def appreciations_between(tx: Tx, pair_id: int, start: datetime, end: datetime) -> int:
    found = await tx.value(
        "SELECT COUNT(*) FROM appreciations WHERE pair_id = ? AND created_at >= ?"
        " AND created_at < ?",
        (pair_id, to_ts(start), to_ts(end)),
    )
    return int(found)


async def revealed_round_opened(
    tx: Tx, pair_id: int, start: datetime, end: datetime
) -> Round | None:
    """The pair's first revealed round opened in [start, end), if any."""
    found = await tx.value(
        "SELECT id FROM rounds WHERE pair_id = ? AND opened_at >= ? AND opened_at < ?"
        " AND revealed_at IS NOT NULL ORDER BY id LIMIT 1",
        (pair_id, to_ts(start), to_ts(end)),
    )
    return await get_round(tx, int(found)) if found is not None else None


async def picture(tx: Tx, pair_id: int, week: date, digest: str) -> str | None:
    """Telegram's file_id of the pair's picture of this week that shows `digest`, once it was
    uploaded."""
    found = await tx.value(
        "SELECT file_id FROM recaps WHERE pair_id = ? AND week = ? AND digest = ?",
        (pair_id, week.isoformat(), digest),
    )
    return str(found) if found is not None else None


async def remember_picture(
    tx: Tx, pair_id: int, week: date, digest: str, file_id: str, now: datetime
) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO recaps (pair_id, week, digest, file_id, sent_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (pair_id, week.isoformat(), digest, file_id, to_ts(now)),
    )
