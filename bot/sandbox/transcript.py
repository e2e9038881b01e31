"""A readable, time-ordered transcript of what users and the bot said in every chat."""

from __future__ import annotations

from .media import clip, describe, inline_buttons, label
from .world import Chat, Event, World

INDENT = "    "


def render(world: World) -> str:
    """Every event in every chat, oldest first; private chats read "Alex → bot: /start"."""
    if not world.keep_events:
        return "(no transcript: the sandbox runs with record=False)"
    lines: list[str] = []
    for event in world.events:
        chat = world.chats.get(event.chat_id)
        if chat is not None:
            lines.extend(_event_lines(chat, event))
    return "\n".join(lines)


def _event_lines(chat: Chat, event: Event) -> list[str]:
    where = "" if chat.type == "private" else f" in {chat.name}"
    if event.kind == "said":
        return _block(f"{event.actor} → bot{where}", event.detail)
    if event.kind == "bot":
        return _bot_lines(chat, event.message_id)
    if event.kind == "edited":
        return _block(f"{event.actor} edited a message{where}", event.detail)
    if event.kind == "deleted":
        if event.actor == "bot" and event.message_id in chat.sent:
            return []  # shown as "(deleted)" on the message itself
        owner = "" if event.actor != "bot" else f" {chat.name}'s"
        return [f"{event.actor} deleted{owner} message “{_short(chat, event)}”{where}"]
    if event.kind == "pressed":
        return [f"{event.actor} pressed [{event.detail}]{where}"]
    if event.kind == "reacted":
        reaction = event.detail or "nothing"
        return [f"{event.actor} reacted {reaction} to “{_short(chat, event)}”{where}"]
    return [f"{event.actor} {event.kind}{where}"]


def _bot_lines(chat: Chat, message_id: int) -> list[str]:
    message = chat.messages[message_id]
    notes = []
    if message.get("edit_date"):
        notes.append("edited")
    if message_id in chat.deleted:
        notes.append("deleted")
    head = f"bot → {chat.name}"
    reply = message.get("reply_to_message")
    if isinstance(reply, dict):
        head += f" (replying to “{clip(label(reply))}”)"
    body = describe(message) + (f" ({', '.join(notes)})" if notes else "")
    lines = _block(head, body)
    for row in inline_buttons(message):
        lines.append(INDENT + " ".join(f"[{button.get('text')}]" for button in row))
    return lines


def _block(head: str, body: str) -> list[str]:
    first, *rest = body.split("\n") or [""]
    return [f"{head}: {first}", *(INDENT + line for line in rest)]


def _short(chat: Chat, event: Event) -> str:
    message = chat.messages.get(event.message_id)
    return clip(label(message)) if message else f"#{event.message_id}"
