"""/invite and the Accept / Decline buttons of an invite."""

from telegram import Update

from bot.tg import callbacks as cb
from bot.tg.handlers.common import Context, clear_buttons, services, tapped, who


async def invite(update: Update, context: Context) -> None:
    """A fresh invite link and a card to forward."""
    me = who(update)
    await services(context).pairing.invite(me.id, me.first_name, me.language)


async def accept_button(update: Update, context: Context) -> None:
    """Accept: pair up."""
    button = await tapped(update, cb.Accept)
    me = who(update)
    if await services(context).pairing.accept(me.id, me.first_name, me.language, button.code):
        await clear_buttons(update)


async def decline_button(update: Update, context: Context) -> None:
    """Decline: the inviter is told kindly."""
    button = await tapped(update, cb.Decline)
    me = who(update)
    await services(context).pairing.decline(me.id, me.first_name, me.language, button.code)
    await clear_buttons(update)
