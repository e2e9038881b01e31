"""Pauses: how long one lasts, read from a button or from what the user typed."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

PAUSE_CHOICES: dict[str, timedelta | None] = {
    "1d": timedelta(days=1),
    "3d": timedelta(days=3),
    "1w": timedelta(weeks=1),
    "open": None,  # until resumed
}
MAX_NOTE = 200

_TYPED = re.compile(
    r"^\s*(?:(\d{1,2})\s*(d|day|days|w|wk|week|weeks)\b|(open|until resumed|indefinitely))"
    r"\s*[,:;.-]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class PauseRequest:
    length: timedelta | None  # None: until resumed
    note: str | None


def read_pause(text: str) -> PauseRequest | None:
    """`3d`, `1 week`, `open`, each optionally followed by a short note; None if unreadable."""
    match = _TYPED.match(text)
    if not match:
        return None
    note = match.group(4).strip() or None
    if note is not None and len(note) > MAX_NOTE:
        return None
    if match.group(3):
        return PauseRequest(None, note)
    count = int(match.group(1))
    unit = match.group(2).lower()
    days = count * 7 if unit.startswith("w") else count
    if not 1 <= days <= 60:
        return None
    return PauseRequest(timedelta(days=days), note)


def pause_ends(now: datetime, length: timedelta | None) -> datetime | None:
    return None if length is None else now + length
