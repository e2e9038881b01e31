"""/today, /ask, answers in every form, edits, the swap button, and responding to a reveal."""

from telegram import Message, Update

from bot.domain.appreciation import REACTIONS
from bot.services.inbox import Incoming
from bot.tg import callbacks as cb
from bot.tg import texts
from bot.tg.handlers.common import Context, pressed, services, tapped, who


async def today(update: Update, context: Context) -> None:
    """Today's prompt, again or now."""
    await services(context).rounds.today(who(update).id)


async def ask(update: Update, context: Context) -> None:
    """`/ask <question>` sets the pair's next question; `/ask` alone asks for it."""
    message = update.message
    assert message is not None and message.text is not None
    parts = message.text.split(None, 1)
    await services(context).questions.ask(who(update).id, parts[1] if len(parts) > 1 else None)


def _media(message: Message) -> tuple[str | None, str | None]:
    """The kind of media a message carries and its file's id (a photo's largest size)."""
    if message.voice:
        return "voice", message.voice.file_id
    if message.video_note:
        return "video_note", message.video_note.file_id
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.video:
        return "video", message.video.file_id
    return None, None


async def _take(update: Update, context: Context) -> None:
    """A message that is an answer, or the typed value the user was asked for."""
    message = update.message
    assert message is not None
    me = who(update)
    kind, file_id = _media(message)
    incoming = Incoming(
        message_id=message.message_id,
        text=message.text if message.text is not None else message.caption,
        media=kind,
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
        file_id=file_id,
    )
    await services(context).inbox.take(me.id, me.first_name, me.language, incoming)


async def text(update: Update, context: Context) -> None:
    """Plain text: a value the user was asked to type, an appreciation, a reply, or an answer."""
    await _take(update, context)


async def media(update: Update, context: Context) -> None:
    """A voice note, video note, photo or video: relayed as it is at the reveal."""
    await _take(update, context)


async def edited(update: Update, context: Context) -> None:
    """An edit of an answer replaces it until the reveal."""
    message = update.edited_message
    assert message is not None
    await services(context).rounds.edit_answer(
        who(update).id, message.message_id, message.text or message.caption
    )


async def unsupported(update: Update, context: Context) -> None:
    """Stickers, GIFs, locations and the like cannot be answers, nor questions, nor stories."""
    message = update.message
    assert message is not None
    replied = message.reply_to_message
    await services(context).inbox.take_unsupported(
        who(update).id, replied.message_id if replied else None
    )


async def swap_button(update: Update, context: Context) -> None:
    """Another question, while nobody has answered."""
    button = await tapped(update, cb.Swap)
    await services(context).rounds.swap(who(update).id, button.round_id)


async def react_button(update: Update, context: Context) -> None:
    """A reaction under a reveal; a second tap changes it without telling twice."""
    button = pressed(update, cb.React)
    ok = await services(context).rounds.react(who(update).id, button.round_id, button.emoji)
    assert update.callback_query is not None
    await update.callback_query.answer(texts.reaction_sent(REACTIONS[button.emoji]) if ok else None)


async def reply_button(update: Update, context: Context) -> None:
    """ "Reply" under a reveal: the next message goes to the partner."""
    button = await tapped(update, cb.Reply)
    await services(context).rounds.ask_follow_up(who(update).id, button.round_id)
