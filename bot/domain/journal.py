"""Our journal: what one partner keeps of a pair (revealed rounds, appreciations); its rules."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.people import MediaKind
from bot.domain.prompts import PairKind, PromptKind

# After a pair ends, its revealed rounds stay this long so either can still export them.
KEEP_AFTER_END = timedelta(days=30)
# Exports per user in LIMIT_WINDOW: a journal is a keepsake, not a feed.
DAILY_EXPORTS = 3
LIMIT_WINDOW = timedelta(hours=24)
# What a bot may upload as one document.
UPLOAD_LIMIT = 50 * 1024 * 1024


@dataclass(frozen=True)
class Words:
    """An answer, a follow-up or an appreciation: words, media, or both (a caption).

    `by_reader` tells whose it is: the reader's own, or their partner's."""

    by_reader: bool
    at: datetime
    text: str | None
    media: MediaKind | None
    file_id: str | None = None  # kept for media answers since the journal came


@dataclass(frozen=True)
class JournalGuess:
    """On a guess round: the option one partner guessed the other picked, and whether they were
    right (None: the other's answer was deleted with their data)."""

    option: str
    right: bool | None


@dataclass(frozen=True)
class JournalRound:
    id: int
    kind: PromptKind
    theme: str  # as people read it ("Quality time")
    question: str  # as the pack has it, with {partner} unfilled
    revealed_at: datetime
    mine: Words | None  # None: the answer was deleted with its author's data
    theirs: Words | None
    reactions: tuple[tuple[bool, str], ...]  # (by the reader, emoji)
    follow_ups: tuple[Words, ...]
    my_guess: JournalGuess | None = None  # on guess rounds: the reader's guess of the partner's
    their_guess: JournalGuess | None = None


@dataclass(frozen=True)
class JournalAppreciation:
    id: int
    words: Words  # by_reader: the reader sent it
    reaction: str | None  # the recipient's


@dataclass(frozen=True)
class Journal:
    """Everything one partner may keep of a pair: only what both have seen."""

    pair_id: int
    kind: PairKind
    since: datetime
    ended: datetime | None
    reader_name: str
    partner_name: str | None  # None: the partner deleted their data
    timezone: str  # the reader's: dates are theirs
    made_at: datetime
    rounds: tuple[JournalRound, ...]  # oldest first
    appreciations: tuple[JournalAppreciation, ...]  # oldest first

    def media(self) -> list[tuple[JournalRound, Words]]:
        """Media answers with a file to fetch, in the order they were revealed."""
        return [
            (rnd, words)
            for rnd in self.rounds
            for words in (rnd.mine, rnd.theirs)
            if words is not None and words.file_id is not None
        ]


def kept(ended: datetime | None, now: datetime) -> bool:
    """Whether a pair's journal may still be exported: while it lasts, and a while after."""
    return ended is None or now - ended < KEEP_AFTER_END
