"""/export and "Get our journal first": our journal, as a file to keep."""

from telegram import Update

from bot.tg import callbacks as cb
from bot.tg.handlers.common import Context, services, tapped, who


async def export(update: Update, context: Context) -> None:
    """The journal of the current pair, or of one that ended lately."""
    await services(context).journals.export(who(update).id)


async def export_button(update: Update, context: Context) -> None:
    """The journal of the pair the button was shown for; its buttons stay, to end it after."""
    button = await tapped(update, cb.Export)
    await services(context).journals.export(who(update).id, button.pair_id)
