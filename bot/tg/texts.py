"""Every user-facing string. HTML; anything a user wrote is escaped before it goes in."""

from datetime import date, datetime
from html import escape
from typing import assert_never

from bot.domain import notices as n
from bot.domain.ideas import IdeaTap

COMMANDS: list[tuple[str, str]] = [
    ("today", "Today's question"),
    ("appreciate", "Send your person a few words of thanks"),
    ("idea", "An idea for time together"),
    ("ideas", "Our list: the ideas you both said yes to"),
    ("history", "Your story so far, round by round"),
    ("stats", "Your rhythm together"),
    ("ask", "Write the next question for you both"),
    ("pause", "Take a break from the daily questions"),
    ("resume", "End your pause early"),
    ("settings", "Time, timezone, reminder and more"),
    ("export", "Our journal: a file to keep"),
    ("invite", "Invite your partner or friend"),
    ("time", "When your daily question comes"),
    ("timezone", "Your timezone"),
    ("unpair", "End your pair"),
    ("deletemydata", "Delete everything I know about you"),
    ("help", "What I can do"),
]


def welcome(first_name: str, paired: bool) -> str:
    if paired:
        return f"Welcome back, {escape(first_name, quote=False)} 💛 /today shows today's question."
    return (
        f"Hi {escape(first_name, quote=False)}! I'm Duet 💛\n\n"
        "Every day I send you and your person the same question. You each answer here, "
        "and your answers stay hidden until you've both replied. Then I show each of you "
        "the other's answer."
    )


def ask_time(current: str) -> str:
    return (
        f"When should your daily question arrive? Now: <b>{current}</b>.\n"
        "Tap a time, or type one like <code>07:30</code> or <code>7pm</code>."
    )


def ask_timezone(current: str) -> str:
    return (
        f"Which timezone are you in? Now: <b>{escape(current, quote=False)}</b>.\n"
        "Tap one, or type a city (<code>Lisbon</code>), a zone (<code>Europe/Berlin</code>), "
        "<code>UTC+3</code>, or simply what time it is for you right now."
    )


def when(next_day: str, at: str) -> str:
    if next_day in ("today", "tomorrow"):
        return f"{next_day} at {at}"
    day = date.fromisoformat(next_day)
    return f"on {day:%A %d %B} at {at}"


def schedule_set(
    at: str, timezone: str, next_day: str, paired: bool, paused: bool, paused_until: str | None
) -> str:
    text = f"Done. Your question now comes at <b>{at}</b> ({escape(timezone, quote=False)})."
    if paused:
        span = f"until {moment(paused_until)}" if paused_until else "for now"
        return f"{text} You two are paused {span}; questions start again after that."
    if paired and next_day:
        return f"{text} The next one: {when(next_day, at)}."
    return f"{text}\n\nWhen you're ready, /invite your partner or friend."


ANOTHER_TIME = "Another time…"
SOMEWHERE_ELSE = "Somewhere else…"
# The timezones offered as buttons, in order: zone name → label.
ZONE_LABELS = {
    "Europe/London": "London",
    "Europe/Berlin": "Berlin · Paris",
    "America/New_York": "New York",
    "America/Los_Angeles": "Los Angeles",
    "Asia/Kolkata": "India",
    "Australia/Sydney": "Sydney",
    "UTC": "UTC",
}

BAD_TIME = (
    "I couldn't read that as a time. Try something like <code>07:30</code> or <code>8pm</code>."
)
BAD_TIMEZONE = (
    "I don't know that place or zone. Try a big city near you (<code>Berlin</code>), "
    "a zone like <code>America/New_York</code>, or <code>UTC-5</code>."
)

HELP = (
    "Here's what I can do:\n"
    + "\n".join(f"/{name} — {what}" for name, what in COMMANDS)
    + "\n\nAnswer a question by simply replying here: words, a voice note, a video note, "
    "or a photo or video with a caption. Your person sees it once they've answered too."
    "\n\n/export gives either of you a file with your revealed rounds and appreciations. "
    "After a pair ends it stays 30 days for that, then it's deleted. /deletemydata deletes "
    "your answers at once."
)

PRIVATE_ONLY = "I only work in private chats, so your answers stay between the two of you. Message me directly: @{username}"


def invite_link(link: str, hours: int) -> str:
    return (
        "Here's your invite link. Send it to your person — it works once, "
        f"for the next {hours} hours:\n{link}\n\nOr forward them the message below."
    )


def invite_card(inviter_name: str, link: str) -> str:
    return (
        f"{escape(inviter_name, quote=False)} invites you to Duet 💛\n"
        "One small question a day for the two of you, answers revealed when you've both "
        f"replied.\n\nTap to join: {link}"
    )


def invite_offer(inviter_name: str) -> str:
    name = escape(inviter_name, quote=False)
    return (
        f"<b>{name}</b> invited you to Duet 💛\n\n"
        f"Every day you and {name} get the same question. Your answers stay hidden until "
        "you've both replied, then you see each other's.\n\nWould you like to join?"
    )


ACCEPT = "Accept 💛"
DECLINE = "Not now"


def invite_problem(reason: str, name: str) -> str:
    who = escape(name, quote=False)
    return {
        "unknown": "I can't find that invite. Check you have the whole link, or ask for a new one.",
        "expired": f"This invite from {who} has expired. Ask {who} to send a fresh one with /invite.",
        "used": f"This invite from {who} has already been used. Ask {who} for a new one with /invite.",
        "own": "That's your own invite 🙂 Send the link to your partner or friend instead.",
        "you_paired": f"You're already paired with {who}. One pair at a time keeps it special.",
        "inviter_paired": f"{who} is already paired with someone, so this invite can't be used.",
        "wait": "That's a few wrong codes in a row. Please wait a few minutes and try again.",
    }[reason]


def invite_declined(invitee_name: str) -> str:
    return f"{escape(invitee_name, quote=False)} isn't joining just now. That's okay — you can /invite again any time."


def decline_noted(inviter_name: str) -> str:
    return f"No problem. If you change your mind, ask {escape(inviter_name, quote=False)} for a new invite."


def paired(partner_name: str, at: str, timezone: str, next_day: str) -> str:
    return (
        f"You and <b>{escape(partner_name, quote=False)}</b> are paired 💛\n"
        f"Your first question comes {when(next_day, at)} ({escape(timezone, quote=False)}). "
        "Can't wait? /today gets it now.\n\n/time and /timezone change when it comes."
    )


NOT_PAIRED = "You're not paired yet. /invite your partner or friend to start."
NOT_REGISTERED = "Hi! Send /start to begin."

KIND_LABELS = {
    "question": "Today's question",
    "appreciation": "Appreciation",
    "reflection": "Our week",
    "guess": "Guess round",
}


def _source(theme: str, asked_by: str | None) -> str:
    if asked_by is None:
        return theme
    return f"from {asked_by}" if asked_by else "your own question"


def prompt(text: str, kind: str, theme: str, asked_by: str | None = None) -> str:
    label = KIND_LABELS.get(kind, "Today's question")
    source = escape(_source(theme, asked_by), quote=False)
    if kind == "guess":
        return f"🔮 <b>{label}</b> · <i>{source}</i>\n\n{escape(text, quote=False)}\n\n{GUESS_HOW}"
    return (
        f"<b>{label}</b> · <i>{source}</i>\n\n{escape(text, quote=False)}\n\n"
        "<i>Reply here with words, a voice note or a photo. Your answer stays hidden until "
        "you've both answered.</i>"
    )


def today_again(
    text: str, kind: str, theme: str, status: str, partner_name: str, asked_by: str | None
) -> str:
    body = prompt(text, kind, theme, asked_by)
    name = escape(partner_name, quote=False)
    if status == "answered":
        return f"{body}\n\n✅ You've answered. I'll show you {name}'s answer as soon as it comes."
    if status == "revealed":
        return f"{body}\n\n✨ You've both answered this one. A new question comes tomorrow."
    return body


SWAP = "Another question 🔄"
# -- guess rounds (issue 12) ---------------------------------------------------------------------

GUESS_HOW = (
    "<i>Tap your answer below, then guess your partner's. Both stay hidden until you've both "
    "tapped. Love maps, not a test: there are no losers here.</i>"
)
GUESS_NEEDS_TAP = (
    "Today's round is a guess round: tap one of the options above 🙂 "
    "To answer an earlier question, reply to it."
)
GUESS_REFUSED = {
    "gone": "This button no longer works. Try /today.",
    "revealed": "This guess round is already revealed 🙂",
    "closed": "This guess round has closed. A new one comes soon.",
    "own_first": "Tap your own answer first, then guess 🙂",
}


def guess_ask(question: str, partner_name: str, own: str) -> str:
    name = escape(partner_name, quote=False)
    return (
        f"You picked <b>{escape(own, quote=False)}</b> 🤫\n\n"
        f"Now your guess: which did <b>{name}</b> pick?\n<i>{escape(question, quote=False)}</i>"
    )


def guess_waiting(partner_name: str, own: str, guess: str) -> str:
    name = escape(partner_name, quote=False)
    return (
        f"Got it 🤫 You picked <b>{escape(own, quote=False)}</b> and guessed {name} picked "
        f"<b>{escape(guess, quote=False)}</b>. I'll show you both once {name} has tapped too."
    )


def _mark(right: bool) -> str:
    return "✓" if right else "✗"


def guess_reminder(question: str, partner_name: str, partner_answered: bool) -> str:
    text = (
        "A gentle nudge 🌙 Today's guess round is still waiting for you:\n"
        f"<i>{escape(question, quote=False)}</i>\n\nTap your answer below."
    )
    if partner_answered:
        text += f" {_name(partner_name)} has already tapped and guessed."
    return text


def _every(days: int) -> str:
    return CADENCE_NAMES.get(days, f"every {days} days")


def ask_guess_cadence(current: int) -> str:
    return (
        "How often should a round be a guess round? You each tap your answer and guess the "
        f"other's. Now: <b>{_every(current)}</b>."
    )


def guess_cadence_set(days: int, by_name: str | None) -> str:
    who = f"{_name(by_name)} set guess rounds to" if by_name else "Guess rounds:"
    return f"{who} <b>{_every(days)}</b>."


def guess_reveal(reveal: n.GuessReveal) -> str:
    name = escape(reveal.partner_name, quote=False)
    mine, my_guess = escape(reveal.my_answer, quote=False), escape(reveal.my_guess, quote=False)
    theirs = escape(reveal.their_answer, quote=False)
    their_guess = escape(reveal.their_guess, quote=False)
    they_knew = reveal.their_guess == reveal.my_answer
    you_knew = reveal.my_guess == reveal.their_answer
    lines = [
        f"🔮 <b>Guess round</b>\n<i>{escape(reveal.question, quote=False)}</i>",
        f"You: <b>{mine}</b> · {name} guessed <b>{their_guess}</b> {_mark(they_knew)}\n"
        f"{name}: <b>{theirs}</b> · you guessed <b>{my_guess}</b> {_mark(you_knew)}",
    ]
    if they_knew and you_knew:
        lines.append("You know each other's picks 💞")
    elif they_knew or you_knew:
        lines.append("One of you knew — and now you both do 🙂")
    else:
        lines.append("Something new about each other — worth asking about 🙂")
    if reveal.right is not None and reveal.made is not None:
        lines.append(
            f"This month you've guessed each other right {reveal.right} of {reveal.made} times."
        )
    return "\n\n".join(lines)


# -- rounds, continued --------------------------------------------------------------------------

SWAP_REFUSED = "This question can't be swapped any more — someone has already answered it."


def answer_saved(partner_name: str, replaced: bool) -> str:
    name = escape(partner_name, quote=False)
    if replaced:
        return f"Updated ✍️ I'll show {name} this new answer instead."
    return f"Got it 🤫 I'll show you {name}'s answer — and {name} yours — once they reply."


def reveal(question: str, partner_name: str, answer_text: str | None, media: str | None) -> str:
    head = f"✨ <b>{escape(partner_name, quote=False)}</b> answered\n<i>{escape(question, quote=False)}</i>"
    if answer_text is not None:
        return f"{head}\n\n{escape(answer_text, quote=False)}"
    if media is not None:
        return f"{head}\n\nTheir {MEDIA_NAMES.get(media, 'message')} is just below 👇"
    return f"{head}\n\nTheir answer is just below 👇"


def long_answer(text: str) -> str:
    return escape(text, quote=False)


MEDIA_NAMES = {
    "voice": "voice note",
    "video_note": "video note",
    "photo": "photo",
    "video": "video",
}


def media_gone(partner_name: str, deleted: bool, again: bool) -> str:
    name = escape(partner_name, quote=False)
    if again and deleted:
        return "(That message was deleted from the chat, so I can't show it again.)"
    if again:
        return "(Telegram wouldn't let me show that message again just now. Sorry! Try once more later?)"
    if deleted:
        return f"({name} deleted this answer before I could show it.)"
    return f"(Telegram wouldn't let me pass on {name}'s message here, even after a few tries. Sorry! Ask {name} to send it again?)"


def answer_locked(partner_name: str) -> str:
    return (
        f"You and {escape(partner_name, quote=False)} have both seen this round, so the answers stay as they "
        "were. Tell them more in a message any time!"
    )


NO_OPEN_ROUND = "There's no open question right now. /today gets today's question."
ROUND_CLOSED = "That question has closed. /today has the newest one."
UNSUPPORTED = (
    "I can only keep answers in words, voice, a video note, or a photo or video with a caption 💛"
)


def moment(iso: str | None) -> str:
    """`Fri 27 Nov, 09:00` from a local ISO date-time."""
    if iso is None:
        return ""
    return f"{datetime.fromisoformat(iso):%a %d %b, %H:%M}"


# Who someone is to their partner when Telegram gives no first name.
NAMELESS = "friend"


def _name(name: str) -> str:
    return escape(name, quote=False)


# -- responding to a reveal ---------------------------------------------------------------------

REPLY = "💬 Reply"


def reaction_sent(emoji: str) -> str:
    return f"{emoji} sent"


def reacted(partner_name: str, emoji: str, question: str) -> str:
    return f"{_name(partner_name)} reacted {emoji} to your answer to <i>{escape(question, quote=False)}</i>"


def follow_up_ask(partner_name: str) -> str:
    return f"What would you like to tell {_name(partner_name)} about their answer? Send one message — words, voice or a photo."


def follow_up(partner_name: str, question: str, text: str | None, media: str | None) -> str:
    head = f"💬 <b>{_name(partner_name)}</b> replied about <i>{escape(question, quote=False)}</i>"
    if text:
        return f"{head}\n\n{escape(text, quote=False)}"
    return f"{head}\n\nTheir {MEDIA_NAMES.get(media or '', 'message')} is just below 👇"


def follow_up_sent(partner_name: str) -> str:
    return f"Sent to {_name(partner_name)} 💬"


# The database stayed locked by another process (a backup, a shell) past the wait: nothing was
# kept, and the person is told so rather than left believing it was.
NOT_TAKEN_IN = "Sorry, I couldn't take that in just now. Please send it again in a minute."
NOT_TAKEN_IN_TAP = "That didn't go through. Please tap again in a minute."
BUTTON_GONE = "This button no longer works. Try /today or /help."
PAIR_ENDED = "That round belongs to a pair that has ended, so this button no longer works."


def reminder(question: str, partner_name: str, partner_answered: bool) -> str:
    text = f"A gentle nudge 🌙 Today's question is still waiting for you:\n<i>{escape(question, quote=False)}</i>"
    if partner_answered:
        text += f"\n\n{_name(partner_name)} has already answered — reply to see theirs."
    return text


# -- appreciation -------------------------------------------------------------------------------

STARTER_FREE = "My own words…"


def starter_button(starter: str) -> str:
    return f"{starter}…"


def appreciate_menu(partner_name: str) -> str:
    return f"What would you like to tell {_name(partner_name)}? Pick a start, or write your own."


def appreciate_ask(partner_name: str, starter: str) -> str:
    if starter:
        return (
            f"Finish the sentence for {_name(partner_name)}:\n<i>{escape(starter, quote=False)}</i>\n\n"
            "Words, a voice note, a video note or a photo — it goes to them right away."
        )
    return f"Write {_name(partner_name)} a few words — or send a voice note, video note or photo. It goes to them right away."


def appreciation(partner_name: str, text: str | None, media: str | None) -> str:
    head = f"💌 from <b>{_name(partner_name)}</b>"
    if text:
        return f"{head}:\n\n{escape(text, quote=False)}"
    return f"{head} — their {MEDIA_NAMES.get(media or '', 'message')} is just below 👇"


def appreciation_sent(partner_name: str) -> str:
    return f"Sent 💌 {_name(partner_name)} has it now."


def appreciation_held(partner_name: str, until: str | None) -> str:
    when_over = f"when the pause ends ({moment(until)})" if until else "when the pause ends"
    return f"Kept safe 💌 Your pair is paused, so this reaches {_name(partner_name)} {when_over}."


def appreciation_limit(limit: int) -> str:
    return f"That's {limit} appreciations today — lovely! Save the next ones for tomorrow 💛"


def appreciation_reacted(partner_name: str, emoji: str) -> str:
    return f"{_name(partner_name)} reacted {emoji} to your appreciation."


def held_dropped(partner_name: str, count: int) -> str:
    what = "appreciation" if count == 1 else f"{count} appreciations"
    return f"The {what} you sent {_name(partner_name)} during the pause won't be delivered, now that your pair has ended."


# -- space --------------------------------------------------------------------------------------

PAUSE_MENU = (
    "Need some space? That's okay, and no reason is needed. For how long?\n\n"
    "Your person will be told kindly. To add a short note, type it: "
    "<code>/pause 3d a few quiet days for me</code>"
)
PAUSE_LABELS = {"1d": "1 day", "3d": "3 days", "1w": "1 week", "open": "Until I resume"}
PAUSE_BUTTON = "⏸ Pause"


def _note(name: str, note: str | None) -> str:
    return f"\n\n{name}'s note: “{escape(note, quote=False)}”" if note else ""


def paused(until: str | None, note: str | None) -> str:
    span = f"until {moment(until)}" if until else "until you /resume"
    return f"Paused {span}. No questions or reminders for either of you until then. /resume ends it early."


def partner_paused(partner_name: str, until: str | None, note: str | None) -> str:
    name = _name(partner_name)
    span = f"until {moment(until)}" if until else "for a while"
    return (
        f"{name} is taking a little space {span}, so no questions until then. "
        f"Nothing you need to do 💛{_note(name, note)}"
    )


def pause_over(by_name: str | None, next_day: str, at: str) -> str:
    coming = f" The next question comes {when(next_day, at)}." if next_day else ""
    if by_name:
        return f"{_name(by_name)} ended the pause. Questions are back 💛{coming}"
    return f"The pause is over — welcome back 💛{coming}"


def pause_not_yours(partner_name: str, until: str | None) -> str:
    name = _name(partner_name)
    span = f"until {moment(until)}" if until else f"until {name} resumes"
    return f"{name} paused Duet {span}. Only {name} can end it early; give it time 💛"


NOT_PAUSED = "Duet isn't paused right now. /pause if you need some space."
BAD_PAUSE = "I didn't catch how long. Try <code>/pause 1d</code>, <code>3d</code>, <code>1w</code> or <code>open</code> — a short note can follow."


# -- settings and leaving -----------------------------------------------------------------------

CADENCE_NAMES = {3: "every 3 days", 7: "weekly", 14: "every 2 weeks", 0: "never"}
KIND_NAMES = {"couple": "a couple", "friends": "friends"}
KIND_BUTTONS = {"couple": "A couple", "friends": "Friends"}
REMINDER_OFF = "Off"


def settings_menu(
    at: str,
    timezone: str,
    reminder_at: str | None,
    pair_kind: str | None,
    every: int | None,
    recap_day: int | None = None,
    recap_at: str | None = None,
    guess_every: int | None = None,
) -> str:
    lines = [
        "Your settings:",
        f"⏰ Daily question: <b>{at}</b> ({escape(timezone, quote=False)})",
        f"🌙 Evening reminder: <b>{reminder_at or 'off'}</b>",
        f"🖼 Weekly recap: <b>{recap_setting(recap_day, recap_at)}</b>",
    ]
    if pair_kind is not None and every is not None:
        lines.append(f"👥 You are: <b>{KIND_NAMES[pair_kind]}</b>")
        lines.append(
            f"💌 Appreciation rounds: <b>{CADENCE_NAMES.get(every, f'every {every} days')}</b>"
        )
    if pair_kind is not None and guess_every is not None:
        lines.append(f"🔮 Guess rounds: <b>{_every(guess_every)}</b>")
    return "\n".join(lines)


SETTINGS_BUTTONS = {
    "time": "⏰ Time",
    "zone": "🌍 Timezone",
    "reminder": "🌙 Reminder",
    "recap": "🖼 Weekly recap",
    "kind": "👥 Couple or friends",
    "cadence": "💌 Appreciation rounds",
    "packs": "📚 Question packs",
    "guess": "🔮 Guess rounds",
}


def ask_reminder(current: str | None) -> str:
    return f"If you haven't answered by evening, I send one gentle reminder. Now: <b>{current or 'off'}</b>."


def reminder_set(at: str | None) -> str:
    if at is None:
        return "Reminders are off. Turn them back on in /settings."
    return f"Reminders now come at <b>{at}</b>, only if you haven't answered yet."


def ask_pair_kind(current: str) -> str:
    return f"Are you two a couple or friends? Now: <b>{KIND_NAMES[current]}</b>. Friends never get romantic questions."


def pair_kind_set(kind: str, by_name: str | None) -> str:
    who = f"{_name(by_name)} set you two as" if by_name else "You're now set as"
    return f"{who} <b>{KIND_NAMES[kind]}</b>. Questions will fit."


def ask_cadence(current: int) -> str:
    return f"How often should a day's question be an appreciation nudge? Now: <b>{CADENCE_NAMES.get(current, current)}</b>."


def cadence_set(days: int, by_name: str | None) -> str:
    who = f"{_name(by_name)} set appreciation rounds to" if by_name else "Appreciation rounds:"
    return f"{who} <b>{CADENCE_NAMES.get(days, days)}</b>."


def unpair_confirm(partner_name: str) -> str:
    return (
        f"End your pair with {_name(partner_name)}? Answers not yet revealed will be deleted, "
        f"and {_name(partner_name)} will be told."
    )


UNPAIR_YES = "Yes, end it"
KEEP = "Keep things as they are"


def unpaired(partner_name: str) -> str:
    return f"Done. You and {_name(partner_name)} are no longer paired. /invite someone whenever you like."


def partner_unpaired(partner_name: str) -> str:
    return f"{_name(partner_name)} has ended your pair. Take good care of yourself 💛 /invite someone whenever you're ready."


DELETE_CONFIRM = (
    "Delete everything I know about you — answers, appreciations, reactions, settings? "
    "This can't be undone. If you're paired, the pair ends and your partner is told."
)
DELETE_YES = "Yes, delete everything"
DATA_DELETED = "Everything about you is deleted. If you ever want to come back, /start."


def partner_left(partner_name: str) -> str:
    return f"{_name(partner_name)} has left Duet, so your pair has ended. Take good care 💛 /invite someone whenever you're ready."


CANCELLED = "Okay, nothing changed."

PACKS_MENU = (
    "Which kinds of questions would you like? Tap a pack to turn it on or off — "
    "it changes things for both of you."
)


# The pop-up for a pack button tapped twice, or on an old menu, when it already is as asked.
PACK_ALREADY = {
    True: "You've already turned this pack on 💛 Nothing changed.",
    False: "This pack is already off. Nothing changed.",
}


def pack_button(name: str, on: bool, waiting_for: str | None = None) -> str:
    """A pack in the menu: on, off, or (needing both partners) waiting for the partner."""
    if waiting_for is not None and not on:
        return f"⏳ {name} (waiting for {waiting_for})"
    return f"{'✅' if on else '▫️'} {name}"


def pack_consent(name: str, step: n.ConsentStep, partner_name: str) -> str:
    """A pack that needs both partners: gentle words, and never what its questions ask."""
    pack, partner = f"<b>{_name(name)}</b>", _name(partner_name)
    match step:
        case n.ConsentStep.WAITING:
            return (
                f"Thank you 💛 {pack} starts once {partner} turns it on too. Until then nothing "
                "changes, and you can take it back any time in /settings."
            )
        case n.ConsentStep.OFFERED:
            return (
                f"{partner} would be glad to add the {pack} questions. It starts only if you "
                "turn it on too in /settings, whenever you like — and it's completely fine "
                "to leave it off."
            )
        case n.ConsentStep.ON:
            return (
                f"You both turned {pack} on 💛 Its questions join the mix from the next round. "
                "Either of you can turn it off any time in /settings."
            )
        case n.ConsentStep.WITHDRAWN:
            return f"{pack} stays off. You can turn it on again any time in /settings."
        case n.ConsentStep.OFF:
            return f"{pack} is off for you both now."
        case n.ConsentStep.PARTNER_OFF:
            return (
                f"{pack} is off for now, for you both. Either of you can turn it on again "
                "in /settings, and it starts once you both have."
            )
        case _:
            assert_never(step)


def pack_set(name: str, on: bool, by_name: str | None) -> str:
    state = "on" if on else "off"
    if by_name:
        return f"{_name(by_name)} turned <b>{_name(name)}</b> {state} for you both."
    follow = " Its questions join the mix from the next round." if on else ""
    return f"<b>{_name(name)}</b> is {state}.{follow}"


def last_pack_stays(name: str) -> str:
    return f"<b>{_name(name)}</b> is your only pack on, so it stays. Turn another on first."


def ask_own_question(partner_name: str) -> str:
    return (
        f"What would you like to ask {_name(partner_name)}? Send it as your next message — "
        "you'll both answer it, just like any other day."
    )


def own_question_length(length: int, limit: int, too_long: bool) -> str:
    if too_long:
        return (
            f"That's {length} characters — a question can be up to {limit}. "
            "Could you make it a little shorter? Send it again whenever you're ready."
        )
    return "That's a bit short for a question. What would you like to ask? Send it again."


def own_questions_full(limit: int) -> str:
    return f"There are already {limit} of your own questions waiting. Add another once one has had its day."


def own_question_saved(partner_name: str, ahead: int, round_open: bool) -> str:
    name = _name(partner_name)
    if ahead:
        when = f"after the {ahead} own question{'s' if ahead > 1 else ''} already waiting"
    elif round_open:
        when = "once today's is answered, at your usual time"
    else:
        when = "at your usual time"
    return f"Saved 💛 You and {name} will both get it {when}. {name} won't see it before then."


OWN_QUESTION_NEEDS_WORDS = "A question needs words — type it as a message, please."


def partner_unreachable(partner_name: str) -> str:
    return f"I can't reach {_name(partner_name)} right now — they may have stopped the bot. Questions wait until they're back."


def partner_back(partner_name: str) -> str:
    return f"{_name(partner_name)} is back 💛 Questions come again as usual."


# -- our story ----------------------------------------------------------------------------------

# What a page keeps of long words, so that the whole page fits one message.
PAGE_ANSWER_CHARS = 1200
PAGE_FOLLOW_UP_CHARS = 200
PAGE_FOLLOW_UPS = 4
MEDIA_ICONS = {"voice": "🎤", "video_note": "📹", "photo": "📷", "video": "🎬"}


def _clip(text: str, limit: int) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…", quote=False)


def _past_answer(answer: n.PastAnswer, reactor: str) -> str:
    lines = [f"<b>{_name(answer.name)}</b>"]
    if answer.media is not None:
        what = MEDIA_NAMES.get(answer.media, "message")
        verb = "hear" if answer.media == "voice" else "see"
        lines.append(
            f"{MEDIA_ICONS.get(answer.media, '📎')} A {what}: tap below to {verb} it again"
        )
    if answer.text:
        lines.append(_clip(answer.text, PAGE_ANSWER_CHARS))
    if answer.guess:
        lines.append(
            f"<i>guessed {_name(reactor)} would pick {escape(answer.guess, quote=False)}</i>"
        )
    if answer.reaction:
        lines.append(f"<i>{_name(reactor)} reacted {answer.reaction}</i>")
    return "\n".join(lines)


def _past_follow_up(said: n.PastFollowUp) -> str:
    words = _clip(said.text, PAGE_FOLLOW_UP_CHARS) if said.text else None
    if said.media is not None:
        media = f"{MEDIA_ICONS.get(said.media, '📎')} {MEDIA_NAMES.get(said.media, 'message')}"
        words = f"{media}: {words}" if words else media
    return f"💬 <b>{_name(said.name)}</b>: {words or ''}"


def history_page(page: n.HistoryPage) -> str:
    day = date.fromisoformat(page.day)
    names = [a.name for a in page.answers]
    parts = [f"📖 <b>{day:%A %d %B %Y}</b>\n<i>{escape(page.question, quote=False)}</i>"]
    for answer in page.answers:
        reactor = next((name for name in names if name != answer.name), "")
        parts.append(_past_answer(answer, reactor))
    if page.follow_ups:
        shown = [_past_follow_up(f) for f in page.follow_ups[:PAGE_FOLLOW_UPS]]
        more = len(page.follow_ups) - PAGE_FOLLOW_UPS
        if more > 0:
            shown.append(f"<i>…and {more} more in your chat from that day</i>")
        parts.append("\n".join(shown))
    return "\n\n".join(parts)


def history_empty(partner_name: str) -> str:
    return (
        f"Your story with {_name(partner_name)} starts with your first answers revealed "
        "together. Once you've both answered a question, it waits for you here 📖"
    )


OLDER = "◀ Older"
NEWER = "Newer ▶"
MONTH_AGO = "⏪ A month ago"
YEAR_AGO = "⏪ A year ago"


def see_again(name: str, media: str) -> str:
    return f"{MEDIA_ICONS.get(media, '📎')} {name}'s {MEDIA_NAMES.get(media, 'message')}"


HISTORY_GONE = "That page isn't part of your story. /history opens it afresh."
HISTORY_ENDED = "That pair has ended, so its story is closed."
SENDING_AGAIN = "Here it is again 👇"


def stats(s: n.Stats) -> str:
    name = _name(s.partner_name)
    if s.days_together == 0:
        together = "your first day together"
    else:
        together = f"{s.days_together} {'day' if s.days_together == 1 else 'days'} together"
    lines = [
        f"🌿 <b>You and {name}</b>: {together}",
        "",
        f"Questions answered together: <b>{s.rounds_together}</b>",
        f"Appreciations: <b>{s.appreciations_sent}</b> sent, "
        f"<b>{s.appreciations_received}</b> received",
        f"Themes explored: <b>{s.themes}</b> of {s.themes_total}",
    ]
    if s.deepest:
        lines.append(f"Deepest question so far: {DEPTH_NAMES.get(s.deepest, str(s.deepest))}")
    lines.append("")
    if s.weeks_in_a_row:
        weeks = "week" if s.weeks_in_a_row == 1 else "weeks"
        lines.append(f"🌱 <b>{s.weeks_in_a_row}</b> {weeks} together in a row")
    else:
        lines.append("🌱 A week together counts once you've answered 3 questions together in it.")
    if s.week_opened:
        lines.append(f"This week: {s.week_together} of {s.week_opened} answered together")
    lines.append("<i>Paused days never count against you.</i>")
    return "\n".join(lines)


DEPTH_NAMES = {1: "light and easy", 2: "a little deeper", 3: "deep"}
# -- our journal --------------------------------------------------------------------------------

JOURNAL_FIRST = "📖 Get our journal first"


def no_journal(days: int) -> str:
    return (
        "There's no journal to export. Once you're paired, /export gives you one; after a pair "
        f"ends, its journal is kept {days} days."
    )


def export_limit(limit: int) -> str:
    return f"That's {limit} journals today — it'll keep 💛 Try again tomorrow."


JOURNAL_GONE = "That journal is no longer kept, so there's nothing to send. Sorry!"


def journal_caption(rounds: int, appreciations: int, left_out: int) -> str:
    text = (
        f"Our journal 📖 {rounds} round{'s' if rounds != 1 else ''} and {appreciations} "
        f"appreciation{'s' if appreciations != 1 else ''}. Open journal.html in any browser; "
        "journal.json holds the same."
    )
    if left_out:
        text += f" {left_out} voice notes, photos or videos didn't fit; the journal says which."
    return text


# Inside the journal file (plain text: the file escapes it).
JOURNAL_TITLE = "Our journal"
FORMER_PARTNER = "your partner"
ANSWER_DELETED = "answer deleted"
IN_CHAT_ONLY = "kept in your Telegram chat"
NOT_FETCHED = "not included: Telegram would not hand it over"
TOO_BIG = "not included: too big to fit in one file"
APPRECIATION_HEAD = "💌 Appreciation from {sender} to {recipient}"
REPLIED = "{name} replied"
REACTED = "{name} reacted {emoji}"


def journal_guess(name: str, option: str, right: bool | None) -> str:
    """A partner's guess on a guess round, as the journal keeps it (plain text, not HTML)."""
    mark = "" if right is None else f" {_mark(right)}"
    return f"guessed {name} would pick {option}{mark}"


def journal_since(names: str, since: date, ended: date | None, made: date) -> str:
    span = f"from {since:%d %B %Y} to {ended:%d %B %Y}" if ended else f"since {since:%d %B %Y}"
    return f"{names}, {span}. Made on {made:%d %B %Y}."


# -- the weekly recap ---------------------------------------------------------------------------

# The picture may be forwarded: it says nothing of who the two are or what they wrote.
PICTURE_TITLE = "Our week together"
PICTURE_LEGEND = {
    "together": "answered together",
    "one": "one answered",
    "paused": "paused",
    "none": "quiet",
}
PICTURE_STREAK = "weeks together\nin a row"
PICTURE_REACTIONS = "reactions\ngiven"
PICTURE_APPRECIATIONS = "appreciations\nsent"


def picture_dates(first: date, last: date) -> str:
    # Pillow's bundled font has no en dash: a plain hyphen joins the days.
    if first.month == last.month:
        return f"{first.day}-{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} - {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} - {last.day} {last:%b %Y}"


def picture_themes(themes: tuple[str, ...]) -> str:
    if not themes:
        return "A quiet week. That's fine too."
    return "Themes: " + " · ".join(themes)


RECAP_AGO = {"year": "a year ago", "month": "a month ago"}


def recap(memory_ago: str | None, memory_question: str | None) -> str:
    text = (
        "Your week together 💛 Take a quiet minute with each other: "
        "what moment from this week would you like to remember?"
    )
    if memory_ago and memory_question:
        text += (
            f"\n\n<b>On this day</b>, {RECAP_AGO[memory_ago]}, you both answered:\n"
            f"<i>{escape(memory_question, quote=False)}</i>"
        )
    return text


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RECAP_TIMES = ("09:00", "12:00", "19:00", "21:00")
RECAP_OFF = "No recaps"


def recap_setting(day: int | None, at: str | None) -> str:
    if day is None or at is None:
        return "off"
    return f"{WEEKDAYS[day]}s at {at}"


def ask_recap_day(day: int | None, at: str | None) -> str:
    return (
        "Once a week I send you a small picture of your week together. "
        f"Now: <b>{recap_setting(day, at)}</b>. Which day suits you?"
    )


def ask_recap_time(day: int) -> str:
    return f"And at what time on {WEEKDAYS[day]}s?"


def recap_set(day: int | None, at: str | None) -> str:
    if day is None or at is None:
        return "Weekly recaps are off. Turn them back on in /settings."
    return f"Your weekly recap now comes on <b>{recap_setting(day, at)}</b>."


# -- ideas for time together (issue 12) --------------------------------------------------------

IDEA_MORE = "Another idea"
IDEA_YES = "I'm in 🙌"
IDEA_LATER = "Another time"
STORY_SHARE = "Share how it went"
IDEA_TAPS = {
    IdeaTap.GONE: BUTTON_GONE,
    IdeaTap.SENT: "Already sent 💌",
    IdeaTap.ANSWERED: "Already answered 💛",
    IdeaTap.ENDED: "That belongs to a pair that has ended, so this button no longer works.",
}


def idea_send(partner_name: str) -> str:
    return f"Send to {partner_name}"


def idea_offer(text: str, partner_name: str) -> str:
    return (
        f"💡 {escape(text, quote=False)}\n\n"
        f"Like it? Send it to {_name(partner_name)} as an invitation — or get another."
    )


def idea_invitation(partner_name: str, text: str) -> str:
    return (
        f"💌 {_name(partner_name)} has an idea for you two:\n\n"
        f"<i>{escape(text, quote=False)}</i>\n\nFancy it?"
    )


def idea_sent(partner_name: str) -> str:
    return f"Sent 💌 I'll tell you what {_name(partner_name)} says."


def idea_held(partner_name: str, until: str | None) -> str:
    when_over = f"when the pause ends ({moment(until)})" if until else "when the pause ends"
    return f"Kept safe 💌 Your pair is paused, so this reaches {_name(partner_name)} {when_over}."


def idea_answered(partner_name: str, text: str, accepted: bool) -> str:
    name, idea = _name(partner_name), escape(text, quote=False)
    if accepted:
        return (
            f"🙌 {name} is in for <i>{idea}</i>\n\n"
            "Enjoy it — it's on your /ideas list. Tomorrow evening I'll ask you both how it went."
        )
    return (
        f"{name} would rather keep <i>{idea}</i> for another time. "
        "No problem at all — /idea has plenty more whenever you like."
    )


def idea_answer_noted(partner_name: str, accepted: bool) -> str:
    name = _name(partner_name)
    if accepted:
        return (
            f"Lovely — I've told {name} 🙌 It's on your /ideas list, and tomorrow evening "
            "I'll ask you both how it went."
        )
    return f"Got it — I've let {name} know, kindly. Maybe another day."


def how_was_it(text: str, partner_name: str) -> str:
    return (
        f"🌙 How was it? You and {_name(partner_name)} said yes to:\n"
        f"<i>{escape(text, quote=False)}</i>\n\n"
        "Reply to this message with a line or a photo, or tap below — you'll each see the "
        "other's once you've both shared."
    )


def story_ask(partner_name: str) -> str:
    return f"How did it go? Send a line or a photo, and I'll keep it until {_name(partner_name)} shares too."


def story_saved(partner_name: str, replaced: bool) -> str:
    name = _name(partner_name)
    if replaced:
        return f"Updated ✍️ I'll show {name} this one instead."
    return f"Kept 🤫 {name} hasn't shared yet — you'll see each other's once they do."


def story_reveal(idea: str, partner_name: str, text: str | None, media: str | None) -> str:
    head = f"✨ How it went for <b>{_name(partner_name)}</b>\n<i>{escape(idea, quote=False)}</i>"
    if text is not None:
        return f"{head}\n\n{escape(text, quote=False)}"
    if media is not None:
        return f"{head}\n\nTheir {MEDIA_NAMES.get(media, 'message')} is just below 👇"
    return f"{head}\n\nTheir words are just below 👇"


STORY_GONE = "That idea is from a pair that has ended, so there's no one to share it with now."
STORY_NEEDS_WORDS = "A line or a photo, please — that's what I can keep for how it went 💛"


def story_locked(partner_name: str) -> str:
    return f"You've both shared how it went, so it's kept as it is now. /idea for the next one with {_name(partner_name)}?"


# -- the pair's list of ideas

IDEA_LIST_GONE = "That page isn't on your list. /ideas opens it afresh."
IDEA_LIST_ENDED = "That pair has ended, so its list is closed."
IDEA_RETIRED = "an idea no longer in the pack"


def _listed_idea(idea: n.ListedIdea) -> str:
    words = escape(idea.text, quote=False) if idea.text else IDEA_RETIRED
    status = "done ✅" if idea.done else "still to do"
    return f"💡 <i>{words}</i>\nSaid yes on {date.fromisoformat(idea.day):%d %b %Y} · {status}"


def idea_list_page(page: n.IdeaListPage) -> str:
    ideas = "1 idea" if page.total == 1 else f"{page.total} ideas"
    head = f"📋 <b>Your list with {_name(page.partner_name)}</b>\n{ideas} you both said yes to"
    return "\n\n".join([head, *(_listed_idea(idea) for idea in page.ideas)])


def idea_list_empty(partner_name: str) -> str:
    return (
        f"Your list with {_name(partner_name)} is empty for now. Try /idea — the ones you "
        "both say yes to wait here 💛"
    )
