"""`/settings`: reminder time, weekly recap, pair kind and appreciation cadence (time and zone are
in account)."""

from bot.domain import notices as n
from bot.domain.appreciation import CADENCES
from bot.domain.prompts import Consent, Pack, PairKind
from bot.domain.timeparse import format_time, parse_time
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.recaps import plan_recap
from bot.services.work import Work, begin
from bot.storage import pairs, recaps, users
from bot.storage.db import Tx


class Preferences:
    """Show and change settings; each change is confirmed in words."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def menu(self, user_id: int) -> None:
        async with begin(self._deps) as work:
            user = await work.user(user_id)
            found = await members_of(work.tx, user_id)
            plan = await recaps.plan_of(work.tx, user_id)
            assert plan is not None
            menu = n.SettingsMenu(
                time=format_time(user.prompt_time),
                timezone=user.timezone,
                reminder=format_time(user.reminder_time) if user.reminder_time else None,
                pair_kind=found.pair.kind if found else None,
                appreciation_every=found.pair.appreciation_every if found else None,
                recap_day=plan.weekday,
                recap_time=format_time(plan.at) if plan.weekday is not None else None,
                guess_every=found.pair.guess_every if found else None,
            )
            await work.tell(user_id, menu)

    async def ask(self, user_id: int, what: str) -> None:
        """The choices for one setting: `reminder`, `recap`, `kind`, `cadence`, `packs`, `guess`."""
        async with begin(self._deps) as work:
            user = await work.user(user_id)
            if what == "reminder":
                current = format_time(user.reminder_time) if user.reminder_time else None
                await work.tell(user_id, n.AskReminder(current))
                return
            if what == "recap":
                plan = await recaps.plan_of(work.tx, user_id)
                assert plan is not None
                at = format_time(plan.at) if plan.weekday is not None else None
                await work.tell(user_id, n.AskRecapDay(plan.weekday, at))
                return
            found = await work.members_with(user)
            ask: n.Notice
            if what == "kind":
                ask = n.AskPairKind(found.pair.kind)
            elif what == "packs":
                ask = await self._packs_menu(work.tx, found)
            elif what == "guess":
                ask = n.AskGuessCadence(found.pair.guess_every)
            else:
                ask = n.AskCadence(found.pair.appreciation_every)
            await work.tell(user_id, ask)

    async def set_reminder(self, user_id: int, choice: str) -> None:
        """`off`, or the evening time for the one gentle reminder."""
        at = None if choice == "off" else parse_time(choice)
        async with begin(self._deps) as work:
            await work.user(user_id)
            if choice != "off" and at is None:
                await work.refuse(user_id, n.BadTime())
            await users.set_reminder_time(work.tx, user_id, format_time(at) if at else None)
            if at is None:
                await users.plan_reminder(work.tx, user_id, None, None)
            await work.tell(user_id, n.ReminderSet(format_time(at) if at else None))

    async def set_recap(self, user_id: int, weekday: int | None, choice: str | None) -> None:
        """Recaps off (no weekday), a weekday (its times are offered next), or weekday and time."""
        async with begin(self._deps) as work:
            await work.user(user_id)
            plan = await recaps.plan_of(work.tx, user_id)
            assert plan is not None
            at = plan.at  # off keeps the last time, offered again when recaps come back on
            if weekday is not None:
                if not 0 <= weekday <= 6:
                    await work.refuse(user_id, n.Cancelled())
                if choice is None:
                    await work.tell(user_id, n.AskRecapTime(weekday))
                    return
                parsed = parse_time(choice)
                if parsed is None:
                    await work.refuse(user_id, n.BadTime())
                at = parsed
            await recaps.set_choice(work.tx, user_id, weekday, format_time(at))
            found = await members_of(work.tx, user_id)
            await plan_recap(work.tx, user_id, work.now, paired=found is not None)
            shown = format_time(at) if weekday is not None else None
            await work.tell(user_id, n.RecapSet(weekday, shown))

    async def set_pair_kind(self, user_id: int, kind: str) -> None:
        """Couple or friends: friends never get romance-specific prompts. Both are told."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            if kind not in {k.value for k in PairKind}:
                await work.refuse(user_id, n.Cancelled())
            await pairs.set_kind(work.tx, found.pair.id, PairKind(kind))
            await work.tell(user_id, n.PairKindSet(PairKind(kind), None))
            await work.tell(found.partner.id, n.PairKindSet(PairKind(kind), found.user.first_name))

    async def set_cadence(self, user_id: int, days: int) -> None:
        """How often a round is an appreciation nudge. Both are told."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            if days not in CADENCES:
                await work.refuse(user_id, n.Cancelled())
            await pairs.set_cadence(work.tx, found.pair.id, days)
            await work.tell(user_id, n.CadenceSet(days, None))
            await work.tell(found.partner.id, n.CadenceSet(days, found.user.first_name))

    async def set_guess_cadence(self, user_id: int, days: int) -> None:
        """How often a round is a guess round (issue 12); 0: never. Both are told."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            if days not in CADENCES:
                await work.refuse(user_id, n.Cancelled())
            await pairs.set_guess_every(work.tx, found.pair.id, days)
            await work.tell(user_id, n.GuessCadenceSet(days, None))
            await work.tell(found.partner.id, n.GuessCadenceSet(days, found.user.first_name))

    async def _packs_menu(self, tx: Tx, found: Members) -> n.PacksMenu:
        """The packs this pair may have, each on or off; and those waiting for the partner."""
        library, pair_id = self._deps.library, found.pair.id
        on = library.enabled(
            await pairs.pack_choices(tx, pair_id), await pairs.agreed_packs(tx, pair_id)
        )
        offered = [pack for pack in library.packs if pack.offered_to(found.pair.kind)]
        waiting = [
            pack.id
            for pack in offered
            if pack.consent == Consent.BOTH
            and pack.id not in on
            and (await pairs.consents(tx, pair_id, pack.id)).get(found.user.id)
        ]
        return n.PacksMenu(
            tuple((pack.id, pack.name, pack.id in on) for pack in offered),
            tuple(waiting),
            found.partner.first_name,
        )

    async def set_pack(self, user_id: int, pack_id: str, on: bool) -> bool:
        """Turn one pack on or off for the pair; one always stays on. Both are told. True if it
        already was so (a second tap, an old menu): then nothing changed and nobody was told.

        A pack that needs both partners goes its own way (`_consent`)."""
        library = self._deps.library
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            pack = library.pack(pack_id)
            if pack is None or not pack.offered_to(found.pair.kind):
                await work.refuse(user_id, n.Cancelled())
            if pack.consent == Consent.BOTH:
                return await self._consent(work, found, pack, on)
            agreed = await pairs.agreed_packs(work.tx, found.pair.id)
            enabled = library.enabled(await pairs.pack_choices(work.tx, found.pair.id), agreed)
            if (pack.id in enabled) == on:
                return True
            if not on and enabled == {pack.id}:
                await work.refuse(user_id, n.LastPackStays(pack.name))
            await pairs.choose_pack(work.tx, found.pair.id, pack.id, on)
            await work.tell(
                user_id,
                n.PackSet(pack.name, on, None),
                await self._packs_menu(work.tx, found),
            )
            await work.tell(found.partner.id, n.PackSet(pack.name, on, found.user.first_name))
        return False

    async def _consent(self, work: Work, found: Members, pack: Pack, on: bool) -> bool:
        """The tapper's own yes to a pack that needs both partners, or off for both; True if
        their yes already was `on`.

        On only while both said yes. Off from either turns it off for both at once and takes
        back both yeses (always allowed: the pair's default packs fill in if nothing is left).
        The partner hears of a yes once, the first time, and never hears who turned it off."""
        me, partner, pair_id = found.user, found.partner, found.pair.id
        given = await pairs.consents(work.tx, pair_id, pack.id)
        mine, theirs = given.get(me.id, False), given.get(partner.id, False)
        if mine == on:
            return True
        step = n.ConsentStep
        if mine and theirs:
            await pairs.withdraw_consents(work.tx, pair_id, pack.id)
            told_me, told_partner = step.OFF, step.PARTNER_OFF
        elif mine:
            await pairs.set_consent(work.tx, pair_id, pack.id, me.id, False)
            told_me, told_partner = step.WITHDRAWN, None
        else:
            await pairs.set_consent(work.tx, pair_id, pack.id, me.id, True)
            if theirs:
                told_me, told_partner = step.ON, step.ON
            else:
                first = me.id not in given
                told_me, told_partner = step.WAITING, step.OFFERED if first else None
        await work.tell(
            me.id,
            n.PackConsent(pack.name, told_me, partner.first_name),
            await self._packs_menu(work.tx, found),
        )
        if told_partner is not None:
            await work.tell(partner.id, n.PackConsent(pack.name, told_partner, me.first_name))
        return False
