"""Inline keyboards and the callback-data format (`action:argument`, at most 64 bytes)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.appreciation import CADENCES, REACTIONS, STARTERS
from bot.domain.space import PAUSE_CHOICES
from bot.tg import texts

TIME_CHOICES = ("07:00", "08:00", "09:00", "12:00", "18:00", "21:00")
ZONE_CHOICES = (
    ("London", "Europe/London"),
    ("Berlin · Paris", "Europe/Berlin"),
    ("New York", "America/New_York"),
    ("Los Angeles", "America/Los_Angeles"),
    ("India", "Asia/Kolkata"),
    ("Sydney", "Australia/Sydney"),
    ("UTC", "UTC"),
)

TIME = "t"  # t|HH:MM, t|other; a trailing "|o" during onboarding asks the zone next
ZONE = "z"
ACCEPT = "ia"
DECLINE = "id"
SWAP = "sw"
REACT = "rx"  # rx|round|emoji index
REPLY = "rp"
STARTER = "ap"  # ap|index or ap|free
THANKS_REACT = "ar"  # ar|appreciation|emoji index
PAUSE = "pz"  # pz|1d … pz|open, pz|menu
SETTING = "se"
REMINDER = "rm"
KIND = "pk"
CADENCE = "ac"
PACK = "pp"  # pp|pack id
UNPAIR = "up"
DELETE = "dd"
OTHER = "other"
MENU = "menu"
YES = "yes"
NO = "no"
REMINDER_CHOICES = ("19:00", "20:00", "21:00", "22:00")


def data(action: str, argument: str | int) -> str:
    encoded = f"{action}|{argument}"
    assert len(encoded.encode()) <= 64, encoded
    return encoded


def time_choices(onboarding: bool) -> InlineKeyboardMarkup:
    suffix = "|o" if onboarding else ""
    row1 = [InlineKeyboardButton(t, callback_data=data(TIME, t + suffix)) for t in TIME_CHOICES[:3]]
    row2 = [InlineKeyboardButton(t, callback_data=data(TIME, t + suffix)) for t in TIME_CHOICES[3:]]
    other = [InlineKeyboardButton("Another time…", callback_data=data(TIME, OTHER))]
    return InlineKeyboardMarkup([row1, row2, other])


def zone_choices() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(label, callback_data=data(ZONE, name)) for label, name in ZONE_CHOICES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton("Somewhere else…", callback_data=data(ZONE, OTHER))])
    return InlineKeyboardMarkup(rows)


def invite_offer(code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.ACCEPT, callback_data=data(ACCEPT, code)),
                InlineKeyboardButton(texts.DECLINE, callback_data=data(DECLINE, code)),
            ]
        ]
    )


def _button(label: str, action: str, argument: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data(action, argument))


def prompt_buttons(round_id: int, can_swap: bool) -> InlineKeyboardMarkup:
    row = [_button(texts.SWAP, SWAP, round_id)] if can_swap else []
    row.append(_button(texts.PAUSE_BUTTON, PAUSE, MENU))
    return InlineKeyboardMarkup([row])


def reveal_buttons(round_id: int) -> InlineKeyboardMarkup:
    emoji = [_button(e, REACT, f"{round_id}|{i}") for i, e in enumerate(REACTIONS)]
    return InlineKeyboardMarkup([emoji, [_button(texts.REPLY, REPLY, round_id)]])


def appreciation_buttons(appreciation_id: int) -> InlineKeyboardMarkup:
    emoji = [_button(e, THANKS_REACT, f"{appreciation_id}|{i}") for i, e in enumerate(REACTIONS)]
    return InlineKeyboardMarkup([emoji])


def starters() -> InlineKeyboardMarkup:
    rows = [[_button(f"{s}…", STARTER, i)] for i, s in enumerate(STARTERS)]
    rows.append([_button(texts.STARTER_FREE, STARTER, "free")])
    return InlineKeyboardMarkup(rows)


def pause_choices() -> InlineKeyboardMarkup:
    buttons = [_button(texts.PAUSE_LABELS[key], PAUSE, key) for key in PAUSE_CHOICES]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def settings_menu(paired: bool) -> InlineKeyboardMarkup:
    keys = ["time", "zone", "reminder"] + (["kind", "cadence", "packs"] if paired else [])
    buttons = [_button(texts.SETTINGS_BUTTONS[key], SETTING, key) for key in keys]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def reminder_choices() -> InlineKeyboardMarkup:
    times = [_button(t, REMINDER, t) for t in REMINDER_CHOICES]
    return InlineKeyboardMarkup([times, [_button("Off", REMINDER, "off")]])


def kind_choices() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("A couple", KIND, "couple"), _button("Friends", KIND, "friends")]]
    )


def cadence_choices() -> InlineKeyboardMarkup:
    buttons = [_button(texts.CADENCE_NAMES[days].capitalize(), CADENCE, days) for days in CADENCES]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def pack_choices(packs: tuple[tuple[str, str, bool], ...]) -> InlineKeyboardMarkup:
    buttons = [_button(texts.pack_button(name, on), PACK, pack_id) for pack_id, name, on in packs]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def confirm(action: str, yes_label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(yes_label, action, YES)], [_button(texts.KEEP, action, NO)]]
    )
