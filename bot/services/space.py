"""Taking space: pausing the prompts, resuming, and pauses that end on their own."""

import logging
from datetime import datetime

from bot.domain import notices as n
from bot.domain.people import Pair, User
from bot.domain.schedule import describe_day
from bot.domain.space import PauseRequest, pause_ends
from bot.domain.timeparse import format_time
from bot.domain.zones import zone
from bot.services.appreciation import release_held
from bot.services.deps import Deps
from bot.services.members import local_iso, members_of
from bot.storage import appreciations, pairs, users
from bot.storage.db import Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)


async def end_pause(tx: Tx, pair: Pair, by: User | None, now: datetime) -> None:
    """Lift a pause: both are told when prompts come again; held appreciations go out."""
    await pairs.clear_pause(tx, pair.id)
    told: list[tuple[int, n.Notice]] = []
    for member in await users.members(tx, pair.id):
        due = member.next_prompt_at
        next_day = describe_day(due, now, zone(member.timezone)) if due else ""
        by_name = by.first_name if by is not None and by.id != member.id else None
        told.append((member.id, n.PauseOver(by_name, next_day, format_time(member.prompt_time))))
    released = await release_held(tx, pair, told)
    await appreciations.mark_delivered(tx, released, now)
    await enqueue(tx, now, *told)
    log.info("pause of pair %s ended; %d held appreciations released", pair.id, len(released))


class Space:
    """`/pause` and `/resume`."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def menu(self, user_id: int) -> None:
        """The pause choices, or how things stand if a pause is on."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            pair, user, partner = found.pair, found.user, found.partner
            if pair.paused_by == partner.id:
                until = local_iso(pair.paused_until, user)
                await enqueue(tx, now, (user_id, n.PauseNotYours(partner.first_name, until)))
                return
            await enqueue(tx, now, (user_id, n.PauseMenu()))

    async def pause(self, user_id: int, request: PauseRequest) -> None:
        """No prompts or reminders for either partner until the pause ends; both are told."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            pair, user, partner = found.pair, found.user, found.partner
            if pair.paused_by == partner.id:
                until = local_iso(pair.paused_until, user)
                await enqueue(tx, now, (user_id, n.PauseNotYours(partner.first_name, until)))
                return
            ends = pause_ends(now, request.length)
            await pairs.set_pause(tx, pair.id, user.id, ends, request.note)
            for member in (user, partner):
                await users.plan_reminder(tx, member.id, None, None)
            await enqueue(
                tx,
                now,
                (user.id, n.Paused(local_iso(ends, user), request.note)),
                (
                    partner.id,
                    n.PartnerPaused(user.first_name, local_iso(ends, partner), request.note),
                ),
            )
            log.info("pair %s paused by user %s", pair.id, user.id)

    async def resume(self, user_id: int) -> None:
        """The one who paused ends the pause early."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            pair, user, partner = found.pair, found.user, found.partner
            if not pair.paused:
                await enqueue(tx, now, (user_id, n.NotPausedNow()))
                return
            if pair.paused_by != user.id:
                until = local_iso(pair.paused_until, user)
                await enqueue(tx, now, (user_id, n.PauseNotYours(partner.first_name, until)))
                return
            await end_pause(tx, pair, user, now)

    async def end_due_pauses(self) -> int:
        """End every pause whose time has come (also after downtime: once, with its messages)."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            ending = await pairs.pauses_ending(tx, now)
            for pair in ending:
                await end_pause(tx, pair, None, now)
            return len(ending)
