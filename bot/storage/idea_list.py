"""SQL for the pair's list: the ideas both said yes to, newest first, a page at a time."""

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Tx, from_ts

# The pair's accepted ideas (`p` is one of them), and where the idea a page begins with stands.
_ACCEPTED = "p.pair_id = ? AND p.answer = 'in'"
_START = "(SELECT answered_at, id FROM pair_ideas WHERE id = ?)"


@dataclass(frozen=True)
class Listed:
    """An idea on the list: when it was accepted, and whether anyone shared how it went."""

    id: int
    idea_id: str
    accepted_at: datetime
    done: bool


async def page(tx: Tx, pair_id: int, start: int | None, size: int) -> list[Listed]:
    """Up to `size` accepted ideas of the pair, newest first, from `start` (the newest if None)
    on; a `start` that is not an accepted idea of this pair never comes first."""
    since = f"AND (p.answered_at, p.id) <= {_START}" if start is not None else ""
    rows = await tx.all(
        "SELECT p.id, p.idea_id, p.answered_at, EXISTS (SELECT 1 FROM idea_stories s"
        " WHERE s.pair_idea_id = p.id AND s.shared_at IS NOT NULL) AS done"
        f" FROM pair_ideas p WHERE {_ACCEPTED} {since}"
        " ORDER BY p.answered_at DESC, p.id DESC LIMIT ?",
        (pair_id, *([start] if start is not None else []), size),
    )
    return [Listed(r["id"], r["idea_id"], from_ts(r["answered_at"]), bool(r["done"])) for r in rows]


async def newer_page(tx: Tx, pair_id: int, start: int, size: int) -> int | None:
    """Where the page before `start`'s begins: `size` ideas newer, or the newest; None if
    `start` is the newest."""
    found = await tx.value(
        "SELECT id FROM (SELECT p.id, p.answered_at FROM pair_ideas p"
        f" WHERE {_ACCEPTED} AND (p.answered_at, p.id) > {_START}"
        " ORDER BY p.answered_at, p.id LIMIT ?) ORDER BY answered_at DESC, id DESC LIMIT 1",
        (pair_id, start, size),
    )
    return int(found) if found is not None else None


async def count(tx: Tx, pair_id: int) -> int:
    """How many ideas the pair has said yes to."""
    return int(await tx.value(f"SELECT COUNT(*) FROM pair_ideas p WHERE {_ACCEPTED}", (pair_id,)))
