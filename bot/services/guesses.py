"""Guess rounds: each partner taps their own answer, then a guess of the other's; the reveal."""

import logging
from datetime import datetime, time

from bot.domain import notices as n
from bot.domain.guess import GuessStep, Refusal, Taps, tally
from bot.domain.people import Round, User
from bot.domain.prompts import PromptKind
from bot.domain.schedule import at_local, local_date
from bot.domain.zones import zone
from bot.services.deps import Deps
from bot.services.members import members_of
from bot.services.rounds import ANSWER_WINDOW, question_for
from bot.services.work import Work, begin
from bot.storage import guesses, rounds

log = logging.getLogger(__name__)


def _month_start(now: datetime, user: User) -> datetime:
    """The start of the user's current month, in their own timezone."""
    tz = zone(user.timezone)
    return at_local(local_date(now, tz).replace(day=1), time(0, 0), tz)


async def _reveal(work: Work, rnd: Round, one: User, other: User, taps: dict[int, Taps]) -> None:
    """Both answers and guesses to both, with how often they've guessed each other this month."""
    await rounds.mark_revealed(work.tx, rnd.id, work.now)
    for reader, partner in ((one, other), (other, one)):
        mine, theirs = taps[reader.id], taps[partner.id]
        assert mine.guess is not None and theirs.guess is not None
        since = _month_start(work.now, reader)
        so_far = tally(await guesses.revealed_since(work.tx, rnd.pair_id, since))
        history = so_far.made > 2  # more than this round's own two guesses
        await work.tell(
            reader.id,
            n.GuessReveal(
                round_id=rnd.id,
                question=question_for(rnd, partner),
                partner_name=partner.first_name,
                my_answer=rnd.options[mine.own],
                my_guess=rnd.options[mine.guess],
                their_answer=rnd.options[theirs.own],
                their_guess=rnd.options[theirs.guess],
                right=so_far.right if history else None,
                made=so_far.made if history else None,
            ),
        )
    log.info("guess round %s revealed", rnd.id)


class Guesses:
    """Taps on a guess round's buttons."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def tap(
        self, user_id: int, round_id: int, step: GuessStep, option: int
    ) -> Refusal | None:
        """Keep one tap; reveal once both partners have answered and guessed. A forged or
        stale tap changes nothing and says why (for the pop-up)."""
        async with begin(self._deps) as work:
            tx, now = work.tx, work.now
            found = await members_of(tx, user_id)
            rnd = await rounds.get_round(tx, round_id)
            if (
                found is None
                or rnd is None
                or rnd.pair_id != found.pair.id
                or rnd.kind != PromptKind.GUESS
                or not 0 <= option < len(rnd.options)
                or user_id not in await rounds.delivered_to(tx, rnd.id)
            ):
                return "gone"
            if rnd.revealed_at is not None:
                return "revealed"
            if now - rnd.opened_at > ANSWER_WINDOW:
                return "closed"
            user, partner = found.user, found.partner
            taps = await guesses.taps_of(tx, rnd.id)
            mine = taps.get(user.id)
            if step == GuessStep.OWN:
                await guesses.set_own(tx, rnd.id, user.id, option, now)
                mine = Taps(option, mine.guess if mine else None)
            else:
                if mine is None:
                    return "own_first"
                await guesses.set_guess(tx, rnd.id, user.id, option, now)
                mine = Taps(mine.own, option)
            taps[user.id] = mine
            theirs = taps.get(partner.id)
            if mine.guess is None:
                question = question_for(rnd, partner)
                ask = n.GuessAsk(rnd.id, question, partner.first_name, rnd.options, mine.own)
                await work.tell(user.id, ask)
            elif theirs is not None and theirs.done:
                await _reveal(work, rnd, user, partner, taps)
            else:
                own, guess = rnd.options[mine.own], rnd.options[mine.guess]
                await work.tell(user.id, n.GuessWaiting(partner.first_name, own, guess))
                log.info("guess taps kept for round %s from user %s", rnd.id, user.id)
        return None
