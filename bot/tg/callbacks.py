"""Callback data: the typed value behind every button, packed into at most 64 bytes and back."""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias, assert_never

from bot.domain.guess import GuessStep
from bot.domain.prompts import PairKind
from bot.domain.space import PAUSE_CHOICES

# Telegram carries 1 to 64 bytes of callback data.
MAX_BYTES = 64


class Action(StrEnum):
    """The first field of a button's data. Buttons on old messages still carry these: never
    reuse one for something else."""

    TIME = "t"
    ZONE = "z"
    ACCEPT = "ia"
    DECLINE = "id"
    SWAP = "sw"
    REACT = "rx"
    REPLY = "rp"
    STARTER = "ap"
    THANKS_REACT = "ar"
    PAUSE = "pz"
    SETTING = "se"
    REMINDER = "rm"
    KIND = "pk"
    CADENCE = "ac"
    PACK = "pp"
    UNPAIR = "up"
    DELETE = "dd"
    PAGE = "hp"
    RESEND = "hr"
    EXPORT = "ex"
    RECAP = "rc"
    # -- guess rounds (issue 12)
    GUESS = "gu"
    GUESS_CADENCE = "gc"
    # -- ideas for time together (issue 12)
    IDEA_MORE = "im"
    IDEA_SEND = "is"
    IDEA_ANSWER = "iw"
    IDEA_STORY = "ih"
    IDEA_PAGE = "il"


class Word(StrEnum):
    """Fixed words in the fields after the action."""

    OTHER = "other"  # "another time…", "somewhere else…": the user types it next
    ONBOARDING = "o"  # after the time, ask for the timezone
    FREE = "free"  # no starter: the user's own words
    MENU = "menu"  # open the pause choices
    ON = "on"
    OFF = "off"
    YES = "yes"
    NO = "no"


class SettingKey(StrEnum):
    TIME = "time"
    ZONE = "zone"
    REMINDER = "reminder"
    RECAP = "recap"
    KIND = "kind"
    CADENCE = "cadence"
    PACKS = "packs"
    GUESS = "guess"  # guess rounds (issue 12)


@dataclass(frozen=True)
class Time:
    at: str | None  # "HH:MM"; None: another time, typed next
    onboarding: bool = False


@dataclass(frozen=True)
class Zone:
    name: str | None  # None: somewhere else, typed next


@dataclass(frozen=True)
class Accept:
    code: str


@dataclass(frozen=True)
class Decline:
    code: str


@dataclass(frozen=True)
class Swap:
    round_id: int


@dataclass(frozen=True)
class React:
    round_id: int
    emoji: int  # an index into REACTIONS


@dataclass(frozen=True)
class Reply:
    round_id: int


@dataclass(frozen=True)
class Starter:
    index: int | None  # an index into STARTERS; None: the user's own words


@dataclass(frozen=True)
class ThanksReact:
    appreciation_id: int
    emoji: int


@dataclass(frozen=True)
class Pause:
    length: str | None  # a key of PAUSE_CHOICES; None: show the choices


@dataclass(frozen=True)
class Setting:
    key: SettingKey


@dataclass(frozen=True)
class Reminder:
    at: str | None  # "HH:MM"; None: off


@dataclass(frozen=True)
class Recap:
    weekday: int | None  # 0 Monday … 6 Sunday; None: recaps off
    at: str | None = None  # "HH:MM"; None with a weekday: its times are offered next


@dataclass(frozen=True)
class Kind:
    kind: PairKind


@dataclass(frozen=True)
class Cadence:
    days: int


@dataclass(frozen=True)
class Pack:
    pack_id: str
    on: bool  # what the label offered: a second tap, or one on an old menu, never flips it back


@dataclass(frozen=True)
class Unpair:
    confirmed: bool
    pair_id: int  # the pair the question was about: an old "yes" never ends a later pair


@dataclass(frozen=True)
class Delete:
    confirmed: bool


@dataclass(frozen=True)
class Page:
    round_id: int  # the revealed round a /history page shows; never a page number


@dataclass(frozen=True)
class Resend:
    round_id: int
    author_id: int  # whose media answer to that round to show again


@dataclass(frozen=True)
class Export:
    pair_id: int  # the pair the button was shown for


# -- guess rounds (issue 12)


@dataclass(frozen=True)
class GuessTap:
    round_id: int
    step: GuessStep  # the tapper's own answer, or their guess of the partner's
    option: int  # an index into the round's options


@dataclass(frozen=True)
class GuessCadence:
    days: int  # days between guess rounds; 0: never


# -- ideas for time together (issue 12)


@dataclass(frozen=True)
class IdeaMore:
    """Another idea, please."""


@dataclass(frozen=True)
class IdeaSend:
    pair_idea_id: int


@dataclass(frozen=True)
class IdeaAnswer:
    pair_idea_id: int
    accepted: bool  # "I'm in"; False: "Another time"


@dataclass(frozen=True)
class IdeaStory:
    pair_idea_id: int  # share how it went


@dataclass(frozen=True)
class IdeaPage:
    pair_idea_id: int  # the accepted idea a page of the pair's list begins with


Button: TypeAlias = (
    Time
    | Zone
    | Accept
    | Decline
    | Swap
    | React
    | Reply
    | Starter
    | ThanksReact
    | Pause
    | Setting
    | Reminder
    | Recap
    | Kind
    | Cadence
    | Pack
    | Unpair
    | Delete
    | Page
    | Resend
    | Export
    | GuessTap
    | GuessCadence
    # -- ideas for time together (issue 12)
    | IdeaMore
    | IdeaSend
    | IdeaAnswer
    | IdeaStory
    | IdeaPage
)


def pack(button: Button) -> str:
    """The data to put on a button: the action and its fields, joined by "|"."""
    fields: tuple[object, ...]
    match button:
        case Time(at, onboarding):
            fields = (Action.TIME, at or Word.OTHER, *([Word.ONBOARDING] if onboarding else []))
        case Zone(name):
            fields = (Action.ZONE, name or Word.OTHER)
        case Accept(code):
            fields = (Action.ACCEPT, code)
        case Decline(code):
            fields = (Action.DECLINE, code)
        case Swap(round_id):
            fields = (Action.SWAP, round_id)
        case React(round_id, emoji):
            fields = (Action.REACT, round_id, emoji)
        case Reply(round_id):
            fields = (Action.REPLY, round_id)
        case Starter(index):
            fields = (Action.STARTER, Word.FREE if index is None else index)
        case ThanksReact(appreciation_id, emoji):
            fields = (Action.THANKS_REACT, appreciation_id, emoji)
        case Pause(length):
            fields = (Action.PAUSE, length or Word.MENU)
        case Setting(key):
            fields = (Action.SETTING, key)
        case Reminder(at):
            fields = (Action.REMINDER, at or Word.OFF)
        case Recap(weekday, at):
            day = Word.OFF if weekday is None else weekday
            fields = (Action.RECAP, day, *([at] if at is not None else []))
        case Kind(kind):
            fields = (Action.KIND, kind)
        case Cadence(days):
            fields = (Action.CADENCE, days)
        case Pack(pack_id, on):
            fields = (Action.PACK, pack_id, Word.ON if on else Word.OFF)
        case Unpair(confirmed, pair_id):
            fields = (Action.UNPAIR, Word.YES if confirmed else Word.NO, pair_id)
        case Delete(confirmed):
            fields = (Action.DELETE, Word.YES if confirmed else Word.NO)
        case Page(round_id):
            fields = (Action.PAGE, round_id)
        case Resend(round_id, author_id):
            fields = (Action.RESEND, round_id, author_id)
        case Export(pair_id):
            fields = (Action.EXPORT, pair_id)
        case GuessTap(round_id, step, option):
            fields = (Action.GUESS, round_id, step, option)
        case GuessCadence(days):
            fields = (Action.GUESS_CADENCE, days)
        # -- ideas for time together (issue 12)
        case IdeaMore():
            fields = (Action.IDEA_MORE,)
        case IdeaSend(pair_idea_id):
            fields = (Action.IDEA_SEND, pair_idea_id)
        case IdeaAnswer(pair_idea_id, accepted):
            fields = (Action.IDEA_ANSWER, pair_idea_id, Word.YES if accepted else Word.NO)
        case IdeaStory(pair_idea_id):
            fields = (Action.IDEA_STORY, pair_idea_id)
        case IdeaPage(pair_idea_id):
            fields = (Action.IDEA_PAGE, pair_idea_id)
        case _:
            assert_never(button)
    data = "|".join(str(field) for field in fields)
    # A button that would not read back as itself (a field outside the alphabet, past 64
    # bytes, a number SQLite cannot hold) would be turned away as forged when tapped.
    assert unpack(data) == button, f"{button} does not survive as {data!r}"
    return data


# Every field is ASCII: a user's words never go into a button.
_FIELD = re.compile(r"[A-Za-z0-9_:/.+-]+")
_DIGITS = re.compile(r"[0-9]{1,19}")
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")
_SETTING_KEYS = frozenset(SettingKey)
_PAIR_KINDS = frozenset(PairKind)
_WEEKDAYS = frozenset("0123456")
_GUESS_STEPS = frozenset(GuessStep)


def _is_id(field: str) -> bool:
    """A row id or an index: ASCII digits ("²".isdigit() is true, but int("²") fails) that
    fit SQLite's 64-bit integers."""
    return _DIGITS.fullmatch(field) is not None and int(field) < 2**63


def _is_clock(field: str) -> bool:
    return _CLOCK.fullmatch(field) is not None


def unpack(data: object) -> Button | None:
    """The button `data` came from, or None if Duet never made it: forged, garbled, retired."""
    if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
        return None
    action, *fields = data.split("|")
    if not all(_FIELD.fullmatch(field) for field in fields):
        return None
    match action, fields:
        case Action.TIME, [Word.OTHER]:
            return Time(None)
        case Action.TIME, [at] if _is_clock(at):
            return Time(at)
        case Action.TIME, [at, Word.ONBOARDING] if _is_clock(at):
            return Time(at, onboarding=True)
        case Action.ZONE, [Word.OTHER]:
            return Zone(None)
        case Action.ZONE, [name]:
            return Zone(name)
        case Action.ACCEPT, [code]:
            return Accept(code)
        case Action.DECLINE, [code]:
            return Decline(code)
        case Action.SWAP, [round_id] if _is_id(round_id):
            return Swap(int(round_id))
        case Action.REACT, [round_id, emoji] if _is_id(round_id) and _is_id(emoji):
            return React(int(round_id), int(emoji))
        case Action.REPLY, [round_id] if _is_id(round_id):
            return Reply(int(round_id))
        case Action.STARTER, [Word.FREE]:
            return Starter(None)
        case Action.STARTER, [index] if _is_id(index):
            return Starter(int(index))
        case Action.THANKS_REACT, [appreciation_id, emoji] if _is_id(appreciation_id) and _is_id(
            emoji
        ):
            return ThanksReact(int(appreciation_id), int(emoji))
        case Action.PAUSE, [Word.MENU]:
            return Pause(None)
        case Action.PAUSE, [length] if length in PAUSE_CHOICES:
            return Pause(length)
        case Action.SETTING, [key] if key in _SETTING_KEYS:
            return Setting(SettingKey(key))
        case Action.REMINDER, [Word.OFF]:
            return Reminder(None)
        case Action.REMINDER, [at] if _is_clock(at):
            return Reminder(at)
        case Action.RECAP, [Word.OFF]:
            return Recap(None)
        case Action.RECAP, [day] if day in _WEEKDAYS:
            return Recap(int(day))
        case Action.RECAP, [day, at] if day in _WEEKDAYS and _is_clock(at):
            return Recap(int(day), at)
        case Action.KIND, [kind] if kind in _PAIR_KINDS:
            return Kind(PairKind(kind))
        case Action.CADENCE, [days] if _is_id(days):
            return Cadence(int(days))
        case Action.PACK, [pack_id, Word.ON | Word.OFF as state]:
            return Pack(pack_id, state == Word.ON)
        case Action.UNPAIR, [Word.YES | Word.NO as answer, pair_id] if _is_id(pair_id):
            return Unpair(answer == Word.YES, int(pair_id))
        case Action.DELETE, [Word.YES | Word.NO as answer]:
            return Delete(answer == Word.YES)
        case Action.PAGE, [round_id] if _is_id(round_id):
            return Page(int(round_id))
        case Action.RESEND, [round_id, author_id] if _is_id(round_id) and _is_id(author_id):
            return Resend(int(round_id), int(author_id))
        case Action.EXPORT, [pair_id] if _is_id(pair_id):
            return Export(int(pair_id))
        case Action.GUESS, [round_id, step, option] if (
            _is_id(round_id) and step in _GUESS_STEPS and _is_id(option)
        ):
            return GuessTap(int(round_id), GuessStep(step), int(option))
        case Action.GUESS_CADENCE, [days] if _is_id(days):
            return GuessCadence(int(days))
        # -- ideas for time together (issue 12)
        case Action.IDEA_MORE, []:
            return IdeaMore()
        case Action.IDEA_SEND, [pair_idea_id] if _is_id(pair_idea_id):
            return IdeaSend(int(pair_idea_id))
        case Action.IDEA_ANSWER, [pair_idea_id, Word.YES | Word.NO as answer] if _is_id(
            pair_idea_id
        ):
            return IdeaAnswer(int(pair_idea_id), answer == Word.YES)
        case Action.IDEA_STORY, [pair_idea_id] if _is_id(pair_idea_id):
            return IdeaStory(int(pair_idea_id))
        case Action.IDEA_PAGE, [pair_idea_id] if _is_id(pair_idea_id):
            return IdeaPage(int(pair_idea_id))
    return None
