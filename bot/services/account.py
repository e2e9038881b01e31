"""Starting, time and place: who a user is and when their daily prompt comes."""

from dataclasses import replace

from bot.domain import notices as n
from bot.domain.awaiting import AwaitingTime, AwaitingTimezone
from bot.domain.people import User
from bot.domain.schedule import describe_day, next_prompt_at
from bot.domain.timeparse import format_time, parse_time
from bot.domain.zones import offset_from_local_time, resolve_timezone, zone
from bot.services.deps import Deps
from bot.services.members import local_iso, members_of
from bot.services.recaps import plan_recap
from bot.services.work import Work, begin
from bot.storage import pairs, users


async def ensure_user(
    work: Work, user_id: int, first_name: str, language: str
) -> tuple[User, bool]:
    """The user's row, created with the default schedule on first contact; and whether it is new."""
    user = await users.get_user(work.tx, user_id)
    if user is None:
        deps = work.deps
        user = await users.create_user(
            work.tx,
            user_id,
            first_name,
            language,
            deps.default_timezone,
            format_time(deps.default_time),
            work.now,
        )
        return user, True
    if user.first_name != first_name:
        await users.rename_user(work.tx, user_id, first_name)
    return user, False


async def reschedule(work: Work, user: User, timezone: str, at: str) -> n.ScheduleSet:
    """Store a user's time and zone and when their next prompt is due; the confirmation."""
    now = work.now
    tz = zone(timezone)
    parsed = parse_time(at)
    assert parsed is not None
    due = next_prompt_at(now, tz, parsed, user.last_prompt_at) if user.pair_id else None
    await users.set_schedule(work.tx, user.id, timezone, at, due)
    # The recap keeps its weekday and time, now on the new zone's clock.
    await plan_recap(work.tx, user.id, now, paired=user.pair_id is not None)
    pair = await pairs.get_pair(work.tx, user.pair_id) if user.pair_id else None
    if pair is not None and pair.paused:
        # The new time holds, but no question comes before the pause ends: say so.
        until = local_iso(pair.paused_until, replace(user, timezone=timezone))
        return n.ScheduleSet(
            time=at, timezone=timezone, next_day="", paired=True, paused=True, paused_until=until
        )
    return n.ScheduleSet(
        time=at,
        timezone=timezone,
        next_day=describe_day(due, now, tz) if due else "",
        paired=user.pair_id is not None,
    )


async def set_time(
    work: Work, user_id: int, first_name: str, language: str, text: str, *, then_zone: bool = False
) -> None:
    """Set the daily prompt time from what the user typed or tapped."""
    parsed = parse_time(text)
    if parsed is None:  # refused before anything is stored, even for a stranger
        await work.refuse(user_id, n.BadTime())
    user, _ = await ensure_user(work, user_id, first_name, language)
    await users.set_awaiting(work.tx, user_id, None)
    confirmation = await reschedule(work, user, user.timezone, format_time(parsed))
    follow = (n.AskTimezone(current=user.timezone),) if then_zone else ()
    await work.tell(user_id, confirmation, *follow)


async def set_timezone(work: Work, user_id: int, first_name: str, language: str, text: str) -> None:
    """Set the timezone from a zone or city name, an offset, or the user's clock right now."""
    name = resolve_timezone(text)
    if name is None:
        clock = parse_time(text)
        if clock is not None:
            name = offset_from_local_time(work.now, clock.hour, clock.minute)
    if name is None:  # refused before anything is stored, even for a stranger
        await work.refuse(user_id, n.BadTimezone())
    user, _ = await ensure_user(work, user_id, first_name, language)
    await users.set_awaiting(work.tx, user_id, None)
    confirmation = await reschedule(work, user, name, format_time(user.prompt_time))
    await work.tell(user_id, confirmation)


class Account:
    """Start, time, timezone, help, and the polite refusal in group chats."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def start(self, user_id: int, first_name: str, language: str) -> None:
        """Greet a new user and ask for their time, or welcome someone back."""
        async with begin(self._deps) as work:
            user, new = await ensure_user(work, user_id, first_name, language)
            await users.set_awaiting(work.tx, user_id, None)
            greeting = n.Welcome(first_name=first_name, paired=user.pair_id is not None)
            follow = (n.AskTime(format_time(user.prompt_time), onboarding=True),) if new else ()
            await work.tell(user_id, greeting, *follow)
            if await users.set_reachable(work.tx, user_id, True):
                # Back after blocking the bot: prompts for the pair start again; both are told.
                found = await members_of(work.tx, user_id)
                if found is not None:
                    await work.tell(found.partner.id, n.PartnerBack(first_name))

    async def ask_time(self, user_id: int, first_name: str, language: str) -> None:
        """Show the time buttons."""
        async with begin(self._deps) as work:
            user, _ = await ensure_user(work, user_id, first_name, language)
            await users.set_awaiting(work.tx, user_id, None)
            await work.tell(user_id, n.AskTime(current=format_time(user.prompt_time)))

    async def ask_timezone(self, user_id: int, first_name: str, language: str) -> None:
        """Show the timezone buttons."""
        async with begin(self._deps) as work:
            user, _ = await ensure_user(work, user_id, first_name, language)
            await users.set_awaiting(work.tx, user_id, None)
            await work.tell(user_id, n.AskTimezone(current=user.timezone))

    async def await_typed(self, user_id: int, what: AwaitingTime | AwaitingTimezone) -> None:
        """The user chose to type a time or a timezone: the next plain message is that."""
        async with begin(self._deps) as work:
            user = await work.user(user_id)
            await users.set_awaiting(work.tx, user_id, what)
            ask: n.Notice = (
                n.AskTime(current=format_time(user.prompt_time))
                if isinstance(what, AwaitingTime)
                else n.AskTimezone(current=user.timezone)
            )
            await work.tell(user_id, ask)

    async def set_time(
        self, user_id: int, first_name: str, language: str, text: str, *, then_zone: bool = False
    ) -> None:
        """`/time 07:30` or a tapped time: `set_time`, in a transaction of its own."""
        async with begin(self._deps) as work:
            await set_time(work, user_id, first_name, language, text, then_zone=then_zone)

    async def set_timezone(self, user_id: int, first_name: str, language: str, text: str) -> None:
        """`/timezone Berlin` or a tapped zone: `set_timezone`, in a transaction of its own."""
        async with begin(self._deps) as work:
            await set_timezone(work, user_id, first_name, language, text)

    async def tell(self, chat_id: int, notice: n.Notice) -> None:
        """Queue one message that changes nothing else (help, refusals of bad input)."""
        async with begin(self._deps) as work:
            await work.tell(chat_id, notice)

    async def first_sight(self, update_id: int) -> bool:
        """Whether this Telegram update is new (a re-delivered one changes nothing)."""
        async with begin(self._deps) as work:
            new = await users.first_sight(work.tx, update_id, work.now)
        return new

    async def refuse_group(self, chat_id: int) -> None:
        """Tell a group chat once that Duet works in private chats only."""
        async with begin(self._deps) as work:
            if await users.note_group(work.tx, chat_id, work.now):
                await work.tell(chat_id, n.PrivateOnly())
