"""Notices: what a service wants one user told, as small values the outbox stores as JSON."""

import json
from dataclasses import asdict, dataclass, fields, is_dataclass
from enum import IntEnum, StrEnum
from typing import Any, ClassVar, Literal, TypeAlias, get_args, get_type_hints

from bot.domain.people import MediaKind
from bot.domain.prompts import PairKind, PromptKind
from bot.domain.week import DayMark, MemoryAgo


class Lane(IntEnum):
    """Interactive messages go ahead of bulk ones (the morning wave) under the same limits."""

    INTERACTIVE = 0
    BULK = 1


@dataclass(frozen=True)
class BaseNotice:
    """What every notice shares; `Notice`, at the end, is the union of them all."""

    # Whether the message this becomes shows a round's prompt (a reply to it answers that round).
    shows_round: ClassVar[bool] = False

    @property
    def lane(self) -> Lane:
        return Lane.INTERACTIVE


# -- start, time and place ---------------------------------------------------------------------


@dataclass(frozen=True)
class Welcome(BaseNotice):
    first_name: str
    paired: bool


@dataclass(frozen=True)
class AskTime(BaseNotice):
    current: str
    onboarding: bool = False


@dataclass(frozen=True)
class AskTimezone(BaseNotice):
    current: str


@dataclass(frozen=True)
class ScheduleSet(BaseNotice):
    time: str
    timezone: str
    next_day: str  # "today" | "tomorrow" | an ISO date; "" when not paired
    paired: bool
    paused: bool = False
    paused_until: str | None = None  # ISO local; None while paused until resumed


@dataclass(frozen=True)
class BadTime(BaseNotice):
    pass


@dataclass(frozen=True)
class BadTimezone(BaseNotice):
    pass


@dataclass(frozen=True)
class Help(BaseNotice):
    pass


@dataclass(frozen=True)
class PrivateOnly(BaseNotice):
    pass


# -- pairing ------------------------------------------------------------------------------------

InviteProblemReason = Literal[
    "unknown", "expired", "used", "own", "you_paired", "inviter_paired", "wait"
]


@dataclass(frozen=True)
class InviteLink(BaseNotice):
    code: str
    hours: int


@dataclass(frozen=True)
class InviteCard(BaseNotice):
    inviter_name: str
    code: str


@dataclass(frozen=True)
class InviteOffer(BaseNotice):
    code: str
    inviter_name: str


@dataclass(frozen=True)
class InviteProblem(BaseNotice):
    reason: InviteProblemReason
    partner_name: str = ""


@dataclass(frozen=True)
class InviteDeclined(BaseNotice):
    invitee_name: str


@dataclass(frozen=True)
class DeclineNoted(BaseNotice):
    inviter_name: str


@dataclass(frozen=True)
class PartnerUnreachable(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class PartnerBack(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class Paired(BaseNotice):
    partner_name: str
    time: str
    timezone: str
    next_day: str


@dataclass(frozen=True)
class NotPaired(BaseNotice):
    pass


# -- rounds -------------------------------------------------------------------------------------

# How today's round stands for the one who asks again: "answered" by them, not yet by both.
RoundStatus = Literal["open", "answered", "revealed"]


@dataclass(frozen=True)
class PromptMessage(BaseNotice):
    shows_round: ClassVar[bool] = True
    round_id: int
    text: str
    kind: PromptKind
    theme: str
    can_swap: bool
    scheduled: bool
    asked_by: str | None = None  # a pair's own question: "" if the reader wrote it, else a name
    options: tuple[str, ...] = ()  # a guess round's: tapped, not typed

    @property
    def lane(self) -> Lane:
        return Lane.BULK if self.scheduled else Lane.INTERACTIVE


@dataclass(frozen=True)
class TodayAgain(BaseNotice):
    shows_round: ClassVar[bool] = True
    round_id: int
    text: str
    kind: PromptKind
    theme: str
    status: RoundStatus
    partner_name: str
    can_swap: bool
    asked_by: str | None = None
    options: tuple[str, ...] = ()  # a guess round's: tapped, not typed


@dataclass(frozen=True)
class AnswerSaved(BaseNotice):
    partner_name: str
    replaced: bool


@dataclass(frozen=True)
class Reveal(BaseNotice):
    round_id: int
    question: str
    partner_name: str
    answer_text: str | None  # None: the answer follows as a copied message or on its own
    media: MediaKind | None


@dataclass(frozen=True)
class Relay(BaseNotice):
    """A copy of a partner's own message: a voice answer, a photo appreciation."""

    from_chat_id: int
    message_id: int
    partner_name: str
    again: bool = False  # shown again from /history, not at the reveal


@dataclass(frozen=True)
class RevealLongText(BaseNotice):
    text: str


# Telegram's limit for one message; words longer than INLINE_LIMIT go below their heading.
MESSAGE_LIMIT = 4096
INLINE_LIMIT = 3500


def long_text(text: str) -> "list[Notice]":
    """Words too long to sit under a heading: messages of their own, whole, in order."""
    return [RevealLongText(text[i : i + MESSAGE_LIMIT]) for i in range(0, len(text), MESSAGE_LIMIT)]


@dataclass(frozen=True)
class ButtonGone(BaseNotice):
    pass


@dataclass(frozen=True)
class AnswerLocked(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class NoOpenRound(BaseNotice):
    pass


@dataclass(frozen=True)
class RoundClosed(BaseNotice):
    pass


@dataclass(frozen=True)
class NotRegistered(BaseNotice):
    pass


@dataclass(frozen=True)
class UnsupportedAnswer(BaseNotice):
    pass


@dataclass(frozen=True)
class SwapRefused(BaseNotice):
    pass


@dataclass(frozen=True)
class MediaGone(BaseNotice):
    partner_name: str
    deleted: bool = True  # False: the copy kept failing on Telegram's side
    again: bool = False  # asked for again from /history


# -- responding to a reveal ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reacted(BaseNotice):
    """The partner reacted to your revealed answer."""

    partner_name: str
    emoji: str
    question: str


@dataclass(frozen=True)
class FollowUpAsk(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class FollowUp(BaseNotice):
    round_id: int
    partner_name: str
    question: str
    text: str | None
    media: MediaKind | None


@dataclass(frozen=True)
class FollowUpSent(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class PairEnded(BaseNotice):
    pass


@dataclass(frozen=True)
class Reminder(BaseNotice):
    shows_round: ClassVar[bool] = True
    round_id: int
    question: str
    partner_name: str
    partner_answered: bool
    options: tuple[str, ...] = ()  # a guess round's, to tap from the reminder itself


# -- guess rounds (issue 12) --------------------------------------------------------------------


@dataclass(frozen=True)
class GuessAsk(BaseNotice):
    """The reader tapped their own answer: now their guess of the partner's."""

    round_id: int
    question: str
    partner_name: str
    options: tuple[str, ...]
    own: int


@dataclass(frozen=True)
class GuessWaiting(BaseNotice):
    """Both taps are in; the partner's are not yet."""

    partner_name: str
    own: str
    guess: str


@dataclass(frozen=True)
class GuessReveal(BaseNotice):
    """Both answers and both guesses, as the reader sees them."""

    round_id: int
    question: str
    partner_name: str
    my_answer: str
    my_guess: str
    their_answer: str
    their_guess: str
    # Right guesses of each other this month, both partners together, this round included;
    # None when this is the month's first guess round (no history to speak of yet).
    right: int | None = None
    made: int | None = None


@dataclass(frozen=True)
class GuessNeedsTap(BaseNotice):
    """Words sent while a guess round waits for taps."""


@dataclass(frozen=True)
class AskGuessCadence(BaseNotice):
    current: int


@dataclass(frozen=True)
class GuessCadenceSet(BaseNotice):
    days: int
    by_name: str | None  # set by the partner; None: by you


# -- appreciation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppreciateMenu(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class AppreciateAsk(BaseNotice):
    partner_name: str
    starter: str


@dataclass(frozen=True)
class Appreciation(BaseNotice):
    appreciation_id: int
    partner_name: str
    text: str | None
    media: MediaKind | None


@dataclass(frozen=True)
class AppreciationSent(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class AppreciationHeld(BaseNotice):
    partner_name: str
    until: str | None  # ISO local date the pause ends, or None: until resumed


@dataclass(frozen=True)
class AppreciationLimit(BaseNotice):
    limit: int


@dataclass(frozen=True)
class AppreciationReacted(BaseNotice):
    partner_name: str
    emoji: str


@dataclass(frozen=True)
class HeldDropped(BaseNotice):
    partner_name: str
    count: int


# -- space --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PauseMenu(BaseNotice):
    pass


@dataclass(frozen=True)
class Paused(BaseNotice):
    until: str | None  # ISO local date, or None: until resumed
    note: str | None


@dataclass(frozen=True)
class PartnerPaused(BaseNotice):
    partner_name: str
    until: str | None
    note: str | None


@dataclass(frozen=True)
class PauseOver(BaseNotice):
    by_name: str | None  # who ended it early; None: it ran its course
    next_day: str
    time: str


@dataclass(frozen=True)
class PauseNotYours(BaseNotice):
    partner_name: str
    until: str | None


@dataclass(frozen=True)
class NotPausedNow(BaseNotice):
    pass


@dataclass(frozen=True)
class BadPause(BaseNotice):
    pass


# -- the weekly recap ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WeeklyRecap(BaseNotice):
    """The picture of a pair's week (drawn once per pair, week and look, then sent by file_id)
    and an invitation to look back, with a round of a year or a month ago when there is one."""

    pair_id: int
    week: str  # the ISO date of the week's first day
    days: tuple[DayMark, ...]
    reactions: int
    appreciations: int
    themes: tuple[str, ...]
    streak: int
    memory_ago: MemoryAgo | None = None
    memory_question: str | None = None

    @property
    def lane(self) -> Lane:
        return Lane.BULK


@dataclass(frozen=True)
class AskRecapDay(BaseNotice):
    weekday: int | None
    time: str | None


@dataclass(frozen=True)
class AskRecapTime(BaseNotice):
    weekday: int


@dataclass(frozen=True)
class RecapSet(BaseNotice):
    weekday: int | None  # None: off
    time: str | None


# -- settings and leaving -----------------------------------------------------------------------


@dataclass(frozen=True)
class SettingsMenu(BaseNotice):
    time: str
    timezone: str
    reminder: str | None
    pair_kind: PairKind | None
    appreciation_every: int | None
    recap_day: int | None = None  # 0 Monday … 6 Sunday; None: recaps off
    recap_time: str | None = None
    guess_every: int | None = None  # days between guess rounds (issue 12); None: not paired


@dataclass(frozen=True)
class AskReminder(BaseNotice):
    current: str | None


@dataclass(frozen=True)
class ReminderSet(BaseNotice):
    time: str | None


@dataclass(frozen=True)
class AskPairKind(BaseNotice):
    current: PairKind


@dataclass(frozen=True)
class PairKindSet(BaseNotice):
    kind: PairKind
    by_name: str | None  # set by the partner; None: by you


@dataclass(frozen=True)
class AskCadence(BaseNotice):
    current: int


@dataclass(frozen=True)
class CadenceSet(BaseNotice):
    days: int
    by_name: str | None


@dataclass(frozen=True)
class PacksMenu(BaseNotice):
    packs: tuple[tuple[str, str, bool], ...]  # (id, name, on) in library order
    # Packs that need both partners which the reader turned on and the partner has not yet.
    waiting: tuple[str, ...] = ()
    partner_name: str = ""


class ConsentStep(StrEnum):
    """What became of a pack that needs both partners, as one partner is told it."""

    WAITING = "waiting"  # you said yes; it starts once your partner does too
    OFFERED = "offered"  # your partner said yes; it is there if you'd like it (told once)
    ON = "on"  # you both said yes
    WITHDRAWN = "withdrawn"  # you took back your yes before your partner gave theirs
    OFF = "off"  # you turned it off for you both
    PARTNER_OFF = "partner_off"  # it is off for you both now (your partner turned it off)


@dataclass(frozen=True)
class PackConsent(BaseNotice):
    name: str
    step: ConsentStep
    partner_name: str


@dataclass(frozen=True)
class PackSet(BaseNotice):
    name: str
    on: bool
    by_name: str | None  # None: the reader changed it


@dataclass(frozen=True)
class LastPackStays(BaseNotice):
    name: str


# -- their own question ------------------------------------------------------------------------


@dataclass(frozen=True)
class AskOwnQuestion(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class OwnQuestionLength(BaseNotice):
    length: int
    limit: int
    too_long: bool


@dataclass(frozen=True)
class OwnQuestionsFull(BaseNotice):
    limit: int


@dataclass(frozen=True)
class OwnQuestionSaved(BaseNotice):
    partner_name: str
    ahead: int  # questions of theirs still waiting before this one
    round_open: bool


@dataclass(frozen=True)
class OwnQuestionNeedsWords(BaseNotice):
    pass


@dataclass(frozen=True)
class UnpairConfirm(BaseNotice):
    partner_name: str
    pair_id: int | None = None  # for "Get our journal first"; rows queued before it had none


@dataclass(frozen=True)
class Unpaired(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class PartnerUnpaired(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class DeleteConfirm(BaseNotice):
    pass


@dataclass(frozen=True)
class DataDeleted(BaseNotice):
    pass


@dataclass(frozen=True)
class PartnerLeft(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class Cancelled(BaseNotice):
    pass


# -- our story ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastAnswer:
    """One answer on a history page."""

    author_id: int
    name: str
    text: str | None  # the words, or the caption of media
    media: MediaKind | None
    reaction: str | None  # the partner's reaction to it
    guess: str | None = None  # on a guess round: the option they guessed the partner picked


@dataclass(frozen=True)
class PastFollowUp:
    """A follow-up on a history page."""

    name: str
    text: str | None
    media: MediaKind | None


@dataclass(frozen=True)
class HistoryPage(BaseNotice):
    """One revealed round, as /history shows it; the other fields are rounds its buttons open."""

    round_id: int
    day: str  # ISO local date of the reveal, in the reader's zone
    question: str
    answers: tuple[PastAnswer, ...]
    follow_ups: tuple[PastFollowUp, ...]
    older: int | None
    newer: int | None
    month_ago: int | None
    year_ago: int | None


@dataclass(frozen=True)
class HistoryEmpty(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class Stats(BaseNotice):
    partner_name: str
    days_together: int
    rounds_together: int
    appreciations_sent: int
    appreciations_received: int
    themes: int
    themes_total: int
    deepest: int  # the depth (1–3) of the deepest question answered together; 0: none yet
    weeks_in_a_row: int
    week_together: int
    week_opened: int


# -- our journal -------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalFile(BaseNotice):
    """The journal of pair `pair_id` as `reader_id` keeps it: made when it is sent, so it
    holds what is kept then (nothing deleted meanwhile), and a crash before sending loses
    nothing but the time it took."""

    pair_id: int
    reader_id: int


@dataclass(frozen=True)
class NoJournal(BaseNotice):
    days: int  # how long a journal is kept after a pair ends


@dataclass(frozen=True)
class ExportLimit(BaseNotice):
    limit: int


# -- ideas for time together (issue 12) --------------------------------------------------------


@dataclass(frozen=True)
class IdeaOffer(BaseNotice):
    pair_idea_id: int
    text: str
    partner_name: str


@dataclass(frozen=True)
class IdeaInvitation(BaseNotice):
    pair_idea_id: int
    partner_name: str  # who invites
    text: str


@dataclass(frozen=True)
class IdeaSent(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class IdeaHeld(BaseNotice):
    partner_name: str
    until: str | None  # ISO local, or None: until resumed


@dataclass(frozen=True)
class IdeaAnswered(BaseNotice):
    """The partner said "I'm in" or "Another time" to your invitation."""

    partner_name: str
    text: str
    accepted: bool


@dataclass(frozen=True)
class IdeaAnswerNoted(BaseNotice):
    """Your own answer to an invitation, acknowledged."""

    partner_name: str
    accepted: bool


@dataclass(frozen=True)
class HowWasIt(BaseNotice):
    pair_idea_id: int
    text: str
    partner_name: str


@dataclass(frozen=True)
class StoryAsk(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class StorySaved(BaseNotice):
    partner_name: str
    replaced: bool


@dataclass(frozen=True)
class StoryReveal(BaseNotice):
    idea: str
    partner_name: str
    text: str | None  # None: the story follows as a copied message or on its own
    media: MediaKind | None


@dataclass(frozen=True)
class StoryLocked(BaseNotice):
    partner_name: str


@dataclass(frozen=True)
class StoryGone(BaseNotice):
    """A story for an idea of a pair that has ended."""


@dataclass(frozen=True)
class StoryNeedsWords(BaseNotice):
    """A sticker or the like as a story: only a line or media is kept."""


@dataclass(frozen=True)
class ListedIdea:
    """One idea on the pair's list."""

    text: str  # "" for an idea taken out of the pack since
    day: str  # ISO local date it was accepted, in the reader's zone
    done: bool  # someone has shared how it went


@dataclass(frozen=True)
class IdeaListPage(BaseNotice):
    """A page of the ideas both said yes to, newest first; `older`/`newer` begin other pages."""

    partner_name: str
    total: int
    ideas: tuple[ListedIdea, ...]
    older: int | None
    newer: int | None


@dataclass(frozen=True)
class IdeaListEmpty(BaseNotice):
    partner_name: str


# Every notice. Services may queue only these, and render.py must render each one.
Notice: TypeAlias = (
    Welcome
    | AskTime
    | AskTimezone
    | ScheduleSet
    | BadTime
    | BadTimezone
    | Help
    | PrivateOnly
    | InviteLink
    | InviteCard
    | InviteOffer
    | InviteProblem
    | InviteDeclined
    | DeclineNoted
    | PartnerUnreachable
    | PartnerBack
    | Paired
    | NotPaired
    | PromptMessage
    | TodayAgain
    | AnswerSaved
    | Reveal
    | Relay
    | RevealLongText
    | ButtonGone
    | AnswerLocked
    | NoOpenRound
    | RoundClosed
    | GuessAsk
    | GuessWaiting
    | GuessReveal
    | GuessNeedsTap
    | AskGuessCadence
    | GuessCadenceSet
    | NotRegistered
    | UnsupportedAnswer
    | SwapRefused
    | MediaGone
    | Reacted
    | FollowUpAsk
    | FollowUp
    | FollowUpSent
    | PairEnded
    | Reminder
    | AppreciateMenu
    | AppreciateAsk
    | Appreciation
    | AppreciationSent
    | AppreciationHeld
    | AppreciationLimit
    | AppreciationReacted
    | HeldDropped
    | PauseMenu
    | Paused
    | PartnerPaused
    | PauseOver
    | PauseNotYours
    | NotPausedNow
    | BadPause
    | WeeklyRecap
    | AskRecapDay
    | AskRecapTime
    | RecapSet
    | SettingsMenu
    | AskReminder
    | ReminderSet
    | AskPairKind
    | PairKindSet
    | AskCadence
    | CadenceSet
    | PacksMenu
    | PackConsent
    | PackSet
    | LastPackStays
    | AskOwnQuestion
    | OwnQuestionLength
    | OwnQuestionsFull
    | OwnQuestionSaved
    | OwnQuestionNeedsWords
    | UnpairConfirm
    | Unpaired
    | PartnerUnpaired
    | DeleteConfirm
    | DataDeleted
    | PartnerLeft
    | Cancelled
    | HistoryPage
    | HistoryEmpty
    | Stats
    | JournalFile
    | NoJournal
    | ExportLimit
    # -- ideas for time together (issue 12)
    | IdeaOffer
    | IdeaInvitation
    | IdeaSent
    | IdeaHeld
    | IdeaAnswered
    | IdeaAnswerNoted
    | HowWasIt
    | StoryAsk
    | StorySaved
    | StoryReveal
    | StoryLocked
    | StoryGone
    | StoryNeedsWords
    | IdeaListPage
    | IdeaListEmpty
)


def _field_types(kind: type[BaseNotice]) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {field.name: hints[field.name] for field in fields(kind)}


# By class name, as the outbox's JSON names them; and the types of their fields.
_KINDS: dict[str, type[Notice]] = {kind.__name__: kind for kind in get_args(Notice)}
_FIELD_TYPES = {name: _field_types(kind) for name, kind in _KINDS.items()}


@dataclass(frozen=True)
class OutboxItem:
    """One queued message: the notice, for whom, and its place in the queue."""

    id: int
    chat_id: int
    notice: Notice


def dump_notice(notice: Notice) -> str:
    return json.dumps({"type": type(notice).__name__, **asdict(notice)}, ensure_ascii=False)


def load_notice(raw: str) -> Notice:
    data: dict[str, Any] = json.loads(raw)
    name = data.pop("type")
    types = _FIELD_TYPES[name]
    # A key no field has any more (a row an older version wrote) is dropped.
    return _KINDS[name](**{k: _revive(types[k], v) for k, v in data.items() if k in types})


def _revive(hint: Any, value: Any) -> Any:
    """A value read from JSON as its field holds it: JSON has lists where fields have tuples,
    objects where they have dataclasses, and an enum's value where fields have the enum."""
    if isinstance(value, dict) and is_dataclass(hint) and isinstance(hint, type):
        types = get_type_hints(hint)
        return hint(**{k: _revive(types[k], v) for k, v in value.items() if k in types})
    if isinstance(value, list):
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_revive(args[0], item) for item in value)
        return tuple(_revive(arg, item) for arg, item in zip(args, value, strict=True))
    if isinstance(value, str):
        # A field may be `SomeEnum | None`: the enum is one of its arguments.
        for option in (hint, *get_args(hint)):
            if isinstance(option, type) and issubclass(option, StrEnum):
                return option(value)
    return value
