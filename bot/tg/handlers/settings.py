"""/settings and its buttons."""

from telegram import Update

from bot.tg.handlers.common import Context, button_argument, services, who


async def settings(update: Update, context: Context) -> None:
    """Show every setting with a button to change it."""
    await services(context).preferences.menu(who(update).id)


async def setting_button(update: Update, context: Context) -> None:
    """One setting was chosen from the menu: show its choices."""
    argument = await button_argument(update)
    me = who(update)
    if argument == "time":
        await services(context).account.ask_time(me.id, me.first_name, me.language)
    elif argument == "zone":
        await services(context).account.ask_timezone(me.id, me.first_name, me.language)
    elif argument in ("reminder", "kind", "cadence", "packs"):
        await services(context).preferences.ask(me.id, argument)


async def reminder_button(update: Update, context: Context) -> None:
    """A reminder time, or off."""
    argument = await button_argument(update)
    await services(context).preferences.set_reminder(who(update).id, argument)


async def kind_button(update: Update, context: Context) -> None:
    """Couple or friends."""
    argument = await button_argument(update)
    await services(context).preferences.set_pair_kind(who(update).id, argument)


async def cadence_button(update: Update, context: Context) -> None:
    """How often an appreciation round comes."""
    argument = await button_argument(update)
    if argument.isdigit():
        await services(context).preferences.set_cadence(who(update).id, int(argument))


async def pack_button(update: Update, context: Context) -> None:
    """A pack turned on or off."""
    argument = await button_argument(update)
    await services(context).preferences.toggle_pack(who(update).id, argument)
