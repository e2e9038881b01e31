"""Reading a time of day as people type it: 07:30, 7.30, 7am, 7:30 pm, 19h."""

import re
from datetime import time

_TIME = re.compile(r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """The time of day in `text`, or None when it is not one."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix in {"am", "pm"}:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def format_time(at: time) -> str:
    """`07:30`."""
    return f"{at.hour:02d}:{at.minute:02d}"
