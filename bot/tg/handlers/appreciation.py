"""/appreciate, its starter buttons, and reactions to an appreciation."""

from telegram import Update

from bot.domain.appreciation import REACTIONS
from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import Context, pressed, services, tapped, who


async def appreciate(update: Update, context: Context) -> None:
    """`/appreciate <text>` sends at once; `/appreciate` alone offers starters."""
    message = update.message
    assert message is not None and message.text is not None
    me = who(update)
    appreciations = services(context).appreciations
    # Whatever follows the command, after a space or a new line.
    _, *rest = message.text.split(maxsplit=1)
    text = rest[0].strip() if rest else ""
    if text:
        await appreciations.send(me.id, message.message_id, text, None)
    else:
        await appreciations.menu(me.id)


async def starter_button(update: Update, context: Context) -> None:
    """A starter was chosen: the next message finishes it."""
    button = await tapped(update, cb.Starter)
    await services(context).appreciations.choose(who(update).id, button.index)


async def react_button(update: Update, context: Context) -> None:
    """A reaction to an appreciation; the sender hears of it."""
    button = pressed(update, cb.ThanksReact)
    appreciations = services(context).appreciations
    ok = await appreciations.react(who(update).id, button.appreciation_id, button.emoji)
    assert update.callback_query is not None
    await update.callback_query.answer(
        texts.reaction_sent(REACTIONS[button.emoji]) if ok else texts.BUTTON_GONE
    )
