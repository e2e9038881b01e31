"""Notices: what a service wants one user told, as small values the outbox stores as JSON."""

import json
from dataclasses import asdict, dataclass, fields
from enum import IntEnum
from typing import Any, ClassVar, TypeVar


class Lane(IntEnum):
    """Interactive messages go ahead of bulk ones (the morning wave) under the same limits."""

    INTERACTIVE = 0
    BULK = 1


@dataclass(frozen=True)
class Notice:
    # Whether the message this becomes shows a round's prompt (a reply to it answers that round).
    shows_round: ClassVar[bool] = False

    @property
    def lane(self) -> Lane:
        return Lane.INTERACTIVE


@dataclass(frozen=True)
class OutboxItem:
    """One queued message: the notice, for whom, and its place in the queue."""

    id: int
    chat_id: int
    notice: Notice


_REGISTRY: dict[str, type[Notice]] = {}


N = TypeVar("N", bound=type[Notice])


def _notice(cls: N) -> N:
    _REGISTRY[cls.__name__] = cls
    return cls


def dump_notice(notice: Notice) -> str:
    return json.dumps({"type": type(notice).__name__, **asdict(notice)}, ensure_ascii=False)


def load_notice(raw: str) -> Notice:
    data: dict[str, Any] = json.loads(raw)
    cls = _REGISTRY[data.pop("type")]
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


# -- start, time and place ---------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class Welcome(Notice):
    first_name: str
    paired: bool


@_notice
@dataclass(frozen=True)
class AskTime(Notice):
    current: str
    onboarding: bool = False


@_notice
@dataclass(frozen=True)
class AskTimezone(Notice):
    current: str


@_notice
@dataclass(frozen=True)
class ScheduleSet(Notice):
    time: str
    timezone: str
    next_day: str  # "today" | "tomorrow" | an ISO date; "" when not paired
    paired: bool
    paused: bool = False
    paused_until: str | None = None  # ISO local; None while paused until resumed


@_notice
@dataclass(frozen=True)
class BadTime(Notice):
    pass


@_notice
@dataclass(frozen=True)
class BadTimezone(Notice):
    pass


@_notice
@dataclass(frozen=True)
class Help(Notice):
    pass


@_notice
@dataclass(frozen=True)
class PrivateOnly(Notice):
    pass


# -- pairing ------------------------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class InviteLink(Notice):
    code: str
    hours: int


@_notice
@dataclass(frozen=True)
class InviteCard(Notice):
    inviter_name: str
    code: str


@_notice
@dataclass(frozen=True)
class InviteOffer(Notice):
    code: str
    inviter_name: str


@_notice
@dataclass(frozen=True)
class InviteProblem(Notice):
    # unknown | expired | used | own | you_paired | inviter_paired | wait
    reason: str
    partner_name: str = ""


@_notice
@dataclass(frozen=True)
class InviteDeclined(Notice):
    invitee_name: str


@_notice
@dataclass(frozen=True)
class DeclineNoted(Notice):
    inviter_name: str


@_notice
@dataclass(frozen=True)
class PartnerUnreachable(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class PartnerBack(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class Paired(Notice):
    partner_name: str
    time: str
    timezone: str
    next_day: str


@_notice
@dataclass(frozen=True)
class NotPaired(Notice):
    pass


# -- rounds -------------------------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class PromptMessage(Notice):
    shows_round: ClassVar[bool] = True
    round_id: int
    text: str
    kind: str
    theme: str
    can_swap: bool
    scheduled: bool
    asked_by: str | None = None  # a pair's own question: "" if the reader wrote it, else a name

    @property
    def lane(self) -> Lane:
        return Lane.BULK if self.scheduled else Lane.INTERACTIVE


@_notice
@dataclass(frozen=True)
class TodayAgain(Notice):
    shows_round: ClassVar[bool] = True
    round_id: int
    text: str
    kind: str
    theme: str
    status: str  # "open" | "answered" | "revealed"
    partner_name: str
    can_swap: bool
    asked_by: str | None = None


@_notice
@dataclass(frozen=True)
class AnswerSaved(Notice):
    partner_name: str
    replaced: bool


@_notice
@dataclass(frozen=True)
class Reveal(Notice):
    round_id: int
    question: str
    partner_name: str
    answer_text: str | None  # None: the answer follows as a copied message or on its own
    media: str | None
    reactions: bool = True


@_notice
@dataclass(frozen=True)
class Relay(Notice):
    """A copy of a partner's own message: a voice answer, a photo appreciation."""

    from_chat_id: int
    message_id: int
    partner_name: str


@_notice
@dataclass(frozen=True)
class RevealLongText(Notice):
    text: str


# Telegram's limit for one message; words longer than INLINE_LIMIT go below their heading.
MESSAGE_LIMIT = 4096
INLINE_LIMIT = 3500


def long_text(text: str) -> list[Notice]:
    """Words too long to sit under a heading: messages of their own, whole, in order."""
    return [RevealLongText(text[i : i + MESSAGE_LIMIT]) for i in range(0, len(text), MESSAGE_LIMIT)]


@_notice
@dataclass(frozen=True)
class ButtonGone(Notice):
    pass


@_notice
@dataclass(frozen=True)
class AnswerLocked(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class NoOpenRound(Notice):
    pass


@_notice
@dataclass(frozen=True)
class RoundClosed(Notice):
    pass


@_notice
@dataclass(frozen=True)
class NotRegistered(Notice):
    pass


@_notice
@dataclass(frozen=True)
class UnsupportedAnswer(Notice):
    pass


@_notice
@dataclass(frozen=True)
class SwapRefused(Notice):
    pass


@_notice
@dataclass(frozen=True)
class MediaGone(Notice):
    partner_name: str
    deleted: bool = True  # False: the copy kept failing on Telegram's side


# -- responding to a reveal ---------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class Reacted(Notice):
    """The partner reacted to your revealed answer."""

    partner_name: str
    emoji: str
    question: str


@_notice
@dataclass(frozen=True)
class FollowUpAsk(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class FollowUp(Notice):
    round_id: int
    partner_name: str
    question: str
    text: str | None
    media: str | None


@_notice
@dataclass(frozen=True)
class FollowUpSent(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class PairEnded(Notice):
    pass


@_notice
@dataclass(frozen=True)
class Reminder(Notice):
    shows_round: ClassVar[bool] = True
    round_id: int
    question: str
    partner_name: str
    partner_answered: bool


# -- appreciation -------------------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class AppreciateMenu(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class AppreciateAsk(Notice):
    partner_name: str
    starter: str


@_notice
@dataclass(frozen=True)
class Appreciation(Notice):
    appreciation_id: int
    partner_name: str
    text: str | None
    media: str | None


@_notice
@dataclass(frozen=True)
class AppreciationSent(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class AppreciationHeld(Notice):
    partner_name: str
    until: str | None  # ISO local date the pause ends, or None: until resumed


@_notice
@dataclass(frozen=True)
class AppreciationLimit(Notice):
    limit: int


@_notice
@dataclass(frozen=True)
class AppreciationReacted(Notice):
    partner_name: str
    emoji: str


@_notice
@dataclass(frozen=True)
class HeldDropped(Notice):
    partner_name: str
    count: int


# -- space --------------------------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class PauseMenu(Notice):
    pass


@_notice
@dataclass(frozen=True)
class Paused(Notice):
    until: str | None  # ISO local date, or None: until resumed
    note: str | None


@_notice
@dataclass(frozen=True)
class PartnerPaused(Notice):
    partner_name: str
    until: str | None
    note: str | None


@_notice
@dataclass(frozen=True)
class PauseOver(Notice):
    by_name: str | None  # who ended it early; None: it ran its course
    next_day: str
    time: str


@_notice
@dataclass(frozen=True)
class PauseNotYours(Notice):
    partner_name: str
    until: str | None


@_notice
@dataclass(frozen=True)
class NotPausedNow(Notice):
    pass


@_notice
@dataclass(frozen=True)
class BadPause(Notice):
    pass


# -- settings and leaving -----------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class SettingsMenu(Notice):
    time: str
    timezone: str
    reminder: str | None
    pair_kind: str | None
    appreciation_every: int | None


@_notice
@dataclass(frozen=True)
class AskReminder(Notice):
    current: str | None


@_notice
@dataclass(frozen=True)
class ReminderSet(Notice):
    time: str | None


@_notice
@dataclass(frozen=True)
class AskPairKind(Notice):
    current: str


@_notice
@dataclass(frozen=True)
class PairKindSet(Notice):
    kind: str
    by_name: str | None  # set by the partner; None: by you


@_notice
@dataclass(frozen=True)
class AskCadence(Notice):
    current: int


@_notice
@dataclass(frozen=True)
class CadenceSet(Notice):
    days: int
    by_name: str | None


@_notice
@dataclass(frozen=True)
class PacksMenu(Notice):
    packs: tuple[tuple[str, str, bool], ...]  # (id, name, on) in library order


@_notice
@dataclass(frozen=True)
class PackSet(Notice):
    name: str
    on: bool
    by_name: str | None  # None: the reader changed it


@_notice
@dataclass(frozen=True)
class LastPackStays(Notice):
    name: str


# -- their own question ------------------------------------------------------------------------


@_notice
@dataclass(frozen=True)
class AskOwnQuestion(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class OwnQuestionLength(Notice):
    length: int
    limit: int
    too_long: bool


@_notice
@dataclass(frozen=True)
class OwnQuestionsFull(Notice):
    limit: int


@_notice
@dataclass(frozen=True)
class OwnQuestionSaved(Notice):
    partner_name: str
    ahead: int  # questions of theirs still waiting before this one
    round_open: bool


@_notice
@dataclass(frozen=True)
class OwnQuestionNeedsWords(Notice):
    pass


@_notice
@dataclass(frozen=True)
class UnpairConfirm(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class Unpaired(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class PartnerUnpaired(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class DeleteConfirm(Notice):
    pass


@_notice
@dataclass(frozen=True)
class DataDeleted(Notice):
    pass


@_notice
@dataclass(frozen=True)
class PartnerLeft(Notice):
    partner_name: str


@_notice
@dataclass(frozen=True)
class Cancelled(Notice):
    pass
