"""The daily round: opening it, giving it to each partner, answers, and the reveal."""

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.domain import notices as n
from bot.domain.appreciation import REACTIONS
from bot.domain.awaiting import AwaitingFollowUp
from bot.domain.choose import choose_prompt
from bot.domain.people import Answer, Pair, Round, User, media_kind
from bot.domain.prompts import OWN_PACK, THEMES, Library, Prompt, PromptKind, own_prompt
from bot.domain.schedule import at_local, local_date, next_prompt_at
from bot.domain.zones import zone
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.work import Work, begin
from bot.storage import guesses, pairs, questions, rounds, users
from bot.storage.db import Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)

# A round opened by one partner's morning is the other's too if it comes within this time.
SHARE_WINDOW = timedelta(hours=22)
# How long an unrevealed round still takes answers.
ANSWER_WINDOW = timedelta(days=3)
# No reminder this close after the prompt itself.
REMINDER_MIN_DELAY = timedelta(hours=1)


def prompt_notice(
    rnd: Round, partner: User, asked_by: str | None, *, can_swap: bool, scheduled: bool
) -> n.PromptMessage:
    return n.PromptMessage(
        round_id=rnd.id,
        text=rnd.text.replace("{partner}", partner.first_name),
        kind=rnd.kind,
        theme=THEMES.get(rnd.theme, rnd.theme),
        can_swap=can_swap and asked_by is None and rnd.kind != PromptKind.GUESS,
        scheduled=scheduled,
        asked_by=asked_by,
        options=rnd.options,
    )


async def asked_by(tx: Tx, rnd: Round, reader: User, partner: User) -> str | None:
    """Who wrote the round's question, as the reader sees it: None for a pack prompt, "" for
    the reader themself, else the partner's name."""
    if not rnd.prompt_id.startswith(f"{OWN_PACK}-"):
        return None
    author = await questions.author_of(tx, int(rnd.prompt_id.removeprefix(f"{OWN_PACK}-")))
    return "" if author == reader.id else partner.first_name


async def choose_next(
    tx: Tx, library: Library, pair: Pair, day: date, now: datetime, *, swapping: Round | None
) -> Prompt:
    """The pair's next prompt: their own question if one waits, else the library's choice."""
    if swapping is None:
        own = await questions.take_waiting(tx, pair.id, now)
        if own is not None:
            question_id, _, text = own
            return own_prompt(question_id, text)
    history = await rounds.pair_history(tx, pair.id, pair.created_at, now)
    last = swapping or await rounds.newest_round(tx, pair.id)
    last_prompt = library.prompt(last.prompt_id) if last else None
    if last_prompt is not None:
        history = replace(history, last_themes=history.last_themes | set(last_prompt.themes))
    choices = await pairs.pack_choices(tx, pair.id)
    agreed = await pairs.agreed_packs(tx, pair.id)
    return choose_prompt(
        library.prompts(library.enabled(choices, agreed)),
        history,
        pair.kind,
        day,
        pair.seed,
        pair.appreciation_every,
        fallback=library.prompts(),
        guess_every=pair.guess_every,
    )


async def give_prompt(
    tx: Tx, library: Library, user: User, partner: User, now: datetime, *, scheduled: bool
) -> Round:
    """Give the user the pair's current round: the one the partner just got, or a new one."""
    assert user.pair_id is not None
    newest = await rounds.newest_round(tx, user.pair_id)
    shared = (
        newest is not None
        and newest.revealed_at is None
        and now - newest.opened_at < SHARE_WINDOW
        and user.id not in await rounds.delivered_to(tx, newest.id)
    )
    if shared:
        assert newest is not None
        rnd = newest
    else:
        pair = await pairs.get_pair(tx, user.pair_id)
        assert pair is not None
        day = local_date(now, zone(user.timezone))
        prompt = await choose_next(tx, library, pair, day, now, swapping=None)
        rnd = await rounds.open_round(tx, pair.id, prompt, now)
        log.info("round %s opened for pair %s with prompt %s", rnd.id, pair.id, prompt.id)
    await rounds.record_delivery(tx, rnd.id, user.id, now)
    await plan_reminder(tx, user, rnd, now)
    can_swap = not await rounds.answers_of(tx, rnd.id)
    author = await asked_by(tx, rnd, user, partner)
    notice = prompt_notice(rnd, partner, author, can_swap=can_swap, scheduled=scheduled)
    await enqueue(tx, now, (user.id, notice))
    return rnd


async def plan_reminder(tx: Tx, user: User, rnd: Round, now: datetime) -> None:
    """One gentle reminder for this round, at the user's evening time the same local day."""
    at = None
    if user.reminder_time is not None:
        candidate = at_local(
            local_date(now, zone(user.timezone)), user.reminder_time, zone(user.timezone)
        )
        if candidate >= now + REMINDER_MIN_DELAY:
            at = candidate
    await users.plan_reminder(tx, user.id, at, rnd.id if at else None)


def question_for(rnd: Round, viewer_partner: User) -> str:
    """The round's prompt as one partner reads it."""
    return rnd.text.replace("{partner}", viewer_partner.first_name)


def reveal_notices(rnd: Round, viewer: User, author: User, answer: Answer) -> list[n.Notice]:
    """What `viewer` is sent to see `author`'s answer, with the question as the viewer saw it."""
    question = rnd.text.replace("{partner}", author.first_name)
    if answer.media is not None:
        return [
            n.Reveal(rnd.id, question, author.first_name, None, media_kind(answer.media)),
            n.Relay(author.id, answer.message_id, author.first_name),
        ]
    text = answer.text or ""
    if len(text) > n.INLINE_LIMIT:
        return [n.Reveal(rnd.id, question, author.first_name, None, None), *n.long_text(text)]
    return [n.Reveal(rnd.id, question, author.first_name, text, None)]


async def record_answer(
    work: Work,
    user_id: int,
    message_id: int,
    text: str | None,
    media: str | None,
    reply_to: int | None,
    file_id: str | None,
) -> None:
    """Keep an answer (a new message replaces the last one); reveal when both have answered."""
    tx, now = work.tx, work.now
    found = await work.members_with(await work.user(user_id))
    user, partner = found.user, found.partner
    rnd = await rounds.round_of_prompt_message(tx, user.id, reply_to) if reply_to else None
    if rnd is not None and rnd.revealed_at is not None:
        await work.refuse(user_id, n.AnswerLocked(partner.first_name))
    if rnd is not None and now - rnd.opened_at > ANSWER_WINDOW:
        await work.refuse(user_id, n.RoundClosed())
    if rnd is None:
        rnd = await rounds.newest_open_round(tx, user.id, found.pair.id, now - ANSWER_WINDOW)
    if rnd is None:
        await work.refuse(user_id, n.NoOpenRound())
    if rnd.kind == PromptKind.GUESS:
        await work.refuse(user_id, n.GuessNeedsTap())
    await _keep(work, rnd, user, partner, message_id, text, media, file_id)


async def follow_up(
    work: Work, user_id: int, round_id: int, message_id: int, text: str | None, media: str | None
) -> None:
    """Relay one follow-up message about a revealed round to the partner."""
    await users.set_awaiting(work.tx, user_id, None)
    found, rnd = await _revealed_round(work, user_id, round_id)
    user, partner = found.user, found.partner
    await rounds.add_follow_up(work.tx, rnd.id, user.id, text, media, message_id, work.now)
    question = question_for(rnd, user)
    if text is not None and len(text) > n.INLINE_LIMIT:
        heading = n.FollowUp(rnd.id, user.first_name, question, None, media_kind(media))
        await work.tell(partner.id, heading, *n.long_text(text))
    else:
        relayed = n.FollowUp(rnd.id, user.first_name, question, text, media_kind(media))
        await work.tell(partner.id, relayed)
    if media is not None:
        await work.tell(partner.id, n.Relay(user.id, message_id, user.first_name))
    await work.tell(user.id, n.FollowUpSent(partner.first_name))


async def _keep(
    work: Work,
    rnd: Round,
    user: User,
    partner: User,
    message_id: int,
    text: str | None,
    media: str | None,
    file_id: str | None,
) -> None:
    """Keep the user's answer to the round; reveal both answers if the partner's is in."""
    tx, now = work.tx, work.now
    answers = await rounds.answers_of(tx, rnd.id)
    await rounds.save_answer(tx, rnd.id, user.id, media, text, message_id, now, file_id)
    theirs = answers.get(partner.id)
    if theirs is None:
        saved = n.AnswerSaved(partner_name=partner.first_name, replaced=user.id in answers)
        await work.tell(user.id, saved)
        log.info("answer kept for round %s from user %s", rnd.id, user.id)
        return
    mine = Answer(rnd.id, user.id, media, text, message_id, now, file_id)
    await rounds.mark_revealed(tx, rnd.id, now)
    await work.tell(user.id, *reveal_notices(rnd, user, partner, theirs))
    await work.tell(partner.id, *reveal_notices(rnd, partner, user, mine))
    log.info("round %s revealed", rnd.id)


async def _revealed_round(work: Work, user_id: int, round_id: int) -> tuple[Members, Round]:
    """The user's current pair and a revealed round of it; for a stale or forged button, or a
    pair that has ended, the user is told why and the work stops."""
    found = await members_of(work.tx, user_id)
    if found is None:
        await work.refuse(user_id, n.PairEnded())
    rnd = await rounds.get_round(work.tx, round_id)
    if rnd is None or rnd.pair_id != found.pair.id or rnd.revealed_at is None:
        await work.refuse(user_id, n.ButtonGone())
    return found, rnd


class Rounds:
    """Today's prompt on demand, answers, swaps and the reveal."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def today(self, user_id: int) -> None:
        """Show today's prompt again, or give it now if it has not come yet."""
        async with begin(self._deps) as work:
            tx, now = work.tx, work.now
            found = await work.members_with(await work.user(user_id))
            user, partner = found.user, found.partner
            tz = zone(user.timezone)
            had_today = user.last_prompt_at is not None and local_date(
                user.last_prompt_at, tz
            ) == local_date(now, tz)
            current = await rounds.newest_delivered_round(tx, user.id, found.pair.id)
            if had_today and current is not None:
                answers = await rounds.answers_of(tx, current.id)
                answered = user.id in answers
                if current.kind == PromptKind.GUESS:
                    taps = (await guesses.taps_of(tx, current.id)).get(user.id)
                    answered = taps is not None and taps.done
                status: n.RoundStatus = (
                    "revealed" if current.revealed_at else ("answered" if answered else "open")
                )
                again = n.TodayAgain(
                    round_id=current.id,
                    text=current.text.replace("{partner}", partner.first_name),
                    kind=current.kind,
                    theme=THEMES.get(current.theme, current.theme),
                    status=status,
                    partner_name=partner.first_name,
                    can_swap=not answers and current.kind != PromptKind.GUESS,
                    asked_by=await asked_by(tx, current, user, partner),
                    options=current.options,
                )
                await work.tell(user_id, again)
                return
            await give_prompt(tx, self._deps.library, user, partner, now, scheduled=False)
            # Today's prompt has come; the scheduled one moves to the next day.
            following = next_prompt_at(now, tz, user.prompt_time, now)
            await users.mark_prompted(tx, user.id, now, following)

    async def edit_answer(self, user_id: int, message_id: int, text: str | None) -> None:
        """An edited answer replaces the kept one until the reveal; after it, answers are locked."""
        async with begin(self._deps) as work:
            found = await members_of(work.tx, user_id)
            answer = await rounds.answer_by_message(work.tx, user_id, message_id)
            if found is None or answer is None:
                return  # an edit of a message that was never an answer changes nothing
            rnd = await rounds.get_round(work.tx, answer.round_id)
            assert rnd is not None
            if rnd.revealed_at is not None:
                await work.refuse(user_id, n.AnswerLocked(found.partner.first_name))
            await _keep(
                work,
                rnd,
                found.user,
                found.partner,
                message_id,
                text,
                answer.media,
                answer.file_id,
            )

    async def swap(self, user_id: int, round_id: int) -> None:
        """Another prompt for a round nobody has answered yet, for both partners."""
        async with begin(self._deps) as work:
            tx, now = work.tx, work.now
            found = await members_of(tx, user_id)
            rnd = await rounds.get_round(tx, round_id)
            if found is None or rnd is None or rnd.pair_id != found.pair.id:
                await work.refuse(user_id, n.SwapRefused())
            own = rnd.prompt_id.startswith(f"{OWN_PACK}-")
            # A guess round's buttons name its options by place: another prompt would
            # give the taps already made other meanings.
            if (
                own
                or rnd.kind == PromptKind.GUESS
                or rnd.revealed_at is not None
                or await rounds.answers_of(tx, rnd.id)
            ):
                await work.refuse(user_id, n.SwapRefused())
            user, partner, pair = found.user, found.partner, found.pair
            day = local_date(now, zone(user.timezone))
            prompt = await choose_next(tx, self._deps.library, pair, day, now, swapping=rnd)
            await rounds.swap_prompt(tx, rnd.id, prompt)
            swapped = await rounds.get_round(tx, rnd.id)
            assert swapped is not None
            receivers = await rounds.delivered_to(tx, rnd.id)
            await work.tell_each(
                (member.id, prompt_notice(swapped, other, None, can_swap=True, scheduled=False))
                for member, other in ((user, partner), (partner, user))
                if member.id in receivers
            )
            log.info("round %s swapped to prompt %s", rnd.id, prompt.id)

    async def react(self, user_id: int, round_id: int, emoji_index: int) -> bool:
        """React to the partner's revealed answer; they hear of the first reaction only."""
        if not 0 <= emoji_index < len(REACTIONS):
            return False
        reacted = False
        async with begin(self._deps) as work:
            found, rnd = await _revealed_round(work, user_id, round_id)
            emoji = REACTIONS[emoji_index]
            before = await rounds.set_reaction(work.tx, rnd.id, user_id, emoji, work.now)
            if before is None:
                question = question_for(rnd, found.user)
                await work.tell(found.partner.id, n.Reacted(found.user.first_name, emoji, question))
            reacted = True
        return reacted

    async def ask_follow_up(self, user_id: int, round_id: int) -> None:
        """ "Reply" under a reveal: the next message goes to the partner, threaded to the round."""
        async with begin(self._deps) as work:
            found, rnd = await _revealed_round(work, user_id, round_id)
            await users.set_awaiting(work.tx, user_id, AwaitingFollowUp(rnd.id))
            await work.tell(user_id, n.FollowUpAsk(found.partner.first_name))
