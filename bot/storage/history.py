"""SQL for /history: one revealed round of a pair with its neighbours, and what was said on it."""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import Round
from bot.storage.db import Row, Tx, to_ts
from bot.storage.rounds import round_from_row

# The pair's revealed rounds in story order; `r` is the page's round, `o` another of the pair.
_REVEALED = "o.pair_id = r.pair_id AND o.revealed_at IS NOT NULL"
_BEFORE = "(o.revealed_at, o.id) < (r.revealed_at, r.id)"
_NEWEST_FIRST = "ORDER BY o.revealed_at DESC, o.id DESC LIMIT 1"

# One statement finds the page's round and, through the rounds_revealed index, the ids its
# buttons lead to: one seek each, however long the story is.
_PAGE = f"""
SELECT r.*,
    (SELECT o.id FROM rounds o WHERE {_REVEALED} AND {_BEFORE} {_NEWEST_FIRST}) AS older,
    (SELECT o.id FROM rounds o WHERE {_REVEALED} AND (o.revealed_at, o.id) > (r.revealed_at, r.id)
        ORDER BY o.revealed_at, o.id LIMIT 1) AS newer,
    (SELECT o.id FROM rounds o WHERE {_REVEALED} AND r.revealed_at > :month
        AND o.revealed_at <= :month {_NEWEST_FIRST}) AS month_ago,
    (SELECT o.id FROM rounds o WHERE {_REVEALED} AND r.revealed_at > :year
        AND o.revealed_at <= :year {_NEWEST_FIRST}) AS year_ago
FROM rounds r
"""


@dataclass(frozen=True)
class Page:
    """A revealed round and where its page's buttons lead (None: no such page)."""

    round: Round
    older: int | None
    newer: int | None
    month_ago: int | None  # the newest round revealed a month or more ago, if this one is newer
    year_ago: int | None


@dataclass(frozen=True)
class Said:
    """A follow-up about a round: who sent it, their words, and the kind of media, if any."""

    user_id: int
    text: str | None
    media: str | None


def _page(row: Row | None) -> Page | None:
    if row is None:
        return None
    return Page(round_from_row(row), row["older"], row["newer"], row["month_ago"], row["year_ago"])


def _cutoffs(month: datetime, year: datetime) -> dict[str, int]:
    return {"month": to_ts(month), "year": to_ts(year)}


async def newest_page(tx: Tx, pair_id: int, month: datetime, year: datetime) -> Page | None:
    """The pair's most recently revealed round; None if none is revealed yet."""
    row = await tx.one(
        f"{_PAGE} WHERE r.pair_id = :pair AND r.revealed_at IS NOT NULL"
        " ORDER BY r.revealed_at DESC, r.id DESC LIMIT 1",
        {"pair": pair_id, **_cutoffs(month, year)},
    )
    return _page(row)


async def page_of(
    tx: Tx, pair_id: int, round_id: int, month: datetime, year: datetime
) -> Page | None:
    """The round's page, if it is a revealed round of this pair; else None."""
    row = await tx.one(
        f"{_PAGE} WHERE r.id = :round AND r.pair_id = :pair AND r.revealed_at IS NOT NULL",
        {"round": round_id, "pair": pair_id, **_cutoffs(month, year)},
    )
    return _page(row)


async def reactions_on(tx: Tx, round_id: int) -> dict[int, str]:
    """Who reacted to their partner's answer, and with what."""
    rows = await tx.all("SELECT user_id, emoji FROM reactions WHERE round_id = ?", (round_id,))
    return {r["user_id"]: str(r["emoji"]) for r in rows}


async def follow_ups_on(tx: Tx, round_id: int) -> list[Said]:
    rows = await tx.all(
        "SELECT user_id, text, media FROM follow_ups WHERE round_id = ? ORDER BY id", (round_id,)
    )
    return [Said(r["user_id"], r["text"], r["media"]) for r in rows]
