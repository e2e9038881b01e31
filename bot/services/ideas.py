"""Ideas for time together: an idea offered, sent as an invitation, and how it went after."""

import logging
from datetime import datetime

from bot.domain import notices as n
from bot.domain.awaiting import AwaitingStory
from bot.domain.ideas import IdeaBook, IdeaTap, ask_how_it_went_at, choose_idea
from bot.domain.people import User, media_kind
from bot.domain.zones import zone
from bot.services.batches import work_through
from bot.services.deps import Deps
from bot.services.members import Members, local_iso, members_of
from bot.services.work import Work, begin
from bot.storage import ideas, users
from bot.storage import journal as membership
from bot.storage.db import Row, Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)


def _story_notices(idea: str, author: User, story: Row) -> list[n.Notice]:
    """What the partner is sent to see `author`'s line or photo about an idea."""
    text, media = story["text"], story["media"]
    if text is not None and len(text) > n.INLINE_LIMIT:
        told = [n.StoryReveal(idea, author.first_name, None, media_kind(media)), *n.long_text(text)]
    else:
        told = [n.StoryReveal(idea, author.first_name, text, media_kind(media))]
    if media is not None:
        told.append(n.Relay(author.id, story["message_id"], author.first_name))
    return told


async def story_replied_to(tx: Tx, user_id: int, reply_to: int | None) -> int | None:
    """The idea whose "how was it?" the message replies to; None if it replies to no such."""
    return await ideas.idea_of_story_message(tx, user_id, reply_to) if reply_to else None


def idea_text(book: IdeaBook, row: Row) -> str:
    """The words of an offered idea; "" for one taken out of the pack since (its row stays)."""
    idea = book.idea(row["idea_id"])
    return idea.text if idea is not None else ""


async def _tap_refusal(tx: Tx, row: Row | None, user_id: int, found: Members | None) -> IdeaTap:
    """Why a tap on this idea's button changes nothing; DONE if it may act."""
    if row is None or not await membership.was_member(tx, row["pair_id"], user_id):
        return IdeaTap.GONE
    if found is None or found.pair.id != row["pair_id"]:
        return IdeaTap.ENDED
    return IdeaTap.DONE


async def share(
    work: Work,
    user_id: int,
    pair_idea_id: int,
    message_id: int,
    text: str | None,
    media: str | None,
) -> None:
    """Keep the user's line or photo (after "Share how it went", or as a reply to "how was
    it?"); reveal both once both have shared."""
    tx = work.tx
    asked = await work.user(user_id)
    if asked.awaiting == AwaitingStory(pair_idea_id):
        await users.set_awaiting(tx, user_id, None)
    found = await work.members_with(asked)
    user, partner = found.user, found.partner
    row = await ideas.get(tx, pair_idea_id)
    stories = await ideas.stories_of(tx, pair_idea_id)
    if row is None or row["pair_id"] != found.pair.id or user_id not in stories:
        await work.refuse(user_id, n.StoryGone())
    mine, theirs = stories[user_id], stories.get(partner.id)
    if theirs is not None and mine["shared_at"] is not None and theirs["shared_at"]:
        await work.refuse(user_id, n.StoryLocked(partner.first_name))
    await ideas.share(tx, pair_idea_id, user_id, text, media, message_id, work.now)
    if theirs is None or theirs["shared_at"] is None:
        replaced = mine["shared_at"] is not None
        await work.tell(user_id, n.StorySaved(partner.first_name, replaced))
        return
    mine = (await ideas.stories_of(tx, pair_idea_id))[user_id]
    idea = idea_text(work.deps.ideas, row)
    await work.tell(partner.id, *_story_notices(idea, user, mine))
    await work.tell(user_id, *_story_notices(idea, partner, theirs))
    log.info("idea %s: how it went revealed in pair %s", pair_idea_id, found.pair.id)


async def release_held_ideas(
    tx: Tx, book: IdeaBook, pair_id: int, told: list[tuple[int, n.Notice]]
) -> None:
    """A pause ended: held invitations and "how was it?" questions go out, once."""
    members = {member.id: member for member in await users.members(tx, pair_id)}
    for row in await ideas.take_held_invitations(tx, pair_id):
        inviter = members.get(row["offered_to"])
        partner = next((m for m in members.values() if m.id != row["offered_to"]), None)
        if inviter is None or partner is None:
            continue
        invitation = n.IdeaInvitation(row["id"], inviter.first_name, idea_text(book, row))
        told.append((partner.id, invitation))
    for story in await ideas.take_held_stories(tx, pair_id):
        accepted = await ideas.get(tx, story["pair_idea_id"])
        asked = members.get(story["user_id"])
        partner = next((m for m in members.values() if m.id != story["user_id"]), None)
        if accepted is None or asked is None or partner is None:
            continue
        text = idea_text(book, accepted)
        told.append((asked.id, n.HowWasIt(accepted["id"], text, partner.first_name)))


class Ideas:
    """`/idea`, its invitation to the partner, and "how was it?" the day after."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def _text(self, row: Row) -> str:
        return idea_text(self._deps.ideas, row)

    async def offer(self, user_id: int) -> None:
        """An idea the pair has not had in this pass through the pool."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            pair = found.pair
            pool = self._deps.ideas.for_pair(pair.kind)
            number, offered = await ideas.current_pass(work.tx, pair.id)
            idea = choose_idea(pool, offered, pair.seed + number)
            if idea is None:
                # Every idea has come once: a new pass, in a new order.
                number += 1
                idea = choose_idea(pool, set(), pair.seed + number)
            assert idea is not None, "load_ideas keeps an idea for every kind of pair"
            row_id = await ideas.add_offer(work.tx, pair.id, idea.id, number, user_id, work.now)
            await work.tell(user_id, n.IdeaOffer(row_id, idea.text, found.partner.first_name))

    async def invite(self, user_id: int, pair_idea_id: int) -> IdeaTap:
        """Send an offered idea to the partner, or hold it while the pair is paused."""
        async with begin(self._deps) as work:
            tap = await self._invite(work, user_id, pair_idea_id)
        return tap

    async def _invite(self, work: Work, user_id: int, pair_idea_id: int) -> IdeaTap:
        row = await ideas.get(work.tx, pair_idea_id)
        found = await members_of(work.tx, user_id)
        refused = await _tap_refusal(work.tx, row, user_id, found)
        if refused is not IdeaTap.DONE:
            return refused
        assert row is not None and found is not None
        if row["offered_to"] != user_id:
            return IdeaTap.GONE
        if row["invited_at"] is not None:
            return IdeaTap.SENT
        user, partner, pair = found.user, found.partner, found.pair
        await ideas.invite(work.tx, pair_idea_id, work.now, held=pair.paused)
        if pair.paused:
            until = local_iso(pair.paused_until, user)
            await work.tell(user_id, n.IdeaHeld(partner.first_name, until))
        else:
            invitation = n.IdeaInvitation(pair_idea_id, user.first_name, self._text(row))
            await work.tell(partner.id, invitation)
            await work.tell(user_id, n.IdeaSent(partner.first_name))
        log.info("idea %s sent in pair %s (held: %s)", pair_idea_id, pair.id, pair.paused)
        return IdeaTap.DONE

    async def answer(self, user_id: int, pair_idea_id: int, accepted: bool) -> IdeaTap:
        """ "I'm in" or "Another time": the inviter is told; "I'm in" plans "how was it?"."""
        async with begin(self._deps) as work:
            tap = await self._answer(work, user_id, pair_idea_id, accepted)
        return tap

    async def _answer(self, work: Work, user_id: int, pair_idea_id: int, accepted: bool) -> IdeaTap:
        row = await ideas.get(work.tx, pair_idea_id)
        found = await members_of(work.tx, user_id)
        refused = await _tap_refusal(work.tx, row, user_id, found)
        if refused is not IdeaTap.DONE:
            return refused
        assert row is not None and found is not None
        if row["offered_to"] == user_id or row["invited_at"] is None or row["held"]:
            return IdeaTap.GONE
        if row["answer"] is not None:
            return IdeaTap.ANSWERED
        user, partner = found.user, found.partner
        await ideas.answer(work.tx, pair_idea_id, accepted, work.now)
        if accepted:
            for member in (user, partner):
                tz = zone(member.timezone)
                at = ask_how_it_went_at(work.now, tz, member.reminder_time)
                await ideas.plan_story(work.tx, pair_idea_id, member.id, at)
        text = self._text(row)
        await work.tell(partner.id, n.IdeaAnswered(user.first_name, text, accepted))
        await work.tell(user_id, n.IdeaAnswerNoted(partner.first_name, accepted))
        log.info("idea %s answered in pair %s", pair_idea_id, found.pair.id)
        return IdeaTap.DONE

    async def ask_story(self, user_id: int, pair_idea_id: int) -> IdeaTap:
        """ "Share how it went": the next message is the user's line or photo."""
        async with begin(self._deps) as work:
            tap = await self._ask_story(work, user_id, pair_idea_id)
        return tap

    async def _ask_story(self, work: Work, user_id: int, pair_idea_id: int) -> IdeaTap:
        row = await ideas.get(work.tx, pair_idea_id)
        found = await members_of(work.tx, user_id)
        refused = await _tap_refusal(work.tx, row, user_id, found)
        if refused is not IdeaTap.DONE:
            return refused
        assert found is not None
        stories = await ideas.stories_of(work.tx, pair_idea_id)
        if user_id not in stories:
            return IdeaTap.GONE
        if all(story["shared_at"] is not None for story in stories.values()):
            return IdeaTap.ANSWERED
        await users.set_awaiting(work.tx, user_id, AwaitingStory(pair_idea_id))
        await work.tell(user_id, n.StoryAsk(found.partner.first_name))
        return IdeaTap.DONE

    async def ask_due(self) -> int:
        """One "how was it?" to each partner whose question is due; a pause holds it back.
        The number asked."""
        now = self._deps.clock.now()
        asked = await work_through(self._deps.db, now, ideas.due_stories, self._ask)
        if asked:
            log.info("%d how-was-it questions queued", asked)
        return asked

    async def _ask(self, tx: Tx, story: Row, now: datetime) -> int:
        pair_idea_id, user_id = story["pair_idea_id"], story["user_id"]
        row = await ideas.get(tx, pair_idea_id)
        found = await members_of(tx, user_id)
        alive = row is not None and found is not None and found.pair.id == row["pair_id"]
        held = alive and found is not None and found.pair.paused
        await ideas.mark_asked(tx, pair_idea_id, user_id, held=held)
        if not alive or held or found is None or row is None or found.user.unreachable:
            return 0
        notice = n.HowWasIt(pair_idea_id, self._text(row), found.partner.first_name)
        await enqueue(tx, now, (user_id, notice))
        return 1
