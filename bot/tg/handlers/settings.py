"""/settings and its buttons."""

from telegram import Update

from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import Context, pressed, services, tapped, who


async def settings(update: Update, context: Context) -> None:
    """Show every setting with a button to change it."""
    await services(context).preferences.menu(who(update).id)


async def setting_button(update: Update, context: Context) -> None:
    """One setting was chosen from the menu: show its choices."""
    key = (await tapped(update, cb.Setting)).key
    me = who(update)
    if key == cb.SettingKey.TIME:
        await services(context).account.ask_time(me.id, me.first_name, me.language)
    elif key == cb.SettingKey.ZONE:
        await services(context).account.ask_timezone(me.id, me.first_name, me.language)
    else:
        await services(context).preferences.ask(me.id, key)


async def reminder_button(update: Update, context: Context) -> None:
    """A reminder time, or off."""
    button = await tapped(update, cb.Reminder)
    # "off" is set_reminder's word for no reminder.
    await services(context).preferences.set_reminder(who(update).id, button.at or "off")


async def kind_button(update: Update, context: Context) -> None:
    """Couple or friends."""
    button = await tapped(update, cb.Kind)
    await services(context).preferences.set_pair_kind(who(update).id, button.kind)


async def cadence_button(update: Update, context: Context) -> None:
    """How often an appreciation round comes."""
    button = await tapped(update, cb.Cadence)
    await services(context).preferences.set_cadence(who(update).id, button.days)


async def guess_cadence_button(update: Update, context: Context) -> None:
    """How often a guess round comes (issue 12)."""
    button = await tapped(update, cb.GuessCadence)
    await services(context).preferences.set_guess_cadence(who(update).id, button.days)


async def pack_button(update: Update, context: Context) -> None:
    """A pack turned on or off, as its label offered; if it already was, the pop-up says so."""
    button = pressed(update, cb.Pack)
    already = await services(context).preferences.set_pack(
        who(update).id, button.pack_id, button.on
    )
    assert update.callback_query is not None
    await update.callback_query.answer(texts.PACK_ALREADY[button.on] if already else None)


async def recap_button(update: Update, context: Context) -> None:
    """Recaps off, a weekday (then its time), or a weekday and time."""
    button = await tapped(update, cb.Recap)
    await services(context).preferences.set_recap(who(update).id, button.weekday, button.at)
