"""SQL for rounds, who got them, and answers."""

import json
from collections import Counter
from datetime import datetime

from bot.domain.choose import PairHistory
from bot.domain.people import Answer, Round
from bot.domain.prompts import Prompt, PromptKind
from bot.storage.db import Row, Tx, from_ts, to_ts


def round_from_row(row: Row) -> Round:
    return Round(
        id=row["id"],
        pair_id=row["pair_id"],
        prompt_id=row["prompt_id"],
        kind=PromptKind(row["kind"]),
        theme=row["theme"],
        depth=row["depth"],
        text=row["text"],
        opened_at=from_ts(row["opened_at"]),
        revealed_at=from_ts(row["revealed_at"]) if row["revealed_at"] else None,
        options=tuple(json.loads(row["options"])) if row["options"] else (),
    )


def _options(prompt: Prompt) -> str | None:
    return json.dumps(prompt.options, ensure_ascii=False) if prompt.options else None


def _answer(row: Row) -> Answer:
    return Answer(
        round_id=row["round_id"],
        user_id=row["user_id"],
        media=row["media"],
        text=row["text"],
        message_id=row["message_id"],
        answered_at=from_ts(row["answered_at"]),
        file_id=row["file_id"],
    )


async def get_round(tx: Tx, round_id: int) -> Round | None:
    row = await tx.one("SELECT * FROM rounds WHERE id = ?", (round_id,))
    return round_from_row(row) if row else None


async def newest_round(tx: Tx, pair_id: int) -> Round | None:
    row = await tx.one(
        "SELECT * FROM rounds WHERE pair_id = ? ORDER BY id DESC LIMIT 1", (pair_id,)
    )
    return round_from_row(row) if row else None


async def open_round(tx: Tx, pair_id: int, prompt: Prompt, now: datetime) -> Round:
    round_id = await tx.insert(
        "INSERT INTO rounds (pair_id, prompt_id, kind, theme, depth, text, opened_at, options)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            pair_id,
            prompt.id,
            prompt.kind,
            prompt.themes[0],
            prompt.depth,
            prompt.text,
            to_ts(now),
            _options(prompt),
        ),
    )
    opened = await get_round(tx, round_id)
    assert opened is not None
    return opened


async def swap_prompt(tx: Tx, round_id: int, prompt: Prompt) -> None:
    """Give an unanswered round another prompt; the old one still counts as used."""
    old = await tx.one("SELECT prompt_id FROM rounds WHERE id = ?", (round_id,))
    assert old is not None
    await tx.execute(
        "INSERT OR IGNORE INTO swapped_prompts (round_id, prompt_id) VALUES (?, ?)",
        (round_id, old["prompt_id"]),
    )
    await tx.execute(
        "UPDATE rounds SET prompt_id = ?, kind = ?, theme = ?, depth = ?, text = ?, options = ?"
        " WHERE id = ?",
        (
            prompt.id,
            prompt.kind,
            prompt.themes[0],
            prompt.depth,
            prompt.text,
            _options(prompt),
            round_id,
        ),
    )


async def record_delivery(tx: Tx, round_id: int, user_id: int, now: datetime) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO round_deliveries (round_id, user_id, delivered_at) VALUES (?, ?, ?)",
        (round_id, user_id, to_ts(now)),
    )


async def delivered_to(tx: Tx, round_id: int) -> set[int]:
    rows = await tx.all("SELECT user_id FROM round_deliveries WHERE round_id = ?", (round_id,))
    return {r["user_id"] for r in rows}


async def record_prompt_message(tx: Tx, user_id: int, message_id: int, round_id: int) -> None:
    """Remember which round a sent prompt shows; nothing if the user or round is gone since
    it was queued (deleted data must not make the acknowledgement fail and the send repeat)."""
    await tx.execute(
        "INSERT OR REPLACE INTO prompt_messages (user_id, message_id, round_id)"
        " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM users WHERE id = ?)"
        " AND EXISTS (SELECT 1 FROM rounds WHERE id = ?)",
        (user_id, message_id, round_id, user_id, round_id),
    )


async def round_of_prompt_message(tx: Tx, user_id: int, message_id: int) -> Round | None:
    row = await tx.one(
        "SELECT r.* FROM prompt_messages m JOIN rounds r ON r.id = m.round_id"
        " WHERE m.user_id = ? AND m.message_id = ?",
        (user_id, message_id),
    )
    return round_from_row(row) if row else None


async def newest_open_round(tx: Tx, user_id: int, pair_id: int, since: datetime) -> Round | None:
    """The newest unrevealed round of the pair that this user received after `since`."""
    row = await tx.one(
        "SELECT r.* FROM rounds r JOIN round_deliveries d ON d.round_id = r.id AND d.user_id = ?"
        " WHERE r.pair_id = ? AND r.revealed_at IS NULL AND r.opened_at >= ?"
        " ORDER BY r.id DESC LIMIT 1",
        (user_id, pair_id, to_ts(since)),
    )
    return round_from_row(row) if row else None


async def newest_delivered_round(tx: Tx, user_id: int, pair_id: int) -> Round | None:
    row = await tx.one(
        "SELECT r.* FROM rounds r JOIN round_deliveries d ON d.round_id = r.id AND d.user_id = ?"
        " WHERE r.pair_id = ? ORDER BY r.id DESC LIMIT 1",
        (user_id, pair_id),
    )
    return round_from_row(row) if row else None


async def answers_of(tx: Tx, round_id: int) -> dict[int, Answer]:
    rows = await tx.all("SELECT * FROM answers WHERE round_id = ?", (round_id,))
    return {r["user_id"]: _answer(r) for r in rows}


async def answer_by_message(tx: Tx, user_id: int, message_id: int) -> Answer | None:
    row = await tx.one(
        "SELECT * FROM answers WHERE user_id = ? AND message_id = ?", (user_id, message_id)
    )
    return _answer(row) if row else None


async def save_answer(
    tx: Tx,
    round_id: int,
    user_id: int,
    media: str | None,
    text: str | None,
    message_id: int,
    now: datetime,
    file_id: str | None,
) -> None:
    await tx.execute(
        "INSERT INTO answers (round_id, user_id, media, text, message_id, answered_at, file_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO UPDATE SET"
        " media = excluded.media, text = excluded.text, message_id = excluded.message_id,"
        " answered_at = excluded.answered_at, file_id = excluded.file_id",
        (round_id, user_id, media, text, message_id, to_ts(now), file_id),
    )


async def mark_revealed(tx: Tx, round_id: int, now: datetime) -> None:
    await tx.execute("UPDATE rounds SET revealed_at = ? WHERE id = ?", (to_ts(now), round_id))


async def pair_history(tx: Tx, pair_id: int, since: datetime, now: datetime) -> PairHistory:
    """What the chooser needs to know of a pair's past rounds (`since`: when the pair formed);
    last_themes holds the stored main theme, which the caller may widen from the library."""
    rows = await tx.all(
        "SELECT prompt_id, kind, theme, opened_at, revealed_at FROM rounds"
        " WHERE pair_id = ? ORDER BY id DESC",
        (pair_id,),
    )
    swapped = await tx.all(
        "SELECT s.prompt_id FROM swapped_prompts s JOIN rounds r ON r.id = s.round_id"
        " WHERE r.pair_id = ?",
        (pair_id,),
    )
    last_appreciation = next(
        (r["opened_at"] for r in rows if r["kind"] == PromptKind.APPRECIATION), to_ts(since)
    )
    last_guess = next((r["opened_at"] for r in rows if r["kind"] == PromptKind.GUESS), to_ts(since))
    return PairHistory(
        uses=Counter(str(r["prompt_id"]) for r in (*rows, *swapped)),
        completed=sum(1 for r in rows if r["revealed_at"] is not None),
        last_themes=frozenset((str(rows[0]["theme"]),)) if rows else frozenset(),
        days_since_appreciation=(to_ts(now) - last_appreciation) // 86400,
        days_since_guess=(to_ts(now) - last_guess) // 86400,
        age_days=(to_ts(now) - to_ts(since)) // 86400,
        rounds=len(rows),
    )


async def set_reaction(
    tx: Tx, round_id: int, user_id: int, emoji: str, now: datetime
) -> str | None:
    """Store a reaction; the one it replaced, if any."""
    before = await tx.value(
        "SELECT emoji FROM reactions WHERE round_id = ? AND user_id = ?", (round_id, user_id)
    )
    await tx.execute(
        "INSERT INTO reactions (round_id, user_id, emoji, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (round_id, user_id) DO UPDATE SET emoji = excluded.emoji, at = excluded.at",
        (round_id, user_id, emoji, to_ts(now)),
    )
    return str(before) if before is not None else None


async def add_follow_up(
    tx: Tx,
    round_id: int,
    user_id: int,
    text: str | None,
    media: str | None,
    message_id: int,
    now: datetime,
) -> None:
    await tx.execute(
        "INSERT INTO follow_ups (round_id, user_id, text, media, message_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (round_id, user_id, text, media, message_id, to_ts(now)),
    )


async def delete_unrevealed_answers(tx: Tx, pair_id: int) -> None:
    """Answers that were never revealed are nobody's to keep once a pair ends."""
    await tx.execute(
        "DELETE FROM answers WHERE round_id IN"
        " (SELECT id FROM rounds WHERE pair_id = ? AND revealed_at IS NULL)",
        (pair_id,),
    )
    await tx.execute(
        "DELETE FROM guesses WHERE round_id IN"
        " (SELECT id FROM rounds WHERE pair_id = ? AND revealed_at IS NULL)",
        (pair_id,),
    )
