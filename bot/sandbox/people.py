"""People and groups a test acts as: they send, edit, delete, press and read their chat."""

from __future__ import annotations

import re
from typing import Any

from .media import (
    CAPTIONED_KINDS,
    clip,
    describe,
    inline_buttons,
    kind_of,
    label,
    media_content,
    utf16_len,
)
from .waiting import wait_until
from .world import Chat, World

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?(?=\s|$)")
BLOCKED = "bot was blocked by the user"
DEACTIVATED = "user is deactivated"
KICKED = "bot was kicked from the group chat"


def text_content(text: str) -> dict[str, Any]:
    """A user's text as Telegram delivers it: a leading /command gets a bot_command entity."""
    content: dict[str, Any] = {"text": text}
    match = _COMMAND.match(text)
    if match:
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}
        content["entities"] = [entity]
    return content


def set_blocked(world: World, chat: Chat, blocked: bool) -> None:
    """Block or unblock the bot in a chat; a private chat tells the bot (my_chat_member)."""
    if chat.deactivated or bool(chat.closed) == blocked:
        return
    chat.closed = (BLOCKED if chat.type == "private" else KICKED) if blocked else None
    if chat.person is None:
        return
    old, new = ("member", "kicked") if blocked else ("kicked", "member")
    old_member: dict[str, Any] = {"user": world.bot_user, "status": old}
    new_member: dict[str, Any] = {"user": world.bot_user, "status": new}
    for member in (old_member, new_member):
        if member["status"] == "kicked":
            member["until_date"] = 0
    update = {
        "chat": chat.info,
        "from": chat.person,
        "date": world.now(),
        "old_chat_member": old_member,
        "new_chat_member": new_member,
    }
    world.queue("my_chat_member", update)


def deactivate(chat: Chat) -> None:
    """The account is deleted: the bot gets 403 "user is deactivated" from now on."""
    chat.closed = DEACTIVATED
    chat.deactivated = True


def _message(chat: Chat, message_id: int) -> dict[str, Any]:
    message = chat.find(message_id)
    if message is None:
        raise ValueError(f"no message {message_id} in chat {chat.id} ({chat.name})")
    return message


def _button_list(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(b.get("text")), str(b.get("callback_data") or b.get("url") or ""))
        for row in inline_buttons(message)
        for b in row
    ]


class ChatView:
    """What a chat shows: the bot's messages, their texts and buttons."""

    def __init__(self, world: World, chat: Chat) -> None:
        self._world = world
        self.chat = chat

    @property
    def id(self) -> int:
        """The chat id."""
        return self.chat.id

    @property
    def inbox(self) -> list[dict[str, Any]]:
        """Messages the bot sent to this chat, oldest first, edits applied, deleted ones gone."""
        return self.chat.inbox

    def texts(self) -> list[str]:
        """Text or caption of each inbox message ("[voice]" etc. for media without caption)."""
        return [label(m) for m in self.inbox]

    @property
    def last(self) -> dict[str, Any]:
        """The newest message from the bot; AssertionError if there is none."""
        inbox = self.inbox
        if not inbox:
            raise AssertionError(f"{self.chat.name} ({self.chat.id}) has no message from the bot")
        return inbox[-1]

    def buttons(self, message: int | dict[str, Any] | None = None) -> list[tuple[str, str]]:
        """(text, callback_data) of each inline button (a URL button gives its url)."""
        if message is None:
            target = self.last
        elif isinstance(message, int):
            target = _message(self.chat, message)
        else:
            target = message
        return _button_list(target)

    @property
    def keyboard(self) -> list[list[str]] | None:
        """Button texts of the reply keyboard the bot last set here, if any."""
        markup = self.chat.keyboard
        if markup is None:
            return None
        rows = markup.get("keyboard") or []
        return [[b["text"] if isinstance(b, dict) else str(b) for b in row] for row in rows]

    async def wait_for_messages(
        self,
        n: int,
        timeout: float = 5.0,  # noqa: ASYNC109 - the public API names it so
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent at least n messages here; returns the inbox."""

        def explain() -> str:
            return (
                f"{self.chat.name} ({self.chat.id}) expected {n} message(s) from the bot within "
                f"{timeout}s, got {len(self.inbox)}: {self.texts()!r}"
            )

        await wait_until(lambda: len(self.inbox) >= n, timeout, explain)
        return self.inbox

    # acting

    def _post(
        self, person: dict[str, Any], content: dict[str, Any], reply_to: int | None
    ) -> dict[str, Any]:
        chat = self.chat
        if chat.deactivated:
            raise ValueError(f"user {chat.id} is deactivated and cannot send")
        if chat.closed and chat.type == "private":
            set_blocked(self._world, chat, False)  # writing to a blocked bot unblocks it first
        target = _message(chat, reply_to) if reply_to is not None else None
        message = self._world.add_message(chat, person, content, target)
        detail = describe(message)
        if target is not None:
            detail = f"(replying to “{clip(label(target))}”) {detail}"
        self._world.note(chat.id, "said", message["message_id"], person["first_name"], detail)
        self._world.queue("message", message)
        return message

    def _media(
        self,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        world = self._world
        stored = world.files.add(kind, data, file_name, mime_type)
        content = media_content(world.files, stored, options)
        if caption:
            content["caption"] = caption
        return content

    def _edit(self, person: dict[str, Any], message_id: int, text: str) -> dict[str, Any]:
        message = _message(self.chat, message_id)
        if message["from"].get("id") != person["id"]:
            raise ValueError(f"message {message_id} was not sent by {person['first_name']}")
        if "text" in message:
            message.pop("entities", None)
            message.update(text_content(text))
        elif kind_of(message) in CAPTIONED_KINDS:
            message["caption"] = text
        else:
            raise ValueError(f"message {message_id} has no text or caption to edit")
        message["edit_date"] = self._world.now()
        self._world.note(self.chat.id, "edited", message_id, person["first_name"], text)
        self._world.queue("edited_message", message)
        return message

    def _delete(self, person: dict[str, Any], message_id: int) -> None:
        message = _message(self.chat, message_id)
        self.chat.deleted.add(message_id)
        self._world.note(
            self.chat.id, "deleted", message_id, person["first_name"], clip(label(message))
        )

    def _press(
        self, person: dict[str, Any], message_id: int, data: str, *, forged: bool = False
    ) -> str:
        message = _message(self.chat, message_id)
        choices = _button_list(message)
        pressed = next((text for text, value in choices if value == data), None)
        if forged:
            # A modified client can send any callback data for any bot message.
            pressed = f"forged {data!r}"
        elif pressed is None or message["from"].get("id") != self._world.bot_id:
            raise ValueError(
                f"message {message_id} in {self.chat.name}'s chat has no button with "
                f"callback_data {data!r}; its buttons are {choices!r}"
            )
        world = self._world
        query_id = str(1_000_000 + len(world.callbacks) + 1)
        world.callbacks[query_id] = {
            "answered": False,
            "answer": None,
            "chat_id": self.chat.id,
            "message_id": message_id,
            "user_id": person["id"],
            "data": data,
        }
        query = {
            "id": query_id,
            "from": person,
            "message": message,
            "chat_instance": f"sandbox{self.chat.id}",
            "data": data,
        }
        world.note(self.chat.id, "pressed", message_id, person["first_name"], pressed)
        world.queue("callback_query", query)
        return query_id

    def _press_label(self, person: dict[str, Any], text: str, message_id: int | None) -> str:
        message = self.last if message_id is None else _message(self.chat, message_id)
        choices = _button_list(message)
        data = next((value for label_, value in choices if label_ == text), None)
        if data is None:
            raise ValueError(
                f"message {message['message_id']} in {self.chat.name}'s chat has no button "
                f"{text!r}; its buttons are {choices!r}"
            )
        return self._press(person, message["message_id"], data)

    def _react(self, person: dict[str, Any], message_id: int, emoji: str | None) -> None:
        _message(self.chat, message_id)
        key = (int(person["id"]), message_id)
        old = self.chat.user_reactions.get(key, [])
        new = [{"type": "emoji", "emoji": emoji}] if emoji else []
        self.chat.user_reactions[key] = new
        update = {
            "chat": self.chat.info,
            "message_id": message_id,
            "user": person,
            "date": self._world.now(),
            "old_reaction": old,
            "new_reaction": new,
        }
        self._world.note(self.chat.id, "reacted", message_id, person["first_name"], emoji or "")
        self._world.queue("message_reaction", update)


class SandboxUser(ChatView):
    """A Telegram user in their private chat with the bot (chat id == user id)."""

    def __init__(self, world: World, chat: Chat) -> None:
        super().__init__(world, chat)
        assert chat.person is not None
        self.user: dict[str, Any] = chat.person

    @property
    def first_name(self) -> str:
        """The user's first name."""
        return str(self.user["first_name"])

    def send(self, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        """Send a text (a leading /command gets its entity); returns the message."""
        return self._post(self.user, text_content(text), reply_to)

    def send_voice(
        self, duration: int = 3, caption: str | None = None, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a voice message."""
        data = b"OggS" + b"\0" * (duration * 100)
        content = self._media("voice", data, caption=caption, options={"duration": duration})
        return self._post(self.user, content, reply_to)

    def send_video_note(
        self, duration: int = 5, length: int = 240, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a round video note."""
        options = {"duration": duration, "length": length}
        content = self._media("video_note", b"\0\0\0\x18ftypmp42", options=options)
        return self._post(self.user, content, reply_to)

    def send_photo(self, caption: str | None = None, reply_to: int | None = None) -> dict[str, Any]:
        """Send a photo (two sizes, as Telegram does)."""
        content = self._media("photo", b"\xff\xd8\xff\xe0" + b"\0" * 200, caption=caption)
        return self._post(self.user, content, reply_to)

    def send_video(
        self, caption: str | None = None, duration: int = 5, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a video."""
        content = self._media(
            "video", b"\0\0\0\x18ftypmp42", caption=caption, options={"duration": duration}
        )
        return self._post(self.user, content, reply_to)

    def send_sticker(self, emoji: str = "👍", reply_to: int | None = None) -> dict[str, Any]:
        """Send a sticker."""
        content = self._media("sticker", b"RIFF\0\0\0\0WEBP", options={"emoji": emoji})
        return self._post(self.user, content, reply_to)

    def send_animation(
        self, caption: str | None = None, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a GIF (an animation, which also carries a document, as in Telegram)."""
        content = self._media(
            "animation", b"\0\0\0\x18ftypmp42", file_name="animation.mp4", caption=caption
        )
        return self._post(self.user, content, reply_to)

    def send_location(
        self, latitude: float, longitude: float, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Share a location."""
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self._post(self.user, content, reply_to)

    def send_contact(
        self,
        phone_number: str = "+491511234567",
        first_name: str | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Share a contact (by default the user's own)."""
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or self.first_name,
        }
        if first_name is None:
            contact["user_id"] = self.id
        return self._post(self.user, {"contact": contact}, reply_to)

    def send_document(
        self,
        file_name: str = "notes.txt",
        data: bytes = b"hello from the sandbox\n",
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Send a file."""
        content = self._media("document", data, file_name=file_name, caption=caption)
        return self._post(self.user, content, reply_to)

    def edit(self, message_id: int, text: str) -> dict[str, Any]:
        """Edit one's own message (its text, or a media caption): an edited_message update."""
        return self._edit(self.user, message_id, text)

    def delete(self, message_id: int) -> None:
        """Delete a message from the chat; bots get no update for this, as in Telegram."""
        self._delete(self.user, message_id)

    def press(self, message_id: int, data: str, *, forged: bool = False) -> str:
        """Press the inline button with this callback_data; returns the callback query id.

        `forged=True` sends data no button of that message carries, as a modified client can.
        """
        return self._press(self.user, message_id, data, forged=forged)

    def press_button(self, text: str, message_id: int | None = None) -> str:
        """Press the inline button labelled `text` (default: on the newest bot message)."""
        return self._press_label(self.user, text, message_id)

    def react(self, message_id: int, emoji: str | None) -> None:
        """Set (or with None remove) a reaction: a message_reaction update."""
        self._react(self.user, message_id, emoji)

    def block(self) -> None:
        """Block the bot: sends answer 403 and the bot gets a my_chat_member update."""
        set_blocked(self._world, self.chat, True)

    def unblock(self) -> None:
        """Unblock the bot (sending any message does this too, like Telegram's Restart)."""
        set_blocked(self._world, self.chat, False)

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """What the bot answered to a button press (text, show_alert...), or None so far."""
        query = self._world.callbacks.get(query_id)
        return None if query is None else query["answer"]


class SandboxGroup(ChatView):
    """A group chat the bot is in; users act in it by name."""

    @property
    def title(self) -> str:
        """The group's title."""
        return self.chat.name

    def send(self, user: SandboxUser, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        """`user` sends a text in this group; returns the message."""
        return self._post(user.user, text_content(text), reply_to)

    def press(self, user: SandboxUser, message_id: int, data: str) -> str:
        """`user` presses an inline button in this group; returns the callback query id."""
        return self._press(user.user, message_id, data)
