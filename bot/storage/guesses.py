"""SQL for guess rounds: each partner's taps."""

from datetime import datetime

from bot.domain.guess import Taps
from bot.storage.db import Tx, to_ts


async def taps_of(tx: Tx, round_id: int) -> dict[int, Taps]:
    """Each partner's taps on a round, by user id."""
    rows = await tx.all("SELECT user_id, own, guess FROM guesses WHERE round_id = ?", (round_id,))
    return {r["user_id"]: Taps(r["own"], r["guess"]) for r in rows}


async def set_own(tx: Tx, round_id: int, user_id: int, option: int, now: datetime) -> None:
    """The user's own answer; a guess already made stays."""
    await tx.execute(
        "INSERT INTO guesses (round_id, user_id, own, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (round_id, user_id) DO UPDATE SET own = excluded.own, at = excluded.at",
        (round_id, user_id, option, to_ts(now)),
    )


async def set_guess(tx: Tx, round_id: int, user_id: int, option: int, now: datetime) -> None:
    """The user's guess of the partner's answer (their own is in already)."""
    await tx.execute(
        "UPDATE guesses SET guess = ?, at = ? WHERE round_id = ? AND user_id = ?",
        (option, to_ts(now), round_id, user_id),
    )


async def revealed_since(tx: Tx, pair_id: int, since: datetime) -> list[tuple[Taps, Taps]]:
    """Both partners' taps on each of the pair's guess rounds revealed at or after `since`."""
    rows = await tx.all(
        "SELECT a.own AS a_own, a.guess AS a_guess, b.own AS b_own, b.guess AS b_guess"
        " FROM rounds r"
        " JOIN guesses a ON a.round_id = r.id"
        " JOIN guesses b ON b.round_id = r.id AND b.user_id > a.user_id"
        " WHERE r.pair_id = ? AND r.revealed_at >= ?",
        (pair_id, to_ts(since)),
    )
    return [(Taps(r["a_own"], r["a_guess"]), Taps(r["b_own"], r["b_guess"])) for r in rows]
