"""Bot API methods that put a message into a chat: send*, copyMessage, forwardMessage."""

from __future__ import annotations

import copy
import html
import re
from dataclasses import replace
from typing import Any

from .errors import bad_request
from .files import StoredFile
from .media import CAPTIONED_KINDS, content_of, kind_of, media_content
from .params import Handler, Params, Upload
from .world import Chat, World

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_TAG = re.compile(r"<[^>]*>")


def shown(text: str, p: Params) -> str:
    """What a text shows once its entities are parsed; Telegram's limits count this."""
    if str(p.get("parse_mode") or "").upper() == "HTML":
        return html.unescape(_TAG.sub("", text))
    return text


def checked_text(p: Params) -> str:
    """The text parameter, 1..4096 characters after entities parsing, or 400 as Telegram
    words it."""
    text = p.get("text")
    if not isinstance(text, str) or not shown(text, p).strip():
        raise bad_request("message text is empty")
    if len(shown(text, p)) > MAX_TEXT:
        raise bad_request("message is too long")
    return text


def checked_caption(p: Params) -> str | None:
    """The caption parameter (None if absent), at most 1024 characters after entities parsing."""
    caption = p.get("caption")
    if caption is None:
        return None
    caption = str(caption)
    if len(shown(caption, p)) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return caption


def inline_markup(p: Params) -> dict[str, Any] | None:
    """The inline keyboard of the request, validated; None for none or an empty one."""
    markup = p.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardMarkup expected")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text") or ""):
                raise bad_request("BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    if not any(rows):
        return None
    return markup


def _apply_markup(chat: Chat, message: dict[str, Any], p: Params) -> None:
    """Attach an inline keyboard to a new message, or set/remove the chat's reply keyboard."""
    inline = inline_markup(p)
    if inline is not None:
        message["reply_markup"] = inline
        return
    markup = p.get("reply_markup")
    if isinstance(markup, dict):
        if "keyboard" in markup:
            chat.keyboard = markup
        elif markup.get("remove_keyboard"):
            chat.keyboard = None


def _reply_target(chat: Chat, p: Params) -> dict[str, Any] | None:
    """The message this send replies to, per reply_parameters or reply_to_message_id."""
    message_id = p.get("reply_to_message_id")
    allow = bool(p.get("allow_sending_without_reply"))
    parameters = p.get("reply_parameters")
    if isinstance(parameters, dict):
        message_id = parameters.get("message_id")
        allow = bool(parameters.get("allow_sending_without_reply", allow))
    if message_id is None:
        return None
    target = chat.find(message_id)
    if target is None and not allow:
        raise bad_request("message to be replied not found")
    return target


def _post(world: World, chat: Chat, content: dict[str, Any], p: Params) -> dict[str, Any]:
    """Create a bot message in the chat with the request's reply target and keyboard."""
    inline_markup(p)  # validate before anything is stored
    reply_to = _reply_target(chat, p)
    message = world.add_message(chat, world.bot_user, content, reply_to)
    _apply_markup(chat, message, p)
    return message


def send_message(world: World, p: Params) -> Any:
    """sendMessage: a text message, 1..4096 characters."""
    chat = world.writable_chat(p.get("chat_id"))
    content: dict[str, Any] = {"text": checked_text(p)}
    if p.get("entities"):
        content["entities"] = p["entities"]
    return _post(world, chat, content, p)


def _resolve_file(world: World, kind: str, value: Any) -> StoredFile:
    """An uploaded file, a known file_id or an URL, as a stored file of this kind."""
    if isinstance(value, Upload):
        return world.files.add(kind, value.data, value.filename, value.content_type)
    if isinstance(value, str) and value:
        known = world.files.get(value)
        if known is not None:
            return replace(known, kind=kind)
        if value.startswith(("http://", "https://")):
            name = value.rstrip("/").rsplit("/", 1)[-1] or None
            return world.files.add(kind, b"", name)
        raise bad_request("wrong file identifier/HTTP URL specified")
    raise bad_request(f"there is no {kind} in the request")


def media_sender(kind: str) -> Handler:
    """A send<Kind> method (sendDocument, sendVoice, sendPhoto...) for one media kind."""

    def send_media(world: World, p: Params) -> Any:
        chat = world.writable_chat(p.get("chat_id"))
        stored = _resolve_file(world, kind, p.get(kind))
        content = media_content(world.files, stored, p)
        caption = checked_caption(p) if kind in CAPTIONED_KINDS else None
        if caption:
            content["caption"] = caption
            if p.get("caption_entities"):
                content["caption_entities"] = p["caption_entities"]
        return _post(world, chat, content, p)

    send_media.__doc__ = f"send{kind.title().replace('_', '')}: a {kind} message."
    return send_media


def send_location(world: World, p: Params) -> Any:
    """sendLocation: a point on the map."""
    chat = world.writable_chat(p.get("chat_id"))
    latitude, longitude = p.get("latitude"), p.get("longitude")
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        raise bad_request("latitude and longitude are required")
    location = {"latitude": float(latitude), "longitude": float(longitude)}
    return _post(world, chat, {"location": location}, p)


def send_contact(world: World, p: Params) -> Any:
    """sendContact: a phone contact."""
    chat = world.writable_chat(p.get("chat_id"))
    if not p.get("phone_number") or not p.get("first_name"):
        raise bad_request("phone_number and first_name are required")
    contact = {"phone_number": str(p["phone_number"]), "first_name": str(p["first_name"])}
    return _post(world, chat, {"contact": contact}, p)


def _source(world: World, p: Params, verb: str) -> dict[str, Any]:
    chat_id = p.get("from_chat_id")
    source_chat = world.chats.get(chat_id) if isinstance(chat_id, int) else None
    source = source_chat.find(p.get("message_id")) if source_chat else None
    if source is None:
        raise bad_request(f"message to {verb} not found")
    return source


def copy_message(world: World, p: Params) -> Any:
    """copyMessage: the content of another message, without a link to it; returns MessageId."""
    chat = world.writable_chat(p.get("chat_id"))
    content = copy.deepcopy(content_of(_source(world, p, "copy")))
    if "caption" in p and kind_of(content) in CAPTIONED_KINDS:
        caption = checked_caption(p)
        content.pop("caption_entities", None)
        if caption:
            content["caption"] = caption
            if p.get("caption_entities"):
                content["caption_entities"] = p["caption_entities"]
        else:
            content.pop("caption", None)
    message = _post(world, chat, content, p)
    return {"message_id": message["message_id"]}


def forward_message(world: World, p: Params) -> Any:
    """forwardMessage: a copy that says whom it came from."""
    chat = world.writable_chat(p.get("chat_id"))
    source = _source(world, p, "forward")
    content = copy.deepcopy(content_of(source))
    content["forward_origin"] = {
        "type": "user",
        "sender_user": source["from"],
        "date": source["date"],
    }
    return _post(world, chat, content, p)


def send_chat_action(world: World, p: Params) -> Any:
    """sendChatAction: "typing..." and friends; nothing is stored."""
    world.writable_chat(p.get("chat_id"))
    if not p.get("action"):
        raise bad_request("action is empty")
    return True
