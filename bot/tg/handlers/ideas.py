"""/idea, its buttons, the partner's answer, sharing how it went, and /ideas, the pair's list."""

from telegram import Update

from bot.domain.ideas import IdeaTap
from bot.services.paging import Refused
from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import (
    Context,
    clear_buttons,
    pressed,
    services,
    tapped,
    turn_page,
    who,
)

_REFUSALS: dict[Refused, str] = {"gone": texts.IDEA_LIST_GONE, "ended": texts.IDEA_LIST_ENDED}


async def _answer_tap(update: Update, tap: IdeaTap) -> None:
    """Stop the spinner; a refused tap says why in the pop-up, a done one takes the buttons off."""
    query = update.callback_query
    assert query is not None
    if tap is IdeaTap.DONE:
        await query.answer()
        await clear_buttons(update)
    else:
        await query.answer(texts.IDEA_TAPS[tap])


async def idea(update: Update, context: Context) -> None:
    """`/idea`: an idea for time together."""
    await services(context).ideas.offer(who(update).id)


async def more_button(update: Update, context: Context) -> None:
    """ "Another idea": the same as /idea again."""
    await tapped(update, cb.IdeaMore)
    await services(context).ideas.offer(who(update).id)


async def send_button(update: Update, context: Context) -> None:
    """ "Send to {partner}": the idea goes as an invitation."""
    button = pressed(update, cb.IdeaSend)
    tap = await services(context).ideas.invite(who(update).id, button.pair_idea_id)
    await _answer_tap(update, tap)


async def answer_button(update: Update, context: Context) -> None:
    """ "I'm in" or "Another time"; the inviter is told."""
    button = pressed(update, cb.IdeaAnswer)
    ideas = services(context).ideas
    tap = await ideas.answer(who(update).id, button.pair_idea_id, button.accepted)
    await _answer_tap(update, tap)


async def story_button(update: Update, context: Context) -> None:
    """ "Share how it went": the next message is the user's line or photo."""
    button = pressed(update, cb.IdeaStory)
    tap = await services(context).ideas.ask_story(who(update).id, button.pair_idea_id)
    await _answer_tap(update, tap)


async def idea_list(update: Update, context: Context) -> None:
    """`/ideas`: the newest page of the pair's list."""
    await services(context).idea_list.show(who(update).id)


async def list_page_button(update: Update, context: Context) -> None:
    """◀ ▶ under the list: the page tapped turns to the one the button names."""
    button = pressed(update, cb.IdeaPage)
    page = await services(context).idea_list.turn_to(who(update).id, button.pair_idea_id)
    await turn_page(update, context, page, _REFUSALS)
