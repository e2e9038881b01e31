"""Taking space: pausing the prompts, resuming, and pauses that end on their own."""

import logging

from bot.domain import notices as n
from bot.domain.people import Pair, User
from bot.domain.schedule import describe_day
from bot.domain.space import PauseRequest, pause_ends
from bot.domain.timeparse import format_time
from bot.domain.zones import zone
from bot.services.appreciation import release_held
from bot.services.deps import Deps
from bot.services.ideas import release_held_ideas
from bot.services.members import Members, local_iso
from bot.services.recaps import release_held_recaps
from bot.services.work import Work, begin
from bot.storage import appreciations, pairs, users

log = logging.getLogger(__name__)


async def end_pause(work: Work, pair: Pair, by: User | None) -> None:
    """Lift a pause: both are told when prompts come again; held appreciations, idea
    invitations and "how was it?" questions go out."""
    now = work.now
    await pairs.clear_pause(work.tx, pair.id, now)
    told: list[tuple[int, n.Notice]] = []
    for member in await users.members(work.tx, pair.id):
        due = member.next_prompt_at
        next_day = describe_day(due, now, zone(member.timezone)) if due else ""
        by_name = by.first_name if by is not None and by.id != member.id else None
        told.append((member.id, n.PauseOver(by_name, next_day, format_time(member.prompt_time))))
    released = await release_held(work.tx, pair, told)
    await release_held_ideas(work.tx, work.deps.ideas, pair.id, told)
    await appreciations.mark_delivered(work.tx, released, now)
    await work.tell_each(told)
    held = await release_held_recaps(work.tx, pair.id, now)
    log.info(
        "pause of pair %s ended; %d held appreciations and %d recaps released",
        pair.id,
        len(released),
        held,
    )


async def _refuse_unless_own_pause(work: Work, found: Members) -> None:
    """A pause is the pauser's to change: the partner is told whose it is and until when,
    and the work stops."""
    pair, user, partner = found.pair, found.user, found.partner
    if pair.paused_by == partner.id:
        until = local_iso(pair.paused_until, user)
        await work.refuse(user.id, n.PauseNotYours(partner.first_name, until))


class Space:
    """`/pause` and `/resume`."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def menu(self, user_id: int) -> None:
        """The pause choices, or how things stand if a pause is on."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            await _refuse_unless_own_pause(work, found)
            await work.tell(user_id, n.PauseMenu())

    async def pause(self, user_id: int, request: PauseRequest) -> None:
        """No prompts or reminders for either partner until the pause ends; both are told."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            await _refuse_unless_own_pause(work, found)
            pair, user, partner = found.pair, found.user, found.partner
            ends = pause_ends(work.now, request.length)
            await pairs.set_pause(work.tx, pair.id, user.id, ends, request.note, work.now)
            for member in (user, partner):
                await users.plan_reminder(work.tx, member.id, None, None)
            await work.tell(user.id, n.Paused(local_iso(ends, user), request.note))
            await work.tell(
                partner.id, n.PartnerPaused(user.first_name, local_iso(ends, partner), request.note)
            )
            log.info("pair %s paused by user %s", pair.id, user.id)

    async def resume(self, user_id: int) -> None:
        """The one who paused ends the pause early."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            if not found.pair.paused:
                await work.refuse(user_id, n.NotPausedNow())
            await _refuse_unless_own_pause(work, found)
            await end_pause(work, found.pair, found.user)

    async def end_due_pauses(self) -> None:
        """End every pause whose time has come (also after downtime: once, with its messages)."""
        async with begin(self._deps) as work:
            for pair in await pairs.pauses_ending(work.tx, work.now):
                await end_pause(work, pair, None)
