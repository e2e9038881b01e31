"""What a user's next plain message is expected to be, and the word that stores it."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AwaitingTime:
    """A daily prompt time, typed after choosing "another time"."""


@dataclass(frozen=True)
class AwaitingTimezone:
    """A timezone, typed after choosing "somewhere else"."""


@dataclass(frozen=True)
class AwaitingAppreciation:
    """The words of an appreciation, after a starter (its index) or none (free words)."""

    starter: int | None = None


@dataclass(frozen=True)
class AwaitingQuestion:
    """The pair's own next question, after `/ask` alone or one that did not fit."""


@dataclass(frozen=True)
class AwaitingFollowUp:
    """A message for the partner about a revealed round, after "Reply" under it."""

    round_id: int


@dataclass(frozen=True)
class AwaitingStory:
    """A line or a photo on how an idea went, after "Share how it went" under "how was it?"."""

    pair_idea_id: int


Awaiting = (
    AwaitingTime
    | AwaitingTimezone
    | AwaitingAppreciation
    | AwaitingQuestion
    | AwaitingFollowUp
    | AwaitingStory
)

_WORDS: dict[str, Awaiting] = {
    "time": AwaitingTime(),
    "timezone": AwaitingTimezone(),
    "appreciate": AwaitingAppreciation(),
    "ask": AwaitingQuestion(),
}
# A number as `encode` writes it: ASCII digits ("²".isdigit() is true, int("²") fails), no
# leading zero, and few enough for SQLite's 64-bit integers.
_NUMBER = re.compile(r"0|[1-9][0-9]{0,17}")


def encode(awaiting: Awaiting) -> str:
    """The word stored in users.awaiting: `time`, `timezone`, `ask`, `appreciate[:<starter>]`
    `reply:<round id>` or `story:<pair idea id>`."""
    match awaiting:
        case AwaitingTime():
            return "time"
        case AwaitingTimezone():
            return "timezone"
        case AwaitingAppreciation(starter=None):
            return "appreciate"
        case AwaitingAppreciation(starter=starter):
            return f"appreciate:{starter}"
        case AwaitingQuestion():
            return "ask"
        case AwaitingFollowUp(round_id=round_id):
            return f"reply:{round_id}"
        case AwaitingStory(pair_idea_id=pair_idea_id):
            return f"story:{pair_idea_id}"


def decode(stored: str | None) -> Awaiting | None:
    """What a stored word says is awaited; None for nothing, and for any word `encode` does
    not write (then the next message is simply an answer)."""
    if stored is None:
        return None
    kind, colon, detail = stored.partition(":")
    if not colon:
        return _WORDS.get(kind)
    if _NUMBER.fullmatch(detail) is None:
        return None
    if kind == "appreciate":
        return AwaitingAppreciation(int(detail))
    if kind == "reply":
        return AwaitingFollowUp(int(detail))
    if kind == "story":
        return AwaitingStory(int(detail))
    return None
