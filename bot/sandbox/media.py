"""Message content: media objects as Telegram shapes them, and what a message shows."""

from __future__ import annotations

from typing import Any

from .files import FileStore, StoredFile

# Keys that make up what a message says or shows; copyMessage copies exactly these.
CONTENT_KEYS = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "voice",
    "audio",
    "photo",
    "video",
    "video_note",
    "animation",
    "document",
    "sticker",
    "location",
    "venue",
    "contact",
    "dice",
    "poll",
    "has_media_spoiler",
)
# Media kinds in the order that decides what a message "is" (animation also sets document).
MEDIA_KINDS = (
    "voice",
    "video_note",
    "photo",
    "video",
    "animation",
    "audio",
    "sticker",
    "document",
    "location",
    "venue",
    "contact",
    "dice",
    "poll",
)
CAPTIONED_KINDS = frozenset({"audio", "animation", "document", "photo", "video", "voice"})


def media_content(
    store: FileStore, stored: StoredFile, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The content dict for a message that carries this file (voice, photo, document...)."""
    opts = options or {}
    base: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    sized = {**base, "file_size": stored.size}
    kind = stored.kind
    duration = int(opts.get("duration") or 3)
    width = int(opts.get("width") or 640)
    height = int(opts.get("height") or 480)
    if kind == "voice":
        return {"voice": {**sized, "duration": duration, "mime_type": stored.mime_type}}
    if kind == "audio":
        audio = {**sized, "duration": duration, "mime_type": stored.mime_type}
        if stored.file_name:
            audio["file_name"] = stored.file_name
        return {"audio": audio}
    if kind == "photo":
        thumb = store.add("photo", stored.data[:64], mime_type=stored.mime_type)
        small = {
            "file_id": thumb.file_id,
            "file_unique_id": thumb.file_unique_id,
            "file_size": thumb.size,
            "width": 90,
            "height": 68,
        }
        return {"photo": [small, {**sized, "width": 1280, "height": 960}]}
    if kind == "video":
        video = {
            **sized,
            "width": width,
            "height": height,
            "duration": duration,
            "mime_type": stored.mime_type,
        }
        if stored.file_name:
            video["file_name"] = stored.file_name
        return {"video": video}
    if kind == "video_note":
        length = int(opts.get("length") or 240)
        return {"video_note": {**sized, "length": length, "duration": duration}}
    if kind == "animation":
        name = stored.file_name or "animation.mp4"
        animation = {
            **sized,
            "width": width,
            "height": height,
            "duration": duration,
            "file_name": name,
            "mime_type": stored.mime_type,
        }
        document = {**sized, "file_name": name, "mime_type": stored.mime_type}
        return {"animation": animation, "document": document}
    if kind == "sticker":
        sticker = {
            **sized,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": opts.get("emoji") or "👍",
        }
        return {"sticker": sticker}
    document = {**sized, "mime_type": stored.mime_type}
    if stored.file_name:
        document["file_name"] = stored.file_name
    return {"document": document}


def content_of(message: dict[str, Any]) -> dict[str, Any]:
    """The part of a message copyMessage carries over."""
    return {key: message[key] for key in CONTENT_KEYS if key in message}


def kind_of(message: dict[str, Any]) -> str:
    """What the message is: "text" or a media kind such as "voice"."""
    for kind in MEDIA_KINDS:
        if kind in message:
            return kind
    return "text"


def label(message: dict[str, Any]) -> str:
    """Text or caption of a message, or "[voice]"-style for media without one."""
    if "text" in message:
        return str(message["text"])
    if "caption" in message:
        return str(message["caption"])
    return f"[{kind_of(message)}]"


def describe(message: dict[str, Any]) -> str:
    """Text, or "[voice 3s] caption" style for media, for transcripts and failure messages."""
    kind = kind_of(message)
    if kind == "text":
        return label(message)
    body = message.get(kind)
    extra = ""
    if isinstance(body, dict) and "duration" in body:
        extra = f" {body['duration']}s"
    elif isinstance(body, dict) and body.get("file_name"):
        extra = f" {body['file_name']}"
    text = f"[{kind}{extra}]"
    if message.get("caption"):
        text += f" {message['caption']}"
    return text


def clip(text: str, limit: int = 40) -> str:
    """One line of at most `limit` characters."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def inline_buttons(message: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Rows of inline keyboard buttons of a message (empty when it has none)."""
    markup = message.get("reply_markup")
    if not isinstance(markup, dict):
        return []
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list):
        return []
    return [[b for b in row if isinstance(b, dict)] for row in rows if isinstance(row, list)]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2
