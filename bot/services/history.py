"""Our story: a pair's revealed rounds, one page at a time, and media answers shown again."""

import logging
from datetime import timedelta

from bot.domain import notices as n
from bot.domain.guess import Taps
from bot.domain.people import User, media_kind
from bot.domain.prompts import PromptKind
from bot.domain.schedule import local_date
from bot.domain.zones import zone
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.paging import Refused, page_at, show_newest
from bot.services.rounds import question_for
from bot.services.work import Work, begin
from bot.storage import guesses, history, rounds

log = logging.getLogger(__name__)

# Where the jumps back in time land: the newest round revealed at least this long ago.
MONTH = timedelta(days=30)
YEAR = timedelta(days=365)


async def _page(work: Work, found: Members, round_id: int | None) -> n.HistoryPage | None:
    """The page of a revealed round of the pair (the newest if `round_id` is None), as the
    user reads it; None if there is no such round."""
    month, year = work.now - MONTH, work.now - YEAR
    if round_id is None:
        page = await history.newest_page(work.tx, found.pair.id, month, year)
    else:
        page = await history.page_of(work.tx, found.pair.id, round_id, month, year)
    if page is None:
        return None
    rnd, user, partner = page.round, found.user, found.partner
    assert rnd.revealed_at is not None
    answers = await rounds.answers_of(work.tx, rnd.id)
    taps = await guesses.taps_of(work.tx, rnd.id) if rnd.kind == PromptKind.GUESS else {}
    reactions = await history.reactions_on(work.tx, rnd.id)
    said = await history.follow_ups_on(work.tx, rnd.id)
    names = {user.id: user.first_name, partner.id: partner.first_name}
    other = {user.id: partner.id, partner.id: user.id}
    return n.HistoryPage(
        round_id=rnd.id,
        day=local_date(rnd.revealed_at, zone(user.timezone)).isoformat(),
        question=question_for(rnd, partner),
        answers=tuple(
            n.PastAnswer(
                author.id,
                author.first_name,
                answers[author.id].text,
                media_kind(answers[author.id].media),
                reactions.get(other[author.id]),
            )
            for author in (user, partner)
            if author.id in answers
        )
        + tuple(
            n.PastAnswer(
                author.id,
                author.first_name,
                rnd.options[taps[author.id].own],
                None,
                reactions.get(other[author.id]),
                _guessed(rnd.options, taps[author.id]),
            )
            for author in (user, partner)
            if author.id in taps
        ),
        follow_ups=tuple(
            n.PastFollowUp(names.get(s.user_id, ""), s.text, media_kind(s.media)) for s in said
        ),
        older=page.older,
        newer=page.newer,
        month_ago=page.month_ago if page.month_ago != page.year_ago else None,
        year_ago=page.year_ago,
    )


def _guessed(options: tuple[str, ...], taps: Taps) -> str | None:
    return options[taps.guess] if taps.guess is not None else None


class History:
    """`/history` and its buttons."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def show(self, user_id: int) -> None:
        """The newest page of the pair's story, or a kind word that it starts soon."""
        await show_newest(self._deps, user_id, _page, n.HistoryEmpty)

    async def turn_to(self, user_id: int, round_id: int) -> n.HistoryPage | Refused:
        """The page of a round, to show in place of the page tapped; changes nothing."""
        return await page_at(self._deps, user_id, round_id, _page)

    async def show_again(self, user_id: int, round_id: int, author_id: int) -> Refused | None:
        """Send a media answer of a revealed round of the pair again, as a copy of the author's
        own message; if it was deleted, the sender says so in its place."""
        async with begin(self._deps) as work:
            found = await members_of(work.tx, user_id)
            if found is None:
                return "ended"
            rnd = await rounds.get_round(work.tx, round_id)
            answer = (await rounds.answers_of(work.tx, round_id)).get(author_id)
            members: dict[int, User] = {found.user.id: found.user, found.partner.id: found.partner}
            author = members.get(author_id)
            if (
                rnd is None
                or rnd.pair_id != found.pair.id
                or rnd.revealed_at is None
                or answer is None
                or answer.media is None
                or author is None
            ):
                log.info("user %s asked again for media of round %s: refused", user_id, round_id)
                return "gone"
            await work.tell(user_id, n.Relay(author.id, answer.message_id, author.first_name, True))
        return None
