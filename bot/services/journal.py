"""Our journal: /export within the daily limit, what goes in it, and forgetting ended pairs."""

import logging
from datetime import datetime

from bot.domain import notices as n
from bot.domain.journal import (
    DAILY_EXPORTS,
    KEEP_AFTER_END,
    LIMIT_WINDOW,
    Journal,
    JournalAppreciation,
    JournalGuess,
    JournalRound,
    Words,
    kept,
)
from bot.domain.people import Pair, media_kind
from bot.domain.prompts import THEMES, PromptKind
from bot.services.deps import Deps
from bot.services.work import Work, begin
from bot.storage import journal as store
from bot.storage.db import Row, Tx, from_ts
from bot.storage.pairs import get_pair
from bot.storage.users import get_user

log = logging.getLogger(__name__)

# Ended pairs deleted per tick.
FORGET_BATCH = 20


async def _exportable(work: Work, user_id: int, pair_id: int | None) -> Pair:
    """The pair whose journal the user asks for: the one a button names, else their current or
    most recent pair; one never theirs or no longer kept is refused, and the work stops."""
    if pair_id is None:
        pair = await store.latest_pair(work.tx, user_id)
    elif await store.was_member(work.tx, pair_id, user_id):
        pair = await get_pair(work.tx, pair_id)
    else:
        pair = None  # a forged button, or a pair already forgotten: the same answer
    if pair is None or not kept(pair.ended_at, work.now):
        await work.refuse(user_id, n.NoJournal(KEEP_AFTER_END.days))
    return pair


def _words(row: Row, author_id: int, reader_id: int, at: str, file_id: str | None = None) -> Words:
    return Words(
        by_reader=author_id == reader_id,
        at=from_ts(row[at]),
        text=row["text"],
        media=media_kind(row["media"]),
        file_id=file_id,
    )


async def read_journal(tx: Tx, pair_id: int, reader_id: int, now: datetime) -> Journal | None:
    """What the reader may keep of the pair: revealed rounds and delivered appreciations; None
    if the pair is no longer kept or was never theirs."""
    pair = await get_pair(tx, pair_id)
    reader = await get_user(tx, reader_id)
    if pair is None or reader is None or not kept(pair.ended_at, now):
        return None
    if not await store.was_member(tx, pair_id, reader_id):
        return None
    partner = await store.other_member(tx, pair_id, reader_id)
    answers: dict[tuple[int, bool], Words] = {}
    for row in await store.revealed_answers(tx, pair_id):
        words = _words(row, row["user_id"], reader_id, "answered_at", row["file_id"])
        answers[(row["round_id"], words.by_reader)] = words
    # A guess round's answers are the options tapped, each with its guess of the other's.
    guesses: dict[tuple[int, bool], JournalGuess] = {}
    for row in await store.revealed_guesses(tx, pair_id):
        words = _words(row, row["user_id"], reader_id, "at")
        answers[(row["round_id"], words.by_reader)] = words
        if row["guessed"] is not None:
            right = None if row["guessed_right"] is None else bool(row["guessed_right"])
            guesses[(row["round_id"], words.by_reader)] = JournalGuess(row["guessed"], right)
    reactions: dict[int, list[tuple[bool, str]]] = {}
    for row in await store.reactions(tx, pair_id):
        reactions.setdefault(row["round_id"], []).append(
            (row["user_id"] == reader_id, row["emoji"])
        )
    follow_ups: dict[int, list[Words]] = {}
    for row in await store.follow_ups(tx, pair_id):
        follow_ups.setdefault(row["round_id"], []).append(
            _words(row, row["user_id"], reader_id, "at")
        )
    rounds = tuple(
        JournalRound(
            id=row["id"],
            kind=PromptKind(row["kind"]),
            theme=THEMES.get(row["theme"], row["theme"]),
            question=row["text"],
            revealed_at=from_ts(row["revealed_at"]),
            mine=answers.get((row["id"], True)),
            theirs=answers.get((row["id"], False)),
            reactions=tuple(reactions.get(row["id"], ())),
            follow_ups=tuple(follow_ups.get(row["id"], ())),
            my_guess=guesses.get((row["id"], True)),
            their_guess=guesses.get((row["id"], False)),
        )
        for row in await store.revealed_rounds(tx, pair_id)
    )
    appreciations = tuple(
        JournalAppreciation(
            row["id"], _words(row, row["sender_id"], reader_id, "created_at"), row["reaction"]
        )
        for row in await store.delivered_appreciations(tx, pair_id)
    )
    return Journal(
        pair_id=pair.id,
        kind=pair.kind,
        since=pair.created_at,
        ended=pair.ended_at,
        reader_name=reader.first_name,
        partner_name=partner.first_name if partner else None,
        timezone=reader.timezone,
        made_at=now,
        rounds=rounds,
        appreciations=appreciations,
    )


class Journals:
    """/export and the "Get our journal first" button."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def export(self, user_id: int, pair_id: int | None = None) -> None:
        """Queue the pair's journal for the user (made when it is sent), within the daily limit."""
        async with begin(self._deps) as work:
            await work.user(user_id)
            pair = await _exportable(work, user_id, pair_id)
            if (
                await store.exports_since(work.tx, user_id, work.now - LIMIT_WINDOW)
                >= DAILY_EXPORTS
            ):
                await work.refuse(user_id, n.ExportLimit(DAILY_EXPORTS))
            await store.record_export(work.tx, user_id, work.now)
            await work.tell(user_id, n.JournalFile(pair.id, user_id))
            log.info("journal of pair %s queued for user %s", pair.id, user_id)

    async def forget_ended_pairs(self) -> int:
        """Delete pairs ended more than KEEP_AFTER_END ago, with all they held; how many."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            # The rest wait for the next tick, a few seconds away.
            gone = await store.delete_pairs_ended_before(tx, now - KEEP_AFTER_END, FORGET_BATCH)
        for pair_id in gone:
            log.info(
                "pair %s ended %d days ago: its rounds are deleted", pair_id, KEEP_AFTER_END.days
            )
        return len(gone)
