"""SQL for ideas for time together: offers, invitations and how they went."""

from datetime import datetime

from bot.storage.db import Row, Tx, to_ts


async def current_pass(tx: Tx, pair_id: int) -> tuple[int, set[str]]:
    """The pair's current pass through the pool, and the ideas offered in it."""
    number = await tx.value(
        "SELECT COALESCE(MAX(pass), 0) FROM pair_ideas WHERE pair_id = ?", (pair_id,)
    )
    rows = await tx.all(
        "SELECT idea_id FROM pair_ideas WHERE pair_id = ? AND pass = ?", (pair_id, number)
    )
    return int(number), {row["idea_id"] for row in rows}


async def add_offer(
    tx: Tx, pair_id: int, idea_id: str, pass_number: int, user_id: int, now: datetime
) -> int:
    return await tx.insert(
        "INSERT INTO pair_ideas (pair_id, idea_id, pass, offered_to, offered_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (pair_id, idea_id, pass_number, user_id, to_ts(now)),
    )


async def get(tx: Tx, pair_idea_id: int) -> Row | None:
    return await tx.one("SELECT * FROM pair_ideas WHERE id = ?", (pair_idea_id,))


async def invite(tx: Tx, pair_idea_id: int, now: datetime, *, held: bool) -> None:
    await tx.execute(
        "UPDATE pair_ideas SET invited_at = ?, held = ? WHERE id = ?",
        (to_ts(now), int(held), pair_idea_id),
    )


async def answer(tx: Tx, pair_idea_id: int, accepted: bool, now: datetime) -> None:
    await tx.execute(
        "UPDATE pair_ideas SET answer = ?, answered_at = ? WHERE id = ?",
        ("in" if accepted else "later", to_ts(now), pair_idea_id),
    )


async def take_held_invitations(tx: Tx, pair_id: int) -> list[Row]:
    """Invitations a pause held, oldest first; they are no longer held."""
    rows = await tx.all(
        "SELECT * FROM pair_ideas WHERE pair_id = ? AND held = 1 ORDER BY id", (pair_id,)
    )
    await tx.execute("UPDATE pair_ideas SET held = 0 WHERE pair_id = ? AND held = 1", (pair_id,))
    return rows


async def plan_story(tx: Tx, pair_idea_id: int, user_id: int, ask_at: datetime) -> None:
    await tx.execute(
        "INSERT INTO idea_stories (pair_idea_id, user_id, ask_at) VALUES (?, ?, ?)",
        (pair_idea_id, user_id, to_ts(ask_at)),
    )


async def due_stories(tx: Tx, now: datetime, limit: int) -> list[Row]:
    """The next `limit` "how was it?" questions due: one indexed query."""
    return await tx.all(
        "SELECT * FROM idea_stories WHERE ask_at <= ? ORDER BY ask_at LIMIT ?",
        (to_ts(now), limit),
    )


async def mark_asked(tx: Tx, pair_idea_id: int, user_id: int, *, held: bool) -> None:
    """Asked (or held by a pause): never due again."""
    await tx.execute(
        "UPDATE idea_stories SET ask_at = NULL, held = ? WHERE pair_idea_id = ? AND user_id = ?",
        (int(held), pair_idea_id, user_id),
    )


async def take_held_stories(tx: Tx, pair_id: int) -> list[Row]:
    """ "How was it?" questions a pause held for this pair; they are no longer held."""
    rows = await tx.all(
        "SELECT s.* FROM idea_stories s JOIN pair_ideas p ON p.id = s.pair_idea_id"
        " WHERE p.pair_id = ? AND s.held = 1 ORDER BY s.pair_idea_id, s.user_id",
        (pair_id,),
    )
    await tx.execute(
        "UPDATE idea_stories SET held = 0 WHERE held = 1 AND pair_idea_id IN"
        " (SELECT id FROM pair_ideas WHERE pair_id = ?)",
        (pair_id,),
    )
    return rows


async def stories_of(tx: Tx, pair_idea_id: int) -> dict[int, Row]:
    """Each partner's "how was it?" row, by user id."""
    rows = await tx.all("SELECT * FROM idea_stories WHERE pair_idea_id = ?", (pair_idea_id,))
    return {row["user_id"]: row for row in rows}


async def share(
    tx: Tx,
    pair_idea_id: int,
    user_id: int,
    text: str | None,
    media: str | None,
    message_id: int,
    now: datetime,
) -> None:
    await tx.execute(
        "UPDATE idea_stories SET text = ?, media = ?, message_id = ?, shared_at = ?"
        " WHERE pair_idea_id = ? AND user_id = ?",
        (text, media, message_id, to_ts(now), pair_idea_id, user_id),
    )


async def record_story_message(tx: Tx, user_id: int, message_id: int, pair_idea_id: int) -> None:
    """Remember which idea a sent "how was it?" asks about; nothing if the user or the idea is
    gone since it was queued (as for prompt messages)."""
    await tx.execute(
        "INSERT OR REPLACE INTO story_messages (user_id, message_id, pair_idea_id)"
        " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM users WHERE id = ?)"
        " AND EXISTS (SELECT 1 FROM pair_ideas WHERE id = ?)",
        (user_id, message_id, pair_idea_id, user_id, pair_idea_id),
    )


async def idea_of_story_message(tx: Tx, user_id: int, message_id: int) -> int | None:
    """The idea a "how was it?" message in the user's chat asks about; None for any other."""
    found = await tx.value(
        "SELECT pair_idea_id FROM story_messages WHERE user_id = ? AND message_id = ?",
        (user_id, message_id),
    )
    return int(found) if found is not None else None
