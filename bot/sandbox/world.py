"""The state of the fake Telegram: chats, their messages, and the bot's update queue."""

from __future__ import annotations

import asyncio
import copy
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .errors import ApiError, bad_request, forbidden
from .files import FileStore

# What getUpdates delivers when the bot never asked for anything else (Telegram's default).
DEFAULT_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class Event:
    """One thing that happened in a chat, for the transcript."""

    seq: int
    chat_id: int
    kind: str  # said, bot, edited, deleted, pressed, reacted
    message_id: int
    actor: str
    detail: str = ""


@dataclass
class Chat:
    """A chat with its messages; for a private chat also the person in it."""

    id: int
    info: dict[str, Any]
    person: dict[str, Any] | None = None
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    sent: list[int] = field(default_factory=list)
    deleted: set[int] = field(default_factory=set)
    closed: str | None = None
    deactivated: bool = False
    keyboard: dict[str, Any] | None = None
    bot_reactions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    user_reactions: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)
    last_message_id: int = 0
    # When each bot message was accepted (time.monotonic(), shared by every process here).
    accepted_at: dict[int, float] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """private, group or supergroup."""
        return str(self.info["type"])

    @property
    def name(self) -> str:
        """The person's first name or the group's title."""
        return str(self.info.get("first_name") or self.info.get("title") or self.id)

    @property
    def inbox(self) -> list[dict[str, Any]]:
        """Messages the bot sent here and has not deleted, oldest first, as they look now."""
        return [self.messages[i] for i in self.sent if i not in self.deleted]

    def find(self, message_id: Any) -> dict[str, Any] | None:
        """A message still present in this chat, or None."""
        if not isinstance(message_id, int) or message_id in self.deleted:
            return None
        return self.messages.get(message_id)

    def first_accepted(self, fragment: str) -> float | None:
        """When the first bot message whose text or caption contains `fragment` was accepted."""
        for message_id in self.sent:
            message = self.messages[message_id]
            if fragment in str(message.get("text") or message.get("caption") or ""):
                return self.accepted_at.get(message_id)
        return None


class World:
    """Chats, files, commands, webhook and pending updates of one fake bot."""

    def __init__(
        self, bot_user: dict[str, Any], clock: Callable[[], float], keep_events: bool = True
    ) -> None:
        self.bot_user = bot_user
        self.clock = clock
        self.keep_events = keep_events
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.updates: deque[dict[str, Any]] = deque()
        self.last_update_id = 0
        # Updates to hand out once more whatever the offset, as after a bot restart.
        self.replays: deque[dict[str, Any]] = deque()
        self._latest: dict[str, Any] | None = None
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.webhook: dict[str, Any] = {"url": ""}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.settings: dict[str, dict[str, Any]] = {}
        self.callbacks: dict[str, dict[str, Any]] = {}
        self.events: list[Event] = []
        self.closing = False
        self._seq = 0
        self._poll_generation = 0
        self._wakeup = asyncio.Event()

    @property
    def bot_id(self) -> int:
        """The bot's user id."""
        return int(self.bot_user["id"])

    def now(self) -> int:
        """Unix time for message dates."""
        return int(self.clock())

    # chats

    def add_chat(self, chat_id: int, info: dict[str, Any], person: dict[str, Any] | None) -> Chat:
        """Create a chat, or return the existing one with this id."""
        if chat_id not in self.chats:
            self.chats[chat_id] = Chat(id=chat_id, info=info, person=person)
        return self.chats[chat_id]

    def chat(self, chat_id: Any) -> Chat:
        """The chat with this id, or 400 as Telegram answers."""
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, chat_id: Any) -> Chat:
        """The chat, if the bot may still write there; 403 when blocked or deactivated."""
        chat = self.chat(chat_id)
        if chat.closed:
            raise forbidden(chat.closed)
        return chat

    # messages

    def add_message(
        self,
        chat: Chat,
        sender: dict[str, Any],
        content: dict[str, Any],
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a new message in the chat with the next message id of that chat."""
        chat.last_message_id += 1
        message: dict[str, Any] = {
            "message_id": chat.last_message_id,
            "from": dict(sender),
            "chat": dict(chat.info),
            "date": self.now(),
            **content,
        }
        if reply_to is not None:
            quoted = copy.deepcopy(reply_to)
            quoted.pop("reply_to_message", None)
            message["reply_to_message"] = quoted
        chat.messages[chat.last_message_id] = message
        if sender.get("id") == self.bot_id:
            chat.sent.append(chat.last_message_id)
            chat.accepted_at[chat.last_message_id] = time.monotonic()
            self.note(chat.id, "bot", chat.last_message_id, "bot")
        return message

    def note(self, chat_id: int, kind: str, message_id: int, actor: str, detail: str = "") -> None:
        """Remember an event for the transcript (unless recording is off)."""
        if self.keep_events:
            self._seq += 1
            self.events.append(Event(self._seq, chat_id, kind, message_id, actor, detail))

    # updates

    def queue(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update of the given kind for getUpdates; returns its update_id."""
        self.last_update_id += 1
        update = {"update_id": self.last_update_id, kind: copy.deepcopy(payload)}
        self.updates.append(update)
        self._latest = update
        self.wake()
        return self.last_update_id

    def replay_latest(self) -> int:
        """Deliver the newest update once more, with the same update_id; returns that id."""
        if self._latest is None:
            raise ValueError("no update has been queued yet")
        self.replays.append(copy.deepcopy(self._latest))
        self.wake()
        return int(self._latest["update_id"])

    def wake(self) -> None:
        """Wake every long poll so it looks at the queue again."""
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    def confirm(self, offset: int) -> None:
        """Forget updates before offset; a negative offset keeps only the last -offset."""
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()

    def pending(self) -> int:
        """Updates queued and not yet confirmed."""
        return len(self.updates)

    async def poll(
        self, offset: int, limit: int, wait_seconds: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm, then return waiting updates or wait up to wait_seconds."""
        if self.webhook.get("url"):
            raise ApiError(409, WEBHOOK_ACTIVE)
        self._poll_generation += 1
        generation = self._poll_generation
        self.wake()  # an older long poll is now superseded and answers 409
        if allowed is not None:
            self.allowed_updates = frozenset(allowed) or DEFAULT_UPDATE_TYPES
        if offset:
            self.confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, wait_seconds)
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT)
            self._drop_unwanted()
            ready = [*self.replays, *islice(self.updates, max(1, min(limit, 100)))]
            self.replays.clear()
            remaining = deadline - loop.time()
            if ready or self.closing or remaining <= 0:
                return ready
            wakeup = self._wakeup
            try:
                async with asyncio.timeout(remaining):
                    await wakeup.wait()
            except TimeoutError:
                pass

    def _drop_unwanted(self) -> None:
        if any(self._kind(u) not in self.allowed_updates for u in self.updates):
            kept = [u for u in self.updates if self._kind(u) in self.allowed_updates]
            self.updates = deque(kept)

    @staticmethod
    def _kind(update: dict[str, Any]) -> str:
        return next(key for key in update if key != "update_id")

    def shutdown(self) -> None:
        """Let every waiting long poll return now."""
        self.closing = True
        self.wake()
