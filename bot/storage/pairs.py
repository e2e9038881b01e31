"""SQL for pairs and invites."""

from datetime import datetime

from bot.domain.people import Pair
from bot.domain.prompts import PairKind
from bot.domain.rhythm import Span
from bot.storage.db import Row, Tx, from_ts, to_ts


async def create_pair(tx: Tx, kind: PairKind, seed: int, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO pairs (kind, seed, created_at) VALUES (?, ?, ?)", (kind, seed, to_ts(now))
    )


async def get_pair(tx: Tx, pair_id: int) -> Pair | None:
    row = await tx.one("SELECT * FROM pairs WHERE id = ?", (pair_id,))
    if row is None:
        return None
    return _pair(row)


def _pair(row: Row) -> Pair:
    return Pair(
        id=row["id"],
        kind=PairKind(row["kind"]),
        seed=row["seed"],
        created_at=from_ts(row["created_at"]),
        ended_at=from_ts(row["ended_at"]) if row["ended_at"] else None,
        appreciation_every=row["appreciation_every"],
        guess_every=row["guess_every"],
        paused_by=row["paused_by"],
        paused_until=from_ts(row["paused_until"]) if row["paused_until"] else None,
        pause_note=row["pause_note"],
    )


async def end_pair(tx: Tx, pair_id: int, now: datetime) -> None:
    await _close_pause(tx, pair_id, now)
    await tx.execute(
        "UPDATE pairs SET ended_at = ?, paused_by = NULL, paused_until = NULL, pause_note = NULL"
        " WHERE id = ?",
        (to_ts(now), pair_id),
    )


async def set_pause(
    tx: Tx, pair_id: int, by: int, until: datetime | None, note: str | None, now: datetime
) -> None:
    """Pause the pair (or change the pause on); its start is remembered for /stats."""
    await tx.execute(
        "INSERT INTO pauses (pair_id, started_at) SELECT ?, ?"
        " WHERE NOT EXISTS (SELECT 1 FROM pauses WHERE pair_id = ? AND ended_at IS NULL)",
        (pair_id, to_ts(now), pair_id),
    )
    await tx.execute(
        "UPDATE pairs SET paused_by = ?, paused_until = ?, pause_note = ? WHERE id = ?",
        (by, to_ts(until) if until else None, note, pair_id),
    )


async def _close_pause(tx: Tx, pair_id: int, now: datetime) -> None:
    """The pause on ends: at its planned end if the tick comes later than that, else now."""
    await tx.execute(
        "UPDATE pauses SET ended_at ="
        " MIN(?, COALESCE((SELECT paused_until FROM pairs WHERE id = ?), ?))"
        " WHERE pair_id = ? AND ended_at IS NULL",
        (to_ts(now), pair_id, to_ts(now), pair_id),
    )


async def pauses_of(tx: Tx, pair_id: int, now: datetime) -> list[Span]:
    """Every pause the pair took, oldest first; the one on now lasts until its planned end
    (or until now, if it lasts until resumed)."""
    rows = await tx.all(
        "SELECT p.started_at, COALESCE(p.ended_at, q.paused_until, ?) AS ended_at"
        " FROM pauses p JOIN pairs q ON q.id = p.pair_id"
        " WHERE p.pair_id = ? ORDER BY p.started_at",
        (to_ts(now), pair_id),
    )
    return [Span(from_ts(r["started_at"]), from_ts(r["ended_at"])) for r in rows]


async def clear_pause(tx: Tx, pair_id: int, now: datetime) -> None:
    await _close_pause(tx, pair_id, now)
    await tx.execute(
        "UPDATE pairs SET paused_by = NULL, paused_until = NULL, pause_note = NULL WHERE id = ?",
        (pair_id,),
    )


async def pauses_ending(tx: Tx, now: datetime) -> list[Pair]:
    rows = await tx.all(
        "SELECT * FROM pairs WHERE paused_until <= ? AND ended_at IS NULL", (to_ts(now),)
    )
    return [_pair(row) for row in rows]


async def set_kind(tx: Tx, pair_id: int, kind: PairKind) -> None:
    await tx.execute("UPDATE pairs SET kind = ? WHERE id = ?", (kind, pair_id))


async def set_cadence(tx: Tx, pair_id: int, days: int) -> None:
    await tx.execute("UPDATE pairs SET appreciation_every = ? WHERE id = ?", (days, pair_id))


async def set_guess_every(tx: Tx, pair_id: int, days: int) -> None:
    await tx.execute("UPDATE pairs SET guess_every = ? WHERE id = ?", (days, pair_id))


async def pack_choices(tx: Tx, pair_id: int) -> dict[str, bool]:
    """The packs a pair turned on or off; the rest follow the library's defaults."""
    rows = await tx.all("SELECT pack_id, enabled FROM pair_packs WHERE pair_id = ?", (pair_id,))
    return {str(row["pack_id"]): bool(row["enabled"]) for row in rows}


async def choose_pack(tx: Tx, pair_id: int, pack_id: str, enabled: bool) -> None:
    await tx.execute(
        "INSERT INTO pair_packs (pair_id, pack_id, enabled) VALUES (?, ?, ?)"
        " ON CONFLICT (pair_id, pack_id) DO UPDATE SET enabled = excluded.enabled",
        (pair_id, pack_id, int(enabled)),
    )


async def consents(tx: Tx, pair_id: int, pack_id: str) -> dict[int, bool]:
    """Each partner who ever said yes to a both-partners pack: whether that yes stands."""
    rows = await tx.all(
        "SELECT user_id, given FROM pack_consents WHERE pair_id = ? AND pack_id = ?",
        (pair_id, pack_id),
    )
    return {int(row["user_id"]): bool(row["given"]) for row in rows}


async def agreed_packs(tx: Tx, pair_id: int) -> frozenset[str]:
    """The both-partners packs that both partners of the pair said yes to."""
    rows = await tx.all(
        "SELECT pack_id FROM pack_consents WHERE pair_id = ? AND given = 1"
        " GROUP BY pack_id HAVING COUNT(*) >= 2",
        (pair_id,),
    )
    return frozenset(str(row["pack_id"]) for row in rows)


async def set_consent(tx: Tx, pair_id: int, pack_id: str, user_id: int, given: bool) -> None:
    await tx.execute(
        "INSERT INTO pack_consents (pair_id, pack_id, user_id, given) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (pair_id, pack_id, user_id) DO UPDATE SET given = excluded.given",
        (pair_id, pack_id, user_id, int(given)),
    )


async def withdraw_consents(tx: Tx, pair_id: int, pack_id: str) -> None:
    await tx.execute(
        "UPDATE pack_consents SET given = 0 WHERE pair_id = ? AND pack_id = ?", (pair_id, pack_id)
    )


async def replace_invite(
    tx: Tx, code: str, inviter_id: int, now: datetime, expires_at: datetime
) -> None:
    """Store a new invite; the inviter's earlier unused ones stop working."""
    await tx.execute("DELETE FROM invites WHERE inviter_id = ? AND used_at IS NULL", (inviter_id,))
    await tx.execute(
        "INSERT INTO invites (code, inviter_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (code, inviter_id, to_ts(now), to_ts(expires_at)),
    )


async def get_invite(tx: Tx, code: str) -> Row | None:
    return await tx.one("SELECT * FROM invites WHERE code = ?", (code,))


async def use_invite(tx: Tx, code: str, now: datetime) -> None:
    await tx.execute("UPDATE invites SET used_at = ? WHERE code = ?", (to_ts(now), code))


async def record_wrong_code(tx: Tx, user_id: int, now: datetime) -> None:
    await tx.execute("INSERT INTO wrong_codes (user_id, at) VALUES (?, ?)", (user_id, to_ts(now)))


async def wrong_codes_since(tx: Tx, user_id: int, since: datetime) -> int:
    count = await tx.value(
        "SELECT COUNT(*) FROM wrong_codes WHERE user_id = ? AND at >= ?", (user_id, to_ts(since))
    )
    return int(count)
