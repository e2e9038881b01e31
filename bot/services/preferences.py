"""`/settings`: reminder time, pair kind and appreciation cadence (time and zone are in account)."""

from bot.domain import notices as n
from bot.domain.appreciation import CADENCES
from bot.domain.prompts import PairKind
from bot.domain.timeparse import format_time, parse_time
from bot.services.deps import Deps
from bot.services.members import members_of
from bot.storage import pairs, users
from bot.storage.db import Tx
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
        """The choices for one setting: `reminder`, `kind`, `cadence` or `packs`."""
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
            ask: n.Notice
            if what == "kind":
                ask = n.AskPairKind(found.pair.kind.value)
            elif what == "packs":
                ask = await self._packs_menu(tx, found.pair.id)
            else:
                ask = n.AskCadence(found.pair.appreciation_every)
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
                await enqueue(tx, now, (user_id, n.NotPaired() if found is None else n.Cancelled()))
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
                await enqueue(tx, now, (user_id, n.NotPaired() if found is None else n.Cancelled()))
                return
            await pairs.set_cadence(tx, found.pair.id, days)
            await enqueue(
                tx,
                now,
                (user_id, n.CadenceSet(days, None)),
                (found.partner.id, n.CadenceSet(days, found.user.first_name)),
            )

    async def _packs_menu(self, tx: Tx, pair_id: int) -> n.PacksMenu:
        library = self._deps.library
        on = library.enabled(await pairs.pack_choices(tx, pair_id))
        return n.PacksMenu(tuple((pack.id, pack.name, pack.id in on) for pack in library.packs))

    async def toggle_pack(self, user_id: int, pack_id: str) -> None:
        """Turn one pack on or off for the pair; one always stays on. Both are told."""
        now = self._deps.clock.now()
        library = self._deps.library
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            pack = library.pack(pack_id)
            if found is None or pack is None:
                await enqueue(tx, now, (user_id, n.NotPaired() if found is None else n.Cancelled()))
                return
            choices = await pairs.pack_choices(tx, found.pair.id)
            on = library.enabled(choices)
            turning_on = pack.id not in on
            if not turning_on and on == {pack.id}:
                await enqueue(tx, now, (user_id, n.LastPackStays(pack.name)))
                return
            await pairs.choose_pack(tx, found.pair.id, pack.id, turning_on)
            await enqueue(
                tx,
                now,
                (user_id, n.PackSet(pack.name, turning_on, None)),
                (user_id, await self._packs_menu(tx, found.pair.id)),
                (found.partner.id, n.PackSet(pack.name, turning_on, found.user.first_name)),
            )
