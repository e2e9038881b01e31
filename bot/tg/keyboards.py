"""Inline keyboards: each button a label and a typed value (callbacks.py) behind it."""

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import notices as n
from bot.domain.appreciation import CADENCES, REACTIONS, STARTERS
from bot.domain.guess import GuessStep
from bot.domain.prompts import PairKind
from bot.domain.space import PAUSE_CHOICES
from bot.tg import callbacks as cb
from bot.tg import texts

TIME_CHOICES = ("07:00", "08:00", "09:00", "12:00", "18:00", "21:00")
REMINDER_CHOICES = ("19:00", "20:00", "21:00", "22:00")


def _button(label: str, button: cb.Button) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=cb.pack(button))


def time_choices(onboarding: bool) -> InlineKeyboardMarkup:
    times = [_button(t, cb.Time(t, onboarding)) for t in TIME_CHOICES]
    other = [_button(texts.ANOTHER_TIME, cb.Time(None))]
    return InlineKeyboardMarkup([times[:3], times[3:], other])


def zone_choices() -> InlineKeyboardMarkup:
    buttons = [_button(label, cb.Zone(name)) for name, label in texts.ZONE_LABELS.items()]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(texts.SOMEWHERE_ELSE, cb.Zone(None))])
    return InlineKeyboardMarkup(rows)


def invite_offer(code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(texts.ACCEPT, cb.Accept(code)), _button(texts.DECLINE, cb.Decline(code))]]
    )


def prompt_buttons(round_id: int, can_swap: bool) -> InlineKeyboardMarkup:
    row = [_button(texts.SWAP, cb.Swap(round_id))] if can_swap else []
    row.append(_button(texts.PAUSE_BUTTON, cb.Pause(None)))
    return InlineKeyboardMarkup([row])


def guess_options(
    round_id: int, step: GuessStep, options: tuple[str, ...], extra: list[InlineKeyboardButton]
) -> InlineKeyboardMarkup:
    """A guess round's options, one a row so each label fits; then `extra` (pause)."""
    rows = [[_button(label, cb.GuessTap(round_id, step, i))] for i, label in enumerate(options)]
    return InlineKeyboardMarkup([*rows, *([extra] if extra else [])])


def guess_prompt_buttons(round_id: int, options: tuple[str, ...]) -> InlineKeyboardMarkup:
    return guess_options(
        round_id, GuessStep.OWN, options, [_button(texts.PAUSE_BUTTON, cb.Pause(None))]
    )


def reveal_buttons(round_id: int) -> InlineKeyboardMarkup:
    emoji = [_button(e, cb.React(round_id, i)) for i, e in enumerate(REACTIONS)]
    return InlineKeyboardMarkup([emoji, [_button(texts.REPLY, cb.Reply(round_id))]])


def appreciation_buttons(appreciation_id: int) -> InlineKeyboardMarkup:
    emoji = [_button(e, cb.ThanksReact(appreciation_id, i)) for i, e in enumerate(REACTIONS)]
    return InlineKeyboardMarkup([emoji])


def starters() -> InlineKeyboardMarkup:
    rows = [[_button(texts.starter_button(s), cb.Starter(i))] for i, s in enumerate(STARTERS)]
    rows.append([_button(texts.STARTER_FREE, cb.Starter(None))])
    return InlineKeyboardMarkup(rows)


def pause_choices() -> InlineKeyboardMarkup:
    buttons = [_button(texts.PAUSE_LABELS[key], cb.Pause(key)) for key in PAUSE_CHOICES]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


_PAIR_SETTINGS = (
    cb.SettingKey.KIND,
    cb.SettingKey.CADENCE,
    cb.SettingKey.PACKS,
    cb.SettingKey.GUESS,
)


def settings_menu(paired: bool) -> InlineKeyboardMarkup:
    keys = [key for key in cb.SettingKey if paired or key not in _PAIR_SETTINGS]
    buttons = [_button(texts.SETTINGS_BUTTONS[key], cb.Setting(key)) for key in keys]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def reminder_choices() -> InlineKeyboardMarkup:
    times = [_button(t, cb.Reminder(t)) for t in REMINDER_CHOICES]
    return InlineKeyboardMarkup([times, [_button(texts.REMINDER_OFF, cb.Reminder(None))]])


def recap_days() -> InlineKeyboardMarkup:
    days = [_button(name[:3], cb.Recap(i)) for i, name in enumerate(texts.WEEKDAYS)]
    return InlineKeyboardMarkup([days[:4], days[4:], [_button(texts.RECAP_OFF, cb.Recap(None))]])


def recap_times(weekday: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t, cb.Recap(weekday, t)) for t in texts.RECAP_TIMES]])


def kind_choices() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(texts.KIND_BUTTONS[kind], cb.Kind(kind)) for kind in PairKind]]
    )


def cadence_choices() -> InlineKeyboardMarkup:
    buttons = [
        _button(texts.CADENCE_NAMES[days].capitalize(), cb.Cadence(days)) for days in CADENCES
    ]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def guess_cadence_choices() -> InlineKeyboardMarkup:
    buttons = [
        _button(texts.CADENCE_NAMES[days].capitalize(), cb.GuessCadence(days)) for days in CADENCES
    ]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def pack_choices(
    packs: tuple[tuple[str, str, bool], ...],
    waiting: tuple[str, ...] = (),
    partner_name: str = "",
) -> InlineKeyboardMarkup:
    buttons = [
        _button(
            texts.pack_button(name, on, partner_name if pack_id in waiting else None),
            # A tap asks for the other state than the label shows; a yes that waits is "on".
            cb.Pack(pack_id, not on and pack_id not in waiting),
        )
        for pack_id, name, on in packs
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def confirm(
    answer: Callable[[bool], cb.Button], yes_label: str, journal: cb.Export | None = None
) -> InlineKeyboardMarkup:
    """Yes or keep things as they are, for `answer` (cb.Unpair or cb.Delete); first, if given,
    the pair's journal to keep."""
    return InlineKeyboardMarkup(
        [
            *([[_button(texts.JOURNAL_FIRST, journal)]] if journal else []),
            [_button(yes_label, answer(True))],
            [_button(texts.KEEP, answer(False))],
        ]
    )


def history_buttons(page: n.HistoryPage) -> InlineKeyboardMarkup | None:
    """Show a media answer again; older and newer pages; the jumps back in time."""
    again = [
        _button(texts.see_again(a.name, a.media), cb.Resend(page.round_id, a.author_id))
        for a in page.answers
        if a.media is not None
    ]
    steps = [
        _button(label, cb.Page(round_id))
        for label, round_id in ((texts.OLDER, page.older), (texts.NEWER, page.newer))
        if round_id is not None
    ]
    jumps = [
        _button(label, cb.Page(round_id))
        for label, round_id in ((texts.MONTH_AGO, page.month_ago), (texts.YEAR_AGO, page.year_ago))
        if round_id is not None
    ]
    rows = [row for row in (again, steps, jumps) if row]
    return InlineKeyboardMarkup(rows) if rows else None


# -- ideas for time together (issue 12)


def idea_offer(pair_idea_id: int, partner_name: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(texts.idea_send(partner_name), cb.IdeaSend(pair_idea_id))],
            [_button(texts.IDEA_MORE, cb.IdeaMore())],
        ]
    )


def idea_invitation(pair_idea_id: int) -> InlineKeyboardMarkup:
    yes = _button(texts.IDEA_YES, cb.IdeaAnswer(pair_idea_id, accepted=True))
    later = _button(texts.IDEA_LATER, cb.IdeaAnswer(pair_idea_id, accepted=False))
    return InlineKeyboardMarkup([[yes, later]])


def how_was_it(pair_idea_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(texts.STORY_SHARE, cb.IdeaStory(pair_idea_id))]])


def idea_list_buttons(page: n.IdeaListPage) -> InlineKeyboardMarkup | None:
    """Older and newer pages of the pair's list."""
    steps = [
        _button(label, cb.IdeaPage(pair_idea_id))
        for label, pair_idea_id in ((texts.OLDER, page.older), (texts.NEWER, page.newer))
        if pair_idea_id is not None
    ]
    return InlineKeyboardMarkup([steps]) if steps else None
