"""Invite codes: random, URL-safe, short enough for a Telegram start payload."""

import re
import secrets
from datetime import timedelta

INVITE_LIFETIME = timedelta(hours=72)
# Wrong codes a user may try in WRONG_CODE_WINDOW before being asked to wait.
WRONG_CODE_LIMIT = 5
WRONG_CODE_WINDOW = timedelta(minutes=10)

_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_invite_code() -> str:
    """96 random bits as 16 characters of `A-Za-z0-9_-`."""
    return secrets.token_urlsafe(12)


def looks_like_code(text: str) -> bool:
    """Whether `text` could be a start payload at all."""
    return bool(_SHAPE.match(text))
