"""Notice → the Bot API call that tells it: text with buttons, a copy of a user's message, or a
picture."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import assert_never

from telegram import InlineKeyboardMarkup
from telegram.helpers import create_deep_linked_url

from bot.domain import notices as n
from bot.domain.guess import GuessStep
from bot.domain.week import WeekFacts
from bot.tg import callbacks as cb
from bot.tg import keyboards, picture, texts


@dataclass(frozen=True)
class Text:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class Copy:
    from_chat_id: int
    message_id: int


@dataclass(frozen=True)
class Document:
    """A file to upload, with a caption (HTML)."""

    filename: str
    data: bytes
    caption: str


@dataclass(frozen=True)
class JournalRequest:
    """The journal of a pair for one reader: the sender makes it into a Document when it sends
    it (tg/journal.py), from what is kept then."""

    pair_id: int
    reader_id: int


@dataclass(frozen=True)
class Photo:
    """A pair's recap picture: drawn and uploaded for the first partner, then sent again by
    the file_id Telegram gave it to a partner whose week looks the same (`digest`)."""

    caption: str
    draw: Callable[[], bytes]
    pair_id: int
    week: str
    digest: str


Outgoing = Text | Copy | Photo | Document | JournalRequest


def render(notice: n.Notice, bot_username: str) -> Outgoing:
    """The message one notice becomes."""

    def link(code: str) -> str:
        return create_deep_linked_url(bot_username, code)

    match notice:
        case n.Welcome(first_name, paired):
            return Text(texts.welcome(first_name, paired))
        case n.AskTime(current, onboarding):
            return Text(texts.ask_time(current), keyboards.time_choices(onboarding))
        case n.AskTimezone(current):
            return Text(texts.ask_timezone(current), keyboards.zone_choices())
        case n.ScheduleSet(at, timezone, next_day, paired, paused, paused_until):
            return Text(texts.schedule_set(at, timezone, next_day, paired, paused, paused_until))
        case n.BadTime():
            return Text(texts.BAD_TIME)
        case n.BadTimezone():
            return Text(texts.BAD_TIMEZONE)
        case n.Help():
            return Text(texts.HELP)
        case n.PrivateOnly():
            return Text(texts.PRIVATE_ONLY.format(username=bot_username))
        case n.InviteLink(code, hours):
            return Text(texts.invite_link(link(code), hours))
        case n.InviteCard(inviter_name, code):
            return Text(texts.invite_card(inviter_name, link(code)))
        case n.InviteOffer(code, inviter_name):
            return Text(texts.invite_offer(inviter_name), keyboards.invite_offer(code))
        case n.InviteProblem(reason, partner_name):
            return Text(texts.invite_problem(reason, partner_name))
        case n.InviteDeclined(invitee_name):
            return Text(texts.invite_declined(invitee_name))
        case n.DeclineNoted(inviter_name):
            return Text(texts.decline_noted(inviter_name))
        case n.Paired(partner_name, at, timezone, next_day):
            return Text(texts.paired(partner_name, at, timezone, next_day))
        case n.NotPaired():
            return Text(texts.NOT_PAIRED)
        case n.NotRegistered():
            return Text(texts.NOT_REGISTERED)
        case n.PromptMessage(round_id, text, kind, theme, can_swap, _, asked_by, options):
            return Text(
                texts.prompt(text, kind, theme, asked_by),
                keyboards.guess_prompt_buttons(round_id, options)
                if options
                else keyboards.prompt_buttons(round_id, can_swap),
            )
        case n.TodayAgain(
            round_id, text, kind, theme, status, partner_name, can_swap, asked_by, options
        ):
            return Text(
                texts.today_again(text, kind, theme, status, partner_name, asked_by),
                keyboards.guess_prompt_buttons(round_id, options)
                if options and status == "open"
                else keyboards.prompt_buttons(round_id, can_swap and status == "open"),
            )
        case n.AnswerSaved(partner_name, replaced):
            return Text(texts.answer_saved(partner_name, replaced))
        case n.Reveal(round_id, question, partner_name, answer_text, media):
            return Text(
                texts.reveal(question, partner_name, answer_text, media),
                keyboards.reveal_buttons(round_id),
            )
        case n.Relay(from_chat_id, message_id, _, _):
            return Copy(from_chat_id, message_id)
        case n.ButtonGone():
            return Text(texts.BUTTON_GONE)
        case n.RevealLongText(text):
            return Text(texts.long_answer(text))
        case n.MediaGone(partner_name, deleted, again):
            return Text(texts.media_gone(partner_name, deleted, again))
        case n.AnswerLocked(partner_name):
            return Text(texts.answer_locked(partner_name))
        case n.NoOpenRound():
            return Text(texts.NO_OPEN_ROUND)
        case n.RoundClosed():
            return Text(texts.ROUND_CLOSED)
        case n.UnsupportedAnswer():
            return Text(texts.UNSUPPORTED)
        case n.SwapRefused():
            return Text(texts.SWAP_REFUSED)
        # -- guess rounds (issue 12)
        case n.GuessAsk(round_id, question, partner_name, options, own):
            return Text(
                texts.guess_ask(question, partner_name, options[own]),
                keyboards.guess_options(round_id, GuessStep.PARTNER, options, []),
            )
        case n.GuessWaiting(partner_name, own, guess):
            return Text(texts.guess_waiting(partner_name, own, guess))
        case n.GuessReveal() as reveal:
            return Text(texts.guess_reveal(reveal), keyboards.reveal_buttons(reveal.round_id))
        case n.GuessNeedsTap():
            return Text(texts.GUESS_NEEDS_TAP)
        case n.AskGuessCadence(current):
            return Text(texts.ask_guess_cadence(current), keyboards.guess_cadence_choices())
        case n.GuessCadenceSet(days, by_name):
            return Text(texts.guess_cadence_set(days, by_name))
        # -- a pair's week: reactions, appreciation, reminders, space
        case n.Reacted(partner_name, emoji, question):
            return Text(texts.reacted(partner_name, emoji, question))
        case n.FollowUpAsk(partner_name):
            return Text(texts.follow_up_ask(partner_name))
        case n.FollowUp(_, partner_name, question, text, media):
            return Text(texts.follow_up(partner_name, question, text, media))
        case n.FollowUpSent(partner_name):
            return Text(texts.follow_up_sent(partner_name))
        case n.PairEnded():
            return Text(texts.PAIR_ENDED)
        case n.Reminder(round_id, question, partner_name, partner_answered, options):
            if options:
                return Text(
                    texts.guess_reminder(question, partner_name, partner_answered),
                    keyboards.guess_prompt_buttons(round_id, options),
                )
            return Text(texts.reminder(question, partner_name, partner_answered))
        case n.AppreciateMenu(partner_name):
            return Text(texts.appreciate_menu(partner_name), keyboards.starters())
        case n.AppreciateAsk(partner_name, starter):
            return Text(texts.appreciate_ask(partner_name, starter))
        case n.Appreciation(appreciation_id, partner_name, text, media):
            return Text(
                texts.appreciation(partner_name, text, media),
                keyboards.appreciation_buttons(appreciation_id),
            )
        case n.AppreciationSent(partner_name):
            return Text(texts.appreciation_sent(partner_name))
        case n.AppreciationHeld(partner_name, until):
            return Text(texts.appreciation_held(partner_name, until))
        case n.AppreciationLimit(limit):
            return Text(texts.appreciation_limit(limit))
        case n.AppreciationReacted(partner_name, emoji):
            return Text(texts.appreciation_reacted(partner_name, emoji))
        case n.HeldDropped(partner_name, count):
            return Text(texts.held_dropped(partner_name, count))
        case n.PauseMenu():
            return Text(texts.PAUSE_MENU, keyboards.pause_choices())
        case n.Paused(until, note):
            return Text(texts.paused(until, note))
        case n.PartnerPaused(partner_name, until, note):
            return Text(texts.partner_paused(partner_name, until, note))
        case n.PauseOver(by_name, next_day, at):
            return Text(texts.pause_over(by_name, next_day, at))
        case n.PauseNotYours(partner_name, until):
            return Text(texts.pause_not_yours(partner_name, until))
        case n.NotPausedNow():
            return Text(texts.NOT_PAUSED)
        case n.BadPause():
            return Text(texts.BAD_PAUSE)
        case n.WeeklyRecap(pair_id, week, days, reactions, appreciations, themes, streak):
            facts = WeekFacts(
                date.fromisoformat(week), days, reactions, appreciations, themes, streak
            )
            caption = texts.recap(notice.memory_ago, notice.memory_question)
            draw = partial(picture.draw_week, facts)
            return Photo(caption, draw, pair_id, week, picture.digest(facts))
        # -- settings and leaving
        case n.SettingsMenu(
            at, timezone, reminder_at, pair_kind, every, recap_day, recap_at, guess_every
        ):
            return Text(
                texts.settings_menu(
                    at, timezone, reminder_at, pair_kind, every, recap_day, recap_at, guess_every
                ),
                keyboards.settings_menu(pair_kind is not None),
            )
        case n.AskRecapDay(weekday, at):
            return Text(texts.ask_recap_day(weekday, at), keyboards.recap_days())
        case n.AskRecapTime(weekday):
            return Text(texts.ask_recap_time(weekday), keyboards.recap_times(weekday))
        case n.RecapSet(weekday, at):
            return Text(texts.recap_set(weekday, at))
        case n.AskReminder(current):
            return Text(texts.ask_reminder(current), keyboards.reminder_choices())
        case n.ReminderSet(at):
            return Text(texts.reminder_set(at))
        case n.AskPairKind(current):
            return Text(texts.ask_pair_kind(current), keyboards.kind_choices())
        case n.PairKindSet(kind, by_name):
            return Text(texts.pair_kind_set(kind, by_name))
        case n.AskCadence(current):
            return Text(texts.ask_cadence(current), keyboards.cadence_choices())
        case n.CadenceSet(days, by_name):
            return Text(texts.cadence_set(days, by_name))
        case n.PacksMenu(packs, waiting, partner_name):
            return Text(texts.PACKS_MENU, keyboards.pack_choices(packs, waiting, partner_name))
        case n.PackConsent(name, step, partner_name):
            return Text(texts.pack_consent(name, step, partner_name))
        case n.PackSet(name, on, by_name):
            return Text(texts.pack_set(name, on, by_name))
        case n.LastPackStays(name):
            return Text(texts.last_pack_stays(name))
        case n.AskOwnQuestion(partner_name):
            return Text(texts.ask_own_question(partner_name))
        case n.OwnQuestionLength(length, limit, too_long):
            return Text(texts.own_question_length(length, limit, too_long))
        case n.OwnQuestionsFull(limit):
            return Text(texts.own_questions_full(limit))
        case n.OwnQuestionSaved(partner_name, ahead, round_open):
            return Text(texts.own_question_saved(partner_name, ahead, round_open))
        case n.OwnQuestionNeedsWords():
            return Text(texts.OWN_QUESTION_NEEDS_WORDS)
        case n.UnpairConfirm(partner_name, pair_id):
            return Text(
                texts.unpair_confirm(partner_name),
                keyboards.confirm(
                    lambda yes: cb.Unpair(yes, pair_id or 0),
                    texts.UNPAIR_YES,
                    cb.Export(pair_id) if pair_id else None,
                ),
            )
        case n.Unpaired(partner_name):
            return Text(texts.unpaired(partner_name))
        case n.PartnerUnpaired(partner_name):
            return Text(texts.partner_unpaired(partner_name))
        case n.DeleteConfirm():
            return Text(texts.DELETE_CONFIRM, keyboards.confirm(cb.Delete, texts.DELETE_YES))
        case n.DataDeleted():
            return Text(texts.DATA_DELETED)
        case n.PartnerLeft(partner_name):
            return Text(texts.partner_left(partner_name))
        case n.Cancelled():
            return Text(texts.CANCELLED)
        case n.PartnerUnreachable(partner_name):
            return Text(texts.partner_unreachable(partner_name))
        case n.PartnerBack(partner_name):
            return Text(texts.partner_back(partner_name))
        # -- our story
        case n.HistoryPage():
            return Text(texts.history_page(notice), keyboards.history_buttons(notice))
        case n.HistoryEmpty(partner_name):
            return Text(texts.history_empty(partner_name))
        case n.Stats():
            return Text(texts.stats(notice))
        case n.JournalFile(pair_id, reader_id):
            return JournalRequest(pair_id, reader_id)
        case n.NoJournal(days):
            return Text(texts.no_journal(days))
        case n.ExportLimit(limit):
            return Text(texts.export_limit(limit))
        # -- ideas for time together (issue 12)
        case n.IdeaOffer(pair_idea_id, text, partner_name):
            return Text(
                texts.idea_offer(text, partner_name),
                keyboards.idea_offer(pair_idea_id, partner_name),
            )
        case n.IdeaInvitation(pair_idea_id, partner_name, text):
            return Text(
                texts.idea_invitation(partner_name, text), keyboards.idea_invitation(pair_idea_id)
            )
        case n.IdeaSent(partner_name):
            return Text(texts.idea_sent(partner_name))
        case n.IdeaHeld(partner_name, until):
            return Text(texts.idea_held(partner_name, until))
        case n.IdeaAnswered(partner_name, text, accepted):
            return Text(texts.idea_answered(partner_name, text, accepted))
        case n.IdeaAnswerNoted(partner_name, accepted):
            return Text(texts.idea_answer_noted(partner_name, accepted))
        case n.HowWasIt(pair_idea_id, text, partner_name):
            return Text(texts.how_was_it(text, partner_name), keyboards.how_was_it(pair_idea_id))
        case n.StoryAsk(partner_name):
            return Text(texts.story_ask(partner_name))
        case n.StorySaved(partner_name, replaced):
            return Text(texts.story_saved(partner_name, replaced))
        case n.StoryReveal(idea, partner_name, text, media):
            return Text(texts.story_reveal(idea, partner_name, text, media))
        case n.StoryLocked(partner_name):
            return Text(texts.story_locked(partner_name))
        case n.StoryGone():
            return Text(texts.STORY_GONE)
        case n.StoryNeedsWords():
            return Text(texts.STORY_NEEDS_WORDS)
        case n.IdeaListPage():
            return Text(texts.idea_list_page(notice), keyboards.idea_list_buttons(notice))
        case n.IdeaListEmpty(partner_name):
            return Text(texts.idea_list_empty(partner_name))
        case _:
            # mypy fails here when a notice has no case above.
            assert_never(notice)
