"""/start, /help, /time, /timezone and their buttons."""

from telegram import Update

from bot.domain import notices as n
from bot.domain.awaiting import AwaitingTime, AwaitingTimezone
from bot.tg import callbacks as cb
from bot.tg.handlers.common import Context, services, tapped, who


async def start(update: Update, context: Context) -> None:
    """`/start` greets; `/start CODE` (an invite link) shows the invite."""
    me = who(update)
    if context.args:
        await services(context).pairing.open_invite(
            me.id, me.first_name, me.language, context.args[0]
        )
        return
    await services(context).account.start(me.id, me.first_name, me.language)


async def help_command(update: Update, context: Context) -> None:
    """List the commands."""
    await services(context).account.tell(who(update).id, n.Help())


async def unknown_command(update: Update, context: Context) -> None:
    """A command we do not have: the list of those we do."""
    await services(context).account.tell(who(update).id, n.Help())


async def time_command(update: Update, context: Context) -> None:
    """`/time 07:30` sets it; `/time` alone shows the choices."""
    me = who(update)
    account = services(context).account
    if context.args:
        await account.set_time(me.id, me.first_name, me.language, " ".join(context.args))
    else:
        await account.ask_time(me.id, me.first_name, me.language)


async def timezone_command(update: Update, context: Context) -> None:
    """`/timezone Berlin` sets it; `/timezone` alone shows the choices."""
    me = who(update)
    account = services(context).account
    if context.args:
        await account.set_timezone(me.id, me.first_name, me.language, " ".join(context.args))
    else:
        await account.ask_timezone(me.id, me.first_name, me.language)


async def time_button(update: Update, context: Context) -> None:
    """A time was tapped (or "another time", which waits for a typed one)."""
    button = await tapped(update, cb.Time)
    me = who(update)
    account = services(context).account
    if button.at is None:
        await account.await_typed(me.id, AwaitingTime())
        return
    await account.set_time(
        me.id, me.first_name, me.language, button.at, then_zone=button.onboarding
    )


async def zone_button(update: Update, context: Context) -> None:
    """A timezone was tapped (or "somewhere else", which waits for a typed one)."""
    button = await tapped(update, cb.Zone)
    me = who(update)
    account = services(context).account
    if button.name is None:
        await account.await_typed(me.id, AwaitingTimezone())
        return
    await account.set_timezone(me.id, me.first_name, me.language, button.name)
