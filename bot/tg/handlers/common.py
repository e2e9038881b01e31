"""What every handler shares: the services, who is talking, the private-chat gate."""

import logging
from dataclasses import dataclass
from typing import TypeVar

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.domain import notices as n
from bot.services.paging import Refused
from bot.services.registry import Services
from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.render import Text, render

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True)
class Who:
    id: int
    first_name: str
    language: str


def services(context: Context) -> Services:
    found = context.bot_data["services"]
    assert isinstance(found, Services)
    return found


def who(update: Update) -> Who:
    user = update.effective_user
    assert user is not None
    return Who(user.id, (user.first_name or texts.NAMELESS)[:64], user.language_code or "en")


async def gate(update: Update, context: Context) -> None:
    """Handle each update once and only from private chats; tell a group once, then stop."""
    chat = update.effective_chat
    user = update.effective_user
    if user is None or user.is_bot:
        raise ApplicationHandlerStop
    if not await services(context).account.first_sight(update.update_id):
        raise ApplicationHandlerStop
    if chat is not None and chat.type != ChatType.PRIVATE:
        if update.callback_query:
            await update.callback_query.answer()
        if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP) and update.message:
            await services(context).account.refuse_group(chat.id)
        raise ApplicationHandlerStop
    if update.callback_query and cb.unpack(update.callback_query.data) is None:
        # Forged, garbled, or from a version of the bot that is gone: say so in the little
        # pop-up and change nothing. Every button that passes has a handler of its kind.
        await update.callback_query.answer(texts.BUTTON_GONE)
        raise ApplicationHandlerStop


B = TypeVar("B", bound=cb.Button)


def pressed(update: Update, kind: type[B]) -> B:
    """The typed value of the button just tapped (the handler was chosen by its kind)."""
    query = update.callback_query
    assert query is not None
    button = cb.unpack(query.data)
    assert isinstance(button, kind), query.data
    return button


async def tapped(update: Update, kind: type[B]) -> B:
    """Answer the tap (stops the spinner) and return the typed value of the button."""
    button = pressed(update, kind)
    assert update.callback_query is not None
    await update.callback_query.answer()
    return button


async def clear_buttons(update: Update) -> None:
    """Take the buttons off the message just tapped so it cannot be tapped twice."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as error:
        # Already cleared (a second tap that raced the first): nothing to do. Any other
        # refusal is news, for the error handler to log.
        if "message is not modified" not in error.message.lower():
            raise


async def turn_page(
    update: Update, context: Context, page: n.Notice | Refused, refusals: dict[Refused, str]
) -> None:
    """Show `page` in place of the page just tapped, or say in the pop-up why not."""
    query = update.callback_query
    assert query is not None
    if isinstance(page, str):
        await query.answer(refusals[page])
        return
    await query.answer()
    shown = render(page, context.bot.username)
    assert isinstance(shown, Text)
    try:
        await query.edit_message_text(
            shown.text, parse_mode=ParseMode.HTML, reply_markup=shown.keyboard
        )
    except BadRequest as error:
        # A second tap on a button that leads to the page already shown: nothing to change.
        if "message is not modified" not in error.message.lower():
            raise
