"""The weekly recap: when it falls due, what the week held, and recaps a pause held back."""

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo

from bot.domain import notices as n
from bot.domain.prompts import THEMES
from bot.domain.rhythm import weeks_in_a_row
from bot.domain.schedule import local_date
from bot.domain.week import (
    day_window,
    memory_days,
    next_recap_at,
    week_bounds,
    week_facts,
    week_of,
)
from bot.domain.zones import zone
from bot.services.batches import work_through
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.rounds import question_for
from bot.storage import pairs, recaps
from bot.storage.db import Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)

# A recap found due this late (the bot was down) still goes out; an older one is skipped.
LATE_ENOUGH = timedelta(days=1)


async def plan_recap(tx: Tx, user_id: int, now: datetime, paired: bool) -> None:
    """Set when the user's next recap comes (none while unpaired or switched off)."""
    plan = await recaps.plan_of(tx, user_id)
    if plan is None:
        return
    if not paired or plan.weekday is None:
        await recaps.schedule(tx, user_id, None)
        return
    tz = zone(plan.timezone)
    await recaps.schedule(tx, user_id, next_recap_at(now, tz, plan.weekday, plan.at, plan.last_at))


async def recap_of(tx: Tx, found: Members, week: date, tz: tzinfo, now: datetime) -> n.WeeklyRecap:
    """The recap of the week from `week` (local days in `tz`) for `found.user`."""
    pair = found.pair
    begins, ends = week_bounds(week, tz)
    traces = await recaps.traces(tx, pair.id)
    pauses = await pairs.pauses_of(tx, pair.id, now)
    revealed = [t.revealed_at for t in traces if t.revealed_at is not None]
    facts = week_facts(
        week,
        tz,
        traces,
        pauses,
        await recaps.reactions_between(tx, pair.id, begins, ends),
        await recaps.appreciations_between(tx, pair.id, begins, ends),
        weeks_in_a_row(pair.created_at, now, revealed, pauses),
    )
    recap = n.WeeklyRecap(
        pair_id=pair.id,
        week=week.isoformat(),
        days=facts.days,
        reactions=facts.reactions,
        appreciations=facts.appreciations,
        themes=tuple(THEMES.get(theme, theme) for theme in facts.themes),
        streak=facts.streak,
    )
    for ago, day in memory_days(local_date(now, tz)):
        start, end = day_window(day, tz)
        if end <= pair.created_at:
            continue
        memory = await recaps.revealed_round_opened(tx, pair.id, start, end)
        if memory is not None:
            question = question_for(memory, found.partner)
            return replace(recap, memory_ago=ago, memory_question=question)
    return recap


async def release_held_recaps(tx: Tx, pair_id: int, now: datetime) -> int:
    """A pause ended: each member whose recap it held back gets the latest held week's, once."""
    sent = 0
    for plan in await recaps.held_in(tx, pair_id):
        assert plan.held is not None
        await recaps.release(tx, plan.user_id)
        found = await members_of(tx, plan.user_id)
        if found is None or plan.weekday is None or found.user.unreachable:
            continue
        recap = await recap_of(tx, found, plan.held, zone(plan.timezone), now)
        await enqueue(tx, now, (plan.user_id, recap))
        sent += 1
    return sent


class Recaps:
    """The tick's weekly recaps."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def send_due(self) -> int:
        """Queue the recap of every user whose recap is due; the number queued. A pause holds
        a recap back until it ends."""
        now = self._deps.clock.now()
        sent = await work_through(self._deps.db, now, recaps.due, self._one)
        if sent:
            log.info("%d recaps queued", sent)
        return sent

    async def _one(self, tx: Tx, plan: recaps.RecapPlan, now: datetime) -> int:
        found = await members_of(tx, plan.user_id)
        if found is None or plan.weekday is None:
            await recaps.schedule(tx, plan.user_id, None)
            return 0
        assert plan.next_at is not None
        tz = zone(plan.timezone)
        following = next_recap_at(now, tz, plan.weekday, plan.at, plan.last_at)
        week = week_of(local_date(plan.next_at, tz))
        if now - plan.next_at > LATE_ENOUGH or found.user.unreachable:
            # Long missed while the bot was down, or the user cannot be reached: wait for the
            # next one.
            await recaps.schedule(tx, plan.user_id, following)
            return 0
        if found.pair.paused:
            await recaps.hold(tx, plan.user_id, week, following)
            return 0
        recap = await recap_of(tx, found, week, tz, now)
        await enqueue(tx, now, (plan.user_id, recap))
        await recaps.mark_sent(
            tx, plan.user_id, now, next_recap_at(now, tz, plan.weekday, plan.at, now)
        )
        return 1
