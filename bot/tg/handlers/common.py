"""What every handler shares: the services, who is talking, the private-chat gate."""

import contextlib
import logging
import re
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.services.registry import Services
from bot.tg import texts

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

# Every button Duet makes carries ASCII words and numbers joined by "|" (keyboards.py), each
# number a row id or an index that fits SQLite's 64-bit integers. Anything else was made by
# someone else: "²".isdigit() is true but int("²") fails, and a 30-digit id overflows SQLite.
_OUR_BUTTON = re.compile(r"[A-Za-z0-9_:/.+|-]{1,64}")
_NUMBER = re.compile(r"[0-9]+")


def ours(data: str | None) -> bool:
    """Whether callback data has the shape of the data Duet puts on its buttons."""
    return (
        data is not None
        and _OUR_BUTTON.fullmatch(data) is not None
        and all(int(number) < 2**63 for number in _NUMBER.findall(data))
    )


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
    return Who(user.id, (user.first_name or "friend")[:64], user.language_code or "en")


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
    if update.callback_query and not ours(update.callback_query.data):
        # A forged or garbled button: no handler need ever parse it.
        await update.callback_query.answer(texts.BUTTON_GONE)
        raise ApplicationHandlerStop


async def stale_button(update: Update, context: Context) -> None:
    """A button whose data we cannot read: say so in the little pop-up, change nothing."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.BUTTON_GONE)


async def button_argument(update: Update) -> str:
    """Answer the tap (stops the spinner) and return what follows the action in its data."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    return (query.data or "").partition("|")[2]


async def clear_buttons(update: Update) -> None:
    """Take the buttons off the message just tapped so it cannot be tapped twice."""
    query = update.callback_query
    assert query is not None
    # "Message is not modified" when it was already cleared: nothing to do.
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)
