"""SQL for users."""

from dataclasses import dataclass
from datetime import datetime, time

from bot.domain.awaiting import Awaiting, decode, encode
from bot.domain.people import User
from bot.storage.db import Row, Tx, from_ts, to_ts
from bot.storage.outbox import drop_chat


def _clock(text: str | None) -> time | None:
    if not text:
        return None
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def _user(row: Row) -> User:
    prompt_time = _clock(row["prompt_time"])
    assert prompt_time is not None
    return User(
        id=row["id"],
        first_name=row["first_name"],
        language=row["language"],
        timezone=row["timezone"],
        prompt_time=prompt_time,
        pair_id=row["pair_id"],
        next_prompt_at=from_ts(row["next_prompt_at"]) if row["next_prompt_at"] else None,
        last_prompt_at=from_ts(row["last_prompt_at"]) if row["last_prompt_at"] else None,
        awaiting=decode(row["awaiting"]),
        unreachable=bool(row["unreachable"]),
        reminder_time=_clock(row["reminder_time"]),
        next_reminder_at=from_ts(row["next_reminder_at"]) if row["next_reminder_at"] else None,
        reminder_round_id=row["reminder_round_id"],
    )


async def get_user(tx: Tx, user_id: int) -> User | None:
    row = await tx.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return _user(row) if row else None


async def create_user(
    tx: Tx, user_id: int, first_name: str, language: str, timezone: str, at: str, now: datetime
) -> User:
    await tx.execute(
        "INSERT INTO users (id, first_name, language, timezone, prompt_time, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, first_name, language, timezone, at, to_ts(now)),
    )
    user = await get_user(tx, user_id)
    assert user is not None
    return user


async def rename_user(tx: Tx, user_id: int, first_name: str) -> None:
    await tx.execute("UPDATE users SET first_name = ? WHERE id = ?", (first_name, user_id))


async def set_schedule(
    tx: Tx, user_id: int, timezone: str, at: str, next_prompt_at: datetime | None
) -> None:
    await tx.execute(
        "UPDATE users SET timezone = ?, prompt_time = ?, next_prompt_at = ? WHERE id = ?",
        (timezone, at, to_ts(next_prompt_at) if next_prompt_at else None, user_id),
    )


async def set_awaiting(tx: Tx, user_id: int, awaiting: Awaiting | None) -> None:
    stored = encode(awaiting) if awaiting is not None else None
    await tx.execute("UPDATE users SET awaiting = ? WHERE id = ?", (stored, user_id))


async def join_pair(tx: Tx, user_id: int, pair_id: int, next_prompt_at: datetime) -> None:
    await tx.execute(
        "UPDATE users SET pair_id = ?, next_prompt_at = ?, awaiting = NULL WHERE id = ?",
        (pair_id, to_ts(next_prompt_at), user_id),
    )
    # Remembered after the pair ends, so its journal can still be exported for a while.
    await tx.execute(
        "INSERT OR IGNORE INTO pair_members (pair_id, user_id) VALUES (?, ?)", (pair_id, user_id)
    )


async def partner_of(tx: Tx, user: User) -> User | None:
    if user.pair_id is None:
        return None
    row = await tx.one("SELECT * FROM users WHERE pair_id = ? AND id != ?", (user.pair_id, user.id))
    return _user(row) if row else None


@dataclass(frozen=True)
class Due:
    """A user whose prompt is due, with what deciding about it needs: partner and pair state."""

    user: User
    partner: User | None
    in_pair: bool  # the pair exists and has not ended
    paused: bool


async def due_batch(tx: Tx, now: datetime, limit: int) -> list[Due]:
    """The next `limit` users whose prompt is due, their partners and pairs: two statements."""
    rows = await tx.all(
        "SELECT u.*, (p.id IS NOT NULL AND p.ended_at IS NULL) AS in_pair,"
        " p.paused_by IS NOT NULL AS paused"
        " FROM users u LEFT JOIN pairs p ON p.id = u.pair_id"
        " WHERE u.next_prompt_at <= ? ORDER BY u.next_prompt_at LIMIT ?",
        (to_ts(now), limit),
    )
    due = [(_user(row), bool(row["in_pair"]), bool(row["paused"])) for row in rows]
    pair_ids = sorted({user.pair_id for user, _, _ in due if user.pair_id is not None})
    members: dict[int, list[User]] = {}
    if pair_ids:
        marks = ", ".join("?" * len(pair_ids))
        for row in await tx.all(f"SELECT * FROM users WHERE pair_id IN ({marks})", pair_ids):
            members.setdefault(row["pair_id"], []).append(_user(row))
    return [
        Due(
            user,
            next((m for m in members.get(user.pair_id or 0, []) if m.id != user.id), None),
            in_pair,
            paused,
        )
        for user, in_pair, paused in due
    ]


async def mark_prompted(
    tx: Tx, user_id: int, prompted_at: datetime | None, next_prompt_at: datetime
) -> None:
    """Record a prompt sent at `prompted_at` (None: the due one was skipped) and the next one."""
    if prompted_at is None:
        await tx.execute(
            "UPDATE users SET next_prompt_at = ? WHERE id = ?", (to_ts(next_prompt_at), user_id)
        )
    else:
        await tx.execute(
            "UPDATE users SET last_prompt_at = ?, next_prompt_at = ? WHERE id = ?",
            (to_ts(prompted_at), to_ts(next_prompt_at), user_id),
        )


async def mark_prompted_many(tx: Tx, marks: list[tuple[int, datetime | None, datetime]]) -> None:
    """mark_prompted for many users at once: (user id, prompted at or None, next prompt)."""
    skipped = [(to_ts(following), user) for user, at, following in marks if at is None]
    prompted = [
        (to_ts(at), to_ts(following), user) for user, at, following in marks if at is not None
    ]
    if skipped:
        await tx.executemany("UPDATE users SET next_prompt_at = ? WHERE id = ?", skipped)
    if prompted:
        await tx.executemany(
            "UPDATE users SET last_prompt_at = ?, next_prompt_at = ? WHERE id = ?", prompted
        )


async def note_group(tx: Tx, chat_id: int, now: datetime) -> bool:
    """Remember a group chat was told the bot works in private; False if it was told before."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO told_groups (chat_id, at) VALUES (?, ?)", (chat_id, to_ts(now))
    )
    return changed > 0


async def set_reachable(tx: Tx, user_id: int, reachable: bool) -> bool:
    """Mark a user (un)reachable; whether that changed anything."""
    changed = await tx.execute(
        "UPDATE users SET unreachable = ? WHERE id = ? AND unreachable = ?",
        (int(not reachable), user_id, int(reachable)),
    )
    return changed > 0


async def set_reminder_time(tx: Tx, user_id: int, at: str | None) -> None:
    await tx.execute("UPDATE users SET reminder_time = ? WHERE id = ?", (at, user_id))


async def plan_reminder(tx: Tx, user_id: int, at: datetime | None, round_id: int | None) -> None:
    await tx.execute(
        "UPDATE users SET next_reminder_at = ?, reminder_round_id = ? WHERE id = ?",
        (to_ts(at) if at else None, round_id, user_id),
    )


async def due_reminders(tx: Tx, now: datetime, limit: int) -> list[User]:
    rows = await tx.all(
        "SELECT * FROM users WHERE next_reminder_at <= ? ORDER BY next_reminder_at LIMIT ?",
        (to_ts(now), limit),
    )
    return [_user(row) for row in rows]


async def leave_pair(tx: Tx, pair_id: int) -> None:
    """Both members of a pair stop being in it: no prompts, no reminders, no recaps."""
    await tx.execute(
        "UPDATE users SET pair_id = NULL, next_prompt_at = NULL, next_reminder_at = NULL,"
        " reminder_round_id = NULL, awaiting = NULL, next_recap_at = NULL, recap_held = NULL"
        " WHERE pair_id = ?",
        (pair_id,),
    )


async def delete_user(tx: Tx, user_id: int) -> None:
    """Every row about a user. Their answers, appreciations, reactions, replies, invites and
    deliveries go with the user row (ON DELETE CASCADE); the rest is named here."""
    await tx.execute("DELETE FROM wrong_codes WHERE user_id = ?", (user_id,))
    await drop_chat(tx, user_id)
    # A round of a question the user wrote holds their words: it goes, with its answers.
    await tx.execute(
        "DELETE FROM rounds WHERE prompt_id IN"
        " (SELECT 'own-' || id FROM own_questions WHERE author_id = ?)",
        (user_id,),
    )
    await tx.execute(
        "UPDATE pairs SET paused_by = NULL, paused_until = NULL, pause_note = NULL"
        " WHERE paused_by = ?",
        (user_id,),
    )
    await tx.execute("DELETE FROM users WHERE id = ?", (user_id,))


async def members(tx: Tx, pair_id: int) -> list[User]:
    rows = await tx.all("SELECT * FROM users WHERE pair_id = ? ORDER BY id", (pair_id,))
    return [_user(row) for row in rows]


async def first_sight(tx: Tx, update_id: int, now: datetime) -> bool:
    """Record a Telegram update as handled; False if it was handled before."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO seen_updates (update_id, at) VALUES (?, ?)", (update_id, to_ts(now))
    )
    return changed > 0


async def forget_updates_before(tx: Tx, before: datetime) -> None:
    await tx.execute("DELETE FROM seen_updates WHERE at < ?", (to_ts(before),))
