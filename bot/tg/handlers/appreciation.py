"""/appreciate, its starter buttons, and reactions to an appreciation."""

from telegram import Update

from bot.domain.appreciation import REACTIONS
from bot.tg import texts
from bot.tg.handlers.common import Context, button_argument, services, who


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
    argument = await button_argument(update)
    await services(context).appreciations.choose(
        who(update).id, int(argument) if argument.isdigit() else None
    )


async def react_button(update: Update, context: Context) -> None:
    """A reaction to an appreciation; the sender hears of it."""
    query = update.callback_query
    assert query is not None
    target, _, emoji = (query.data or "").partition("|")[2].partition("|")
    ok = (
        target.isdigit()
        and emoji.isdigit()
        and await services(context).appreciations.react(who(update).id, int(target), int(emoji))
    )
    await query.answer(f"{REACTIONS[int(emoji)]} sent" if ok else texts.BUTTON_GONE)
