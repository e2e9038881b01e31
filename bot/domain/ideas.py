"""Ideas for time together: the values, which idea comes next, and when to ask how it went."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.domain.prompts import PairKind
from bot.domain.schedule import at_local, local_date

# Without an evening reminder time, "how was it?" comes at this local time the next day.
ASK_AT = time(19, 0)
MAX_IDEA_LENGTH = 280


class IdeaTag(StrEnum):
    AT_HOME = "at_home"
    OUT = "out"
    LONG_DISTANCE = "long_distance"
    FREE = "free"
    UNDER_AN_HOUR = "under_an_hour"


@dataclass(frozen=True)
class Idea:
    id: str
    text: str
    tags: frozenset[IdeaTag]
    audience: frozenset[PairKind]


@dataclass(frozen=True)
class IdeaBook:
    """Every idea, in file order."""

    ideas: tuple[Idea, ...]

    def for_pair(self, kind: PairKind) -> tuple[Idea, ...]:
        """The ideas meant for this kind of pair: friends never get couple-only ideas."""
        return tuple(idea for idea in self.ideas if kind in idea.audience)

    def idea(self, idea_id: str) -> Idea | None:
        return next((idea for idea in self.ideas if idea.id == idea_id), None)


# For services that offer no ideas (tests of other journeys).
NO_IDEAS = IdeaBook(())


class IdeaTap(StrEnum):
    """What became of a tap on an idea's button; anything but DONE changed nothing."""

    DONE = "done"
    GONE = "gone"  # not this user's to tap: another pair's, or never offered to them
    SENT = "sent"  # already sent to the partner
    ANSWERED = "answered"  # the invitation was answered already
    ENDED = "ended"  # the pair has ended


def choose_idea(pool: tuple[Idea, ...], offered: set[str], seed: int) -> Idea | None:
    """A fresh idea from `pool`, none of `offered`; None once the pool is used up (a new pass
    begins). The seed keeps the order the pair's own, not the file's."""
    fresh = [idea for idea in pool if idea.id not in offered]
    if not fresh:
        return None
    return random.Random(f"{seed}:{len(offered)}").choice(fresh)


def ask_how_it_went_at(accepted_at: datetime, tz: tzinfo, evening: time | None) -> datetime:
    """The next local day at the user's evening reminder time (or ASK_AT if reminders are off)."""
    tomorrow: date = local_date(accepted_at, tz) + timedelta(days=1)
    return at_local(tomorrow, evening or ASK_AT, tz)
