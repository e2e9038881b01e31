"""Bot API methods that change what is there: edits, deletes, reactions, button answers."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .media import CAPTIONED_KINDS, kind_of
from .params import Params
from .sending import checked_caption, checked_text, inline_markup
from .world import Chat, World

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _editable(world: World, p: Params) -> tuple[Chat, dict[str, Any]]:
    if p.get("inline_message_id"):
        raise bad_request("the sandbox does not support inline messages")
    chat = world.writable_chat(p.get("chat_id"))
    if not isinstance(p.get("message_id"), int):
        raise bad_request("message identifier is not specified")
    message = chat.find(p["message_id"])
    if message is None:
        raise bad_request("message to edit not found")
    if message["from"].get("id") != world.bot_id:
        raise bad_request("message can't be edited")
    return chat, message


def _set(message: dict[str, Any], key: str, value: Any) -> None:
    if value:
        message[key] = value
    else:
        message.pop(key, None)


def _edited(world: World, message: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    if all(message.get(key) == (value or None) for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    for key, value in changes.items():
        _set(message, key, value)
    message["edit_date"] = world.now()
    return message


def edit_message_text(world: World, p: Params) -> Any:
    """editMessageText: new text; the keyboard goes unless reply_markup is sent again."""
    _, message = _editable(world, p)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    changes = {
        "text": checked_text(p),
        "entities": p.get("entities"),
        "reply_markup": inline_markup(p),
    }
    return _edited(world, message, changes)


def edit_message_caption(world: World, p: Params) -> Any:
    """editMessageCaption: new (or no) caption of a media message."""
    _, message = _editable(world, p)
    if kind_of(message) not in CAPTIONED_KINDS:
        raise bad_request("there is no caption in the message to edit")
    changes = {
        "caption": checked_caption(p),
        "caption_entities": p.get("caption_entities"),
        "reply_markup": inline_markup(p),
    }
    return _edited(world, message, changes)


def edit_message_reply_markup(world: World, p: Params) -> Any:
    """editMessageReplyMarkup: a new inline keyboard, or none."""
    _, message = _editable(world, p)
    return _edited(world, message, {"reply_markup": inline_markup(p)})


def delete_message(world: World, p: Params) -> Any:
    """deleteMessage: the message disappears from the chat."""
    chat = world.writable_chat(p.get("chat_id"))
    message_id = p.get("message_id")
    if chat.find(message_id) is None:
        raise bad_request("message to delete not found")
    assert isinstance(message_id, int)
    chat.deleted.add(message_id)
    world.note(chat.id, "deleted", message_id, "bot")
    return True


def set_message_reaction(world: World, p: Params) -> Any:
    """setMessageReaction: the bot's reaction to a message, stored per message."""
    chat = world.writable_chat(p.get("chat_id"))
    message_id = p.get("message_id")
    if chat.find(message_id) is None:
        raise bad_request("message to react not found")
    assert isinstance(message_id, int)
    reaction = p.get("reaction") or []
    if not isinstance(reaction, list):
        raise bad_request("reaction must be an array")
    chat.bot_reactions[message_id] = reaction
    return True


def answer_callback_query(world: World, p: Params) -> Any:
    """answerCallbackQuery: once per query; the answer is kept for tests to read."""
    query = world.callbacks.get(str(p.get("callback_query_id") or ""))
    if query is None or query["answered"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    query["answered"] = True
    query["answer"] = {
        "text": p.get("text"),
        "show_alert": bool(p.get("show_alert")),
        "url": p.get("url"),
        "cache_time": p.get("cache_time"),
    }
    return True
