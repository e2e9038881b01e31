"""Decode Bot API parameters from query strings, forms, multipart bodies and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from aiohttp import web

from .errors import bad_request

if TYPE_CHECKING:
    from .world import World

Params: TypeAlias = dict[str, Any]
Handler: TypeAlias = Callable[["World", Params], Any]

# Fields whose value is a JSON object or array; form clients send them as JSON strings.
JSON_FIELDS = frozenset(
    {
        "allowed_updates",
        "caption_entities",
        "commands",
        "entities",
        "explanation_entities",
        "link_preview_options",
        "media",
        "menu_button",
        "options",
        "reaction",
        "reply_markup",
        "reply_parameters",
        "results",
        "scope",
    }
)
INT_FIELDS = frozenset(
    {
        "cache_time",
        "chat_id",
        "duration",
        "from_chat_id",
        "height",
        "length",
        "limit",
        "max_connections",
        "message_id",
        "message_thread_id",
        "offset",
        "reply_to_message_id",
        "timeout",
        "user_id",
        "width",
    }
)
BOOL_FIELDS = frozenset(
    {
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "has_spoiler",
        "is_big",
        "protect_content",
        "show_alert",
        "show_caption_above_media",
    }
)
FLOAT_FIELDS = frozenset({"horizontal_accuracy", "latitude", "longitude"})
_INT = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Upload:
    """A file the client attached to a multipart request."""

    filename: str
    content_type: str
    data: bytes


async def read_params(request: web.Request) -> dict[str, Any]:
    """All parameters of a Bot API request, decoded and coerced to their natural types."""
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            raw.update(await _read_json(request))
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    data = value.file.read()
                    raw[key] = Upload(value.filename, value.content_type, data)
                elif isinstance(value, bytes | bytearray):
                    raw[key] = bytes(value).decode("utf-8", "replace")
                else:
                    raw[key] = value
    return normalize(raw)


async def _read_json(request: web.Request) -> dict[str, Any]:
    text = await request.text()
    if not text.strip():
        return {}
    try:
        body = json.loads(text)
    except ValueError:
        raise bad_request("can't parse JSON body") from None
    if not isinstance(body, dict):
        raise bad_request("JSON body must be an object")
    return body


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode JSON-string fields and coerce ids, numbers and flags, as Telegram does."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            value = _coerce(key, value)
        params[key] = value
    return params


def _coerce(key: str, value: str) -> Any:
    if key in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None
    if key in INT_FIELDS and _INT.fullmatch(value.strip()):
        return int(value)
    if key in BOOL_FIELDS:
        lowered = value.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0", ""):
            return False
    if key in FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError:
            raise bad_request(f"can't parse {key}") from None
    return value
