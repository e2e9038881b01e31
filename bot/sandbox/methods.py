"""Every Bot API method the sandbox answers, by name, and which of them send or touch chats."""

from __future__ import annotations

from .bot_methods import (
    delete_my_commands,
    delete_webhook,
    get_chat,
    get_file,
    get_me,
    get_my_commands,
    get_webhook_info,
    set_my_commands,
    set_webhook,
    setting,
)
from .editing import (
    answer_callback_query,
    delete_message,
    edit_message_caption,
    edit_message_reply_markup,
    edit_message_text,
    set_message_reaction,
)
from .params import Handler
from .sending import (
    copy_message,
    forward_message,
    media_sender,
    send_chat_action,
    send_contact,
    send_location,
    send_message,
)

MEDIA_KINDS = ("document", "photo", "voice", "video", "video_note", "audio", "animation", "sticker")
HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getChat": get_chat,
    "getFile": get_file,
    "sendMessage": send_message,
    "sendLocation": send_location,
    "sendContact": send_contact,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
    "sendChatAction": send_chat_action,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "setMessageReaction": set_message_reaction,
    "answerCallbackQuery": answer_callback_query,
    **{"send" + kind.title().replace("_", ""): media_sender(kind) for kind in MEDIA_KINDS},
    **{
        name: setting(name)
        for name in (
            "setMyDescription",
            "setMyShortDescription",
            "setMyName",
            "setChatMenuButton",
            "setMyDefaultAdministratorRights",
            "close",
            "logOut",
        )
    },
}
# Methods that put a new message into a chat: rate limits apply and stats count them.
SEND_METHODS = frozenset(
    {"sendMessage", "sendLocation", "sendContact", "copyMessage", "forwardMessage"}
    | {"send" + kind.title().replace("_", "") for kind in MEDIA_KINDS}
)
# Methods that touch a chat; the latency switch delays these.
CHAT_METHODS = SEND_METHODS | {
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
    "setMessageReaction",
    "answerCallbackQuery",
    "sendChatAction",
}
