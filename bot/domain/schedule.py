"""When a user's next daily prompt is due, across timezones, DST and restarts."""

from datetime import UTC, date, datetime, time, timedelta, tzinfo

# No two scheduled prompts closer than this, whatever the user does with time and zone.
MIN_GAP = timedelta(hours=12)


def local_date(instant: datetime, tz: tzinfo) -> date:
    """The calendar date on the user's wall clock at `instant`."""
    return instant.astimezone(tz).date()


def at_local(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day`.

    A wall time skipped by a DST jump moves forward by the jump; a repeated one takes its first
    occurrence (zoneinfo's fold=0 gives both).
    """
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def next_prompt_at(
    now: datetime, tz: tzinfo, at: time, last_prompt_at: datetime | None
) -> datetime:
    """The first instant after `now` at local time `at`, on a later local day than the last prompt
    and at least MIN_GAP after it."""
    day = local_date(now, tz)
    last_day = local_date(last_prompt_at, tz) if last_prompt_at else None
    while True:
        due = at_local(day, at, tz)
        later_day = last_day is None or day > last_day
        far_enough = last_prompt_at is None or due >= last_prompt_at + MIN_GAP
        if due > now and later_day and far_enough:
            return due
        day += timedelta(days=1)


def still_same_day(due: datetime, now: datetime, tz: tzinfo) -> bool:
    """Whether something due at `due` still belongs to the user's day at `now`."""
    return local_date(due, tz) == local_date(now, tz)


def prompt_due_today(next_at: datetime, now: datetime, tz: tzinfo, at: time) -> bool:
    """Whether today's prompt (local time `at`) has come and not been sent.

    After downtime the stored due time may be days old: the prompts of days that are over are
    skipped, and today's goes out if its time has come.
    """
    today = at_local(local_date(now, tz), at, tz)
    return next_at <= today <= now


def describe_day(due: datetime, now: datetime, tz: tzinfo) -> str:
    """`today`, `tomorrow`, or the ISO local date of `due`, as the user would say it."""
    days = (local_date(due, tz) - local_date(now, tz)).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return local_date(due, tz).isoformat()
