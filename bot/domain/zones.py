"""Timezones by IANA name, city name, UTC offset, or the user's current local time."""

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)

# Cities people name that are not the last part of an IANA zone name.
_ALIASES = {
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "austin": "America/Chicago",
    "montreal": "America/Toronto",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome",
    "florence": "Europe/Rome",
    "krakow": "Europe/Warsaw",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "geneva": "Europe/Zurich",
    "edinburgh": "Europe/London",
    "manchester": "Europe/London",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "osaka": "Asia/Tokyo",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "ho chi minh": "Asia/Ho_Chi_Minh",
    "saigon": "Asia/Ho_Chi_Minh",
    "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "cape town": "Africa/Johannesburg",
    "wellington": "Pacific/Auckland",
    "utc": "UTC",
    "gmt": "UTC",
}


@cache
def _by_lower_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in sorted(available_timezones()):
        names.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            names.setdefault(city, name)
    return names


def format_offset(offset: timedelta) -> str:
    """`UTC+05:30` for a fixed offset."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def _parse_offset(text: str) -> str | None:
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    sign, hours, mins = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or mins >= 60 or (hours == 14 and mins):
        return None
    offset = timedelta(hours=hours, minutes=mins)
    return format_offset(-offset if sign in "-−" else offset)


def resolve_timezone(text: str) -> str | None:
    """The canonical zone name for what a user typed, or None when it names no zone."""
    cleaned = " ".join(text.strip().replace("_", " ").split()).lower()
    if not cleaned or len(cleaned) > 64:
        return None
    offset = _parse_offset(cleaned)
    if offset is not None:
        return offset
    if cleaned in _ALIASES:
        return _ALIASES[cleaned]
    names = _by_lower_name()
    return names.get(cleaned) or names.get(cleaned.replace(" ", "_"))


def zone(name: str) -> tzinfo:
    """The tzinfo for a canonical zone name (an IANA name or `UTC±HH:MM`)."""
    if name.startswith("UTC") and len(name) == 9:
        hours, mins = int(name[4:6]), int(name[7:9])
        offset = timedelta(hours=hours, minutes=mins)
        return timezone(-offset if name[3] == "-" else offset)
    return ZoneInfo(name)


def offset_from_local_time(now: datetime, local_hour: int, local_minute: int) -> str:
    """The UTC offset of someone whose clock shows `local_hour:local_minute` at `now`.

    Offsets are rounded to the nearest quarter hour, the finest step any zone uses.
    """
    utc = now.astimezone(UTC)
    local_minutes = local_hour * 60 + local_minute
    utc_minutes = utc.hour * 60 + utc.minute
    diff = local_minutes - utc_minutes
    # The user may already be on the next or previous calendar day.
    if diff > 14 * 60:
        diff -= 24 * 60
    elif diff < -12 * 60:
        diff += 24 * 60
    diff = round(diff / 15) * 15
    return format_offset(timedelta(minutes=diff))
