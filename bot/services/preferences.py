"""`/settings`: reminder time, pair kind and appreciation cadence (time and zone are in account)."""

from bot.domain import notices as n
from bot.domain.appreciation import CADENCES
from bot.domain.prompts import PairKind
from bot.domain.timeparse import format_time, parse_time
from bot.services.base import Deps
from bot.services.members import members_of
from bot.storage import pairs, users
from bot.storage.outbox import enqueue


class Preferences:
    """Show and change settings; each change is confirmed in words."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def menu(self, user_id: int) -> None:
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user = await users.get_user(tx, user_id)
            if user is None:
                await enqueue(tx, now, (user_id, n.NotRegistered()))
                return
            found = await members_of(tx, user_id)
            menu = n.SettingsMenu(
                time=format_time(user.prompt_time),
                timezone=user.timezone,
                reminder=format_time(user.reminder_time) if user.reminder_time else None,
                pair_kind=found.pair.kind.value if found else None,
                appreciation_every=found.pair.appreciation_every if found else None,
            )
            await enqueue(tx, now, (user_id, menu))

    async def ask(self, user_id: int, what: str) -> None:
        """The choices for one setting: `reminder`, `kind` or `cadence`."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user = await users.get_user(tx, user_id)
            if user is None:
                await enqueue(tx, now, (user_id, n.NotRegistered()))
                return
            if what == "reminder":
                current = format_time(user.reminder_time) if user.reminder_time else None
                await enqueue(tx, now, (user_id, n.AskReminder(current)))
                return
            found = await members_of(tx, user_id)
            if found is None:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            ask: n.Notice = (
                n.AskPairKind(found.pair.kind.value)
                if what == "kind"
                else n.AskCadence(found.pair.appreciation_every)
            )
            await enqueue(tx, now, (user_id, ask))

    async def set_reminder(self, user_id: int, choice: str) -> None:
        """`off`, or the evening time for the one gentle reminder."""
        now = self._deps.clock.now()
        at = None if choice == "off" else parse_time(choice)
        async with self._deps.db.transaction() as tx:
            user = await users.get_user(tx, user_id)
            if user is None:
                await enqueue(tx, now, (user_id, n.NotRegistered()))
                return
            if choice != "off" and at is None:
                await enqueue(tx, now, (user_id, n.BadTime()))
                return
            await users.set_reminder_time(tx, user_id, format_time(at) if at else None)
            if at is None:
                await users.plan_reminder(tx, user_id, None, None)
            await enqueue(tx, now, (user_id, n.ReminderSet(format_time(at) if at else None)))

    async def set_pair_kind(self, user_id: int, kind: str) -> None:
        """Couple or friends: friends never get romance-specific prompts. Both are told."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None or kind not in {k.value for k in PairKind}:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            await pairs.set_kind(tx, found.pair.id, PairKind(kind))
            await enqueue(
                tx,
                now,
                (user_id, n.PairKindSet(kind, None)),
                (found.partner.id, n.PairKindSet(kind, found.user.first_name)),
            )

    async def set_cadence(self, user_id: int, days: int) -> None:
        """How often a round is an appreciation nudge. Both are told."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None or days not in CADENCES:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            await pairs.set_cadence(tx, found.pair.id, days)
            await enqueue(
                tx,
                now,
                (user_id, n.CadenceSet(days, None)),
                (found.partner.id, n.CadenceSet(days, found.user.first_name)),
            )
