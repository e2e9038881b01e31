"""Work that falls due with time: daily prompts, evening reminders, pauses that end, weekly
recaps, "how was it?" after an idea, and ended pairs whose journal is no longer kept."""

import asyncio
import logging
from datetime import datetime, timedelta

from bot.domain import notices as n
from bot.domain.people import User
from bot.domain.prompts import PromptKind
from bot.domain.schedule import next_prompt_at, prompt_due_today, still_same_day
from bot.domain.timeparse import format_time
from bot.domain.zones import zone
from bot.services.batches import BATCH, YIELD_EVERY, work_through
from bot.services.deps import Deps
from bot.services.ideas import Ideas
from bot.services.journal import Journals
from bot.services.members import members_of
from bot.services.recaps import Recaps
from bot.services.rounds import give_prompt, question_for
from bot.services.space import Space
from bot.storage import guesses, rounds, users
from bot.storage.db import Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)

UPDATE_MEMORY = timedelta(days=2)


class DueWork:
    """Finds what is due (one indexed query per batch) and does it."""

    def __init__(self, deps: Deps, space: Space, journals: Journals) -> None:
        self._deps = deps
        self._space = space
        self._journals = journals
        self._recaps = Recaps(deps)
        self._ideas = Ideas(deps)

    async def run(self) -> None:
        """Everything the tick does, in the order that keeps a resumed pair's prompt on time."""
        await self._space.end_due_pauses()
        await self.send_due_prompts()
        await self.send_due_reminders()
        await self._recaps.send_due()
        await self._ideas.ask_due()
        await self.forget_old_updates()
        await self._journals.forget_ended_pairs()

    async def forget_old_updates(self) -> None:
        """Telegram keeps unconfirmed updates for 24 hours; older ids can be forgotten."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            await users.forget_updates_before(tx, now - UPDATE_MEMORY)

    async def send_due_prompts(self) -> int:
        """Give every user whose prompt is due their round; the number of prompts queued.

        A batch is claimed with its partners and pairs in two statements, and its schedules are
        moved on in one; each prompt is still given by `give_prompt`, as /today gives one."""
        now = self._deps.clock.now()
        sent = 0
        while True:
            async with self._deps.db.transaction() as tx:
                due = await users.due_batch(tx, now, BATCH)
                marks: list[tuple[int, datetime | None, datetime]] = []
                for i, found in enumerate(due):
                    if i % YIELD_EVERY == YIELD_EVERY - 1:
                        await asyncio.sleep(0)
                    user, partner = found.user, found.partner
                    tz = zone(user.timezone)
                    assert user.next_prompt_at is not None
                    if partner is None or not found.in_pair:
                        at = format_time(user.prompt_time)
                        await users.set_schedule(tx, user.id, user.timezone, at, None)
                        continue
                    quiet = found.paused or user.unreachable or partner.unreachable
                    due_today = prompt_due_today(user.next_prompt_at, now, tz, user.prompt_time)
                    if not quiet and due_today:
                        await give_prompt(
                            tx, self._deps.library, user, partner, now, scheduled=True
                        )
                        marks.append((user.id, now, next_prompt_at(now, tz, user.prompt_time, now)))
                        sent += 1
                    else:
                        # Paused, unreachable, or missed while the bot was down and that day
                        # is over for the user: no prompt today; the pause notice said so.
                        following = next_prompt_at(now, tz, user.prompt_time, user.last_prompt_at)
                        marks.append((user.id, None, following))
                await users.mark_prompted_many(tx, marks)
            if len(due) < BATCH:
                break
            await asyncio.sleep(0)  # let the sender and the handlers have the loop in between
        if sent:
            log.info("%d prompts queued", sent)
        return sent

    async def send_due_reminders(self) -> int:
        """One gentle reminder to each user who has not answered their round by evening."""
        return await work_through(
            self._deps.db, self._deps.clock.now(), users.due_reminders, _remind
        )


async def _remind(tx: Tx, user: User, now: datetime) -> int:
    """The user's reminder, if their round still waits for them today; 1 if queued."""
    await users.plan_reminder(tx, user.id, None, None)
    found = await members_of(tx, user.id)
    rnd = await rounds.get_round(tx, user.reminder_round_id or 0)
    assert user.next_reminder_at is not None
    if found is None or rnd is None or rnd.revealed_at is not None:
        return 0
    if found.pair.paused or user.unreachable:
        return 0
    if not still_same_day(user.next_reminder_at, now, zone(user.timezone)):
        return 0
    answered = set(await rounds.answers_of(tx, rnd.id))
    if rnd.kind == PromptKind.GUESS:
        taps = await guesses.taps_of(tx, rnd.id)
        answered = {who for who, done in taps.items() if done.done}
    if user.id in answered:
        return 0
    reminder = n.Reminder(
        rnd.id,
        question_for(rnd, found.partner),
        found.partner.first_name,
        found.partner.id in answered,
        rnd.options,
    )
    await enqueue(tx, now, (user.id, reminder))
    return 1
