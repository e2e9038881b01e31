"""/pause, /resume and the pause buttons."""

from telegram import Update

from bot.domain import notices as n
from bot.domain.space import PAUSE_CHOICES, PauseRequest, read_pause
from bot.tg import keyboards as kb
from bot.tg.handlers.common import Context, button_argument, services, who


async def pause(update: Update, context: Context) -> None:
    """`/pause 3d a short note` pauses at once; `/pause` alone offers the choices."""
    me = who(update)
    space = services(context).space
    if not context.args:
        await space.menu(me.id)
        return
    request = read_pause(" ".join(context.args))
    if request is None:
        await services(context).account.tell(me.id, n.BadPause())
        return
    await space.pause(me.id, request)


async def resume(update: Update, context: Context) -> None:
    """End one's own pause early."""
    await services(context).space.resume(who(update).id)


async def pause_button(update: Update, context: Context) -> None:
    """A length was tapped (or the pause button under a prompt, which opens the choices)."""
    argument = await button_argument(update)
    space = services(context).space
    if argument == kb.MENU:
        await space.menu(who(update).id)
    elif argument in PAUSE_CHOICES:
        await space.pause(who(update).id, PauseRequest(PAUSE_CHOICES[argument], None))
