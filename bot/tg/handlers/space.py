"""/pause, /resume and the pause buttons."""

from telegram import Update

from bot.domain import notices as n
from bot.domain.space import PAUSE_CHOICES, PauseRequest, read_pause
from bot.tg import callbacks as cb
from bot.tg.handlers.common import Context, services, tapped, who


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
    button = await tapped(update, cb.Pause)
    space = services(context).space
    if button.length is None:
        await space.menu(who(update).id)
    else:
        await space.pause(who(update).id, PauseRequest(PAUSE_CHOICES[button.length], None))
