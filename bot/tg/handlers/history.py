"""/history and /stats: the pair's story a page at a time (turned in place), and its rhythm."""

from telegram import Update

from bot.services.paging import Refused
from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import Context, pressed, services, turn_page, who

_REFUSALS: dict[Refused, str] = {"gone": texts.HISTORY_GONE, "ended": texts.HISTORY_ENDED}


async def history(update: Update, context: Context) -> None:
    """The newest page of the pair's story."""
    await services(context).history.show(who(update).id)


async def stats(update: Update, context: Context) -> None:
    """The pair's rhythm together."""
    await services(context).stats.show(who(update).id)


async def page_button(update: Update, context: Context) -> None:
    """◀ ▶ and the jumps: the page tapped turns to the round the button names."""
    button = pressed(update, cb.Page)
    page = await services(context).history.turn_to(who(update).id, button.round_id)
    await turn_page(update, context, page, _REFUSALS)


async def resend_button(update: Update, context: Context) -> None:
    """A voice, video or photo answer, sent again below."""
    button = pressed(update, cb.Resend)
    query = update.callback_query
    assert query is not None
    refused = await services(context).history.show_again(
        who(update).id, button.round_id, button.author_id
    )
    if refused is not None:
        await query.answer(_REFUSALS[refused])
    else:
        await query.answer(texts.SENDING_AGAIN)
