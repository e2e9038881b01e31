"""Guess rounds: a tap of one's own answer or of a guess of the partner's."""

from telegram import Update

from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import Context, pressed, services, who


async def guess_button(update: Update, context: Context) -> None:
    """Keep the tap; a forged or stale one is refused in the pop-up and changes nothing."""
    button = pressed(update, cb.GuessTap)
    refused = await services(context).guesses.tap(
        who(update).id, button.round_id, button.step, button.option
    )
    assert update.callback_query is not None
    await update.callback_query.answer(texts.GUESS_REFUSED[refused] if refused else None)
