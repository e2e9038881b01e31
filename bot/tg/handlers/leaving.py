"""/unpair and /deletemydata, each confirmed with a button first."""

from telegram import Update

from bot.tg import callbacks as cb
from bot.tg.handlers.common import Context, clear_buttons, services, tapped, who


async def unpair(update: Update, context: Context) -> None:
    """Ask before ending the pair."""
    await services(context).leaving.ask_unpair(who(update).id)


async def delete_my_data(update: Update, context: Context) -> None:
    """Ask before deleting everything."""
    await services(context).leaving.ask_delete(who(update).id)


async def unpair_button(update: Update, context: Context) -> None:
    """Confirmed or kept."""
    button = await tapped(update, cb.Unpair)
    await clear_buttons(update)
    leaving = services(context).leaving
    if button.confirmed:
        await leaving.unpair(who(update).id, button.pair_id)
    else:
        await leaving.cancel(who(update).id)


async def delete_button(update: Update, context: Context) -> None:
    """Confirmed or kept."""
    button = await tapped(update, cb.Delete)
    await clear_buttons(update)
    leaving = services(context).leaving
    if button.confirmed:
        await leaving.delete_my_data(who(update).id)
    else:
        await leaving.cancel(who(update).id)
