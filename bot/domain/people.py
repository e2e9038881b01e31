"""Users, pairs, rounds and answers as plain values."""

from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from bot.domain.awaiting import Awaiting
from bot.domain.prompts import PairKind, PromptKind

# What an answer, appreciation or follow-up is when it is not words alone.
MediaKind = Literal["voice", "video_note", "photo", "video"]


def media_kind(name: str | None) -> MediaKind | None:
    """The kind a media name stands for; None for words alone."""
    match name:
        case None:
            return None
        case "voice" | "video_note" | "photo" | "video":
            return name
    raise ValueError(f"no kind of media is called {name!r}")


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    language: str
    timezone: str
    prompt_time: time
    pair_id: int | None
    next_prompt_at: datetime | None
    last_prompt_at: datetime | None
    awaiting: Awaiting | None
    unreachable: bool
    reminder_time: time | None = None
    next_reminder_at: datetime | None = None
    reminder_round_id: int | None = None


@dataclass(frozen=True)
class Pair:
    id: int
    kind: PairKind
    seed: int
    created_at: datetime
    ended_at: datetime | None
    appreciation_every: int = 7
    guess_every: int = 7  # days between guess rounds; 0: never
    paused_by: int | None = None
    paused_until: datetime | None = None  # None while paused_by is set: until resumed
    pause_note: str | None = None

    @property
    def paused(self) -> bool:
        return self.paused_by is not None


@dataclass(frozen=True)
class Round:
    id: int
    pair_id: int
    prompt_id: str
    kind: PromptKind
    theme: str
    depth: int
    text: str
    opened_at: datetime
    revealed_at: datetime | None
    options: tuple[str, ...] = ()  # a guess round's own copy of its prompt's options


@dataclass(frozen=True)
class Answer:
    round_id: int
    user_id: int
    media: str | None
    text: str | None
    message_id: int
    answered_at: datetime
    file_id: str | None = None  # Telegram's, for media: the journal fetches the file by it
