"""A pair's week in small facts: each day's rhythm, the counts and themes (the streak is
rhythm.py's, the same as /stats shows)."""

from calendar import monthrange
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from bot.domain.rhythm import Span
from bot.domain.schedule import at_local, local_date

DAYS = 7
THEMES_SHOWN = 3
# No two scheduled recaps closer than this, whatever the user does with day, time and zone.
MIN_RECAP_GAP = timedelta(days=3)

DayMark = Literal["together", "one", "paused", "none"]
MemoryAgo = Literal["year", "month"]


@dataclass(frozen=True)
class RoundTrace:
    """What a round tells about a week: when it opened and was revealed, who answered."""

    opened_at: datetime
    revealed_at: datetime | None
    answers: int
    theme: str


@dataclass(frozen=True)
class WeekFacts:
    """What the recap picture shows: no names, no words anyone wrote."""

    start: date  # the first of the seven local days
    days: tuple[DayMark, ...]
    reactions: int
    appreciations: int
    themes: tuple[str, ...]
    streak: int


def week_of(recap_day: date) -> date:
    """The first day of the week a recap on `recap_day` looks back on (it ends that day)."""
    return recap_day - timedelta(days=DAYS - 1)


def week_bounds(start: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants the seven local days from `start` begin and end."""
    return at_local(start, time(0), tz), at_local(start + timedelta(days=DAYS), time(0), tz)


def _overlaps(span: Span, start: datetime, end: datetime) -> bool:
    return span.start < end and span.end > start


def day_marks(
    start: date, tz: tzinfo, rounds: Sequence[RoundTrace], pauses: Sequence[Span]
) -> tuple[DayMark, ...]:
    """Each of the seven days: a round answered together, by one, a pause, or nothing."""
    marks: list[DayMark] = []
    for offset in range(DAYS):
        day = start + timedelta(days=offset)
        begins, ends = at_local(day, time(0), tz), at_local(day + timedelta(days=1), time(0), tz)
        opened = [r for r in rounds if begins <= r.opened_at < ends]
        if any(r.revealed_at is not None for r in opened):
            marks.append("together")
        elif any(r.answers > 0 for r in opened):
            marks.append("one")
        elif any(_overlaps(p, begins, ends) for p in pauses):
            marks.append("paused")
        else:
            marks.append("none")
    return tuple(marks)


def themes_of(start: date, tz: tzinfo, rounds: Sequence[RoundTrace]) -> tuple[str, ...]:
    """The week's themes, the most frequent first: of the rounds someone answered."""
    begins, ends = week_bounds(start, tz)
    counted = Counter(r.theme for r in rounds if r.answers > 0 and begins <= r.opened_at < ends)
    return tuple(theme for theme, _ in counted.most_common(THEMES_SHOWN))


def week_facts(
    start: date,
    tz: tzinfo,
    rounds: Sequence[RoundTrace],
    pauses: Sequence[Span],
    reactions: int,
    appreciations: int,
    streak: int,
) -> WeekFacts:
    """The week from `start` (local days in `tz`), with the pair's weeks together in a row."""
    return WeekFacts(
        start=start,
        days=day_marks(start, tz, rounds, pauses),
        reactions=reactions,
        appreciations=appreciations,
        themes=themes_of(start, tz, rounds),
        streak=streak,
    )


def next_recap_at(
    now: datetime, tz: tzinfo, weekday: int, at: time, last_recap_at: datetime | None
) -> datetime:
    """The first instant after `now` that is `weekday` (0 Monday) at local `at`, at least
    MIN_RECAP_GAP after the last recap."""
    day = local_date(now, tz)
    while True:
        if day.weekday() == weekday:
            due = at_local(day, at, tz)
            if due > now and (last_recap_at is None or due >= last_recap_at + MIN_RECAP_GAP):
                return due
        day += timedelta(days=1)


def memory_days(today: date) -> list[tuple[MemoryAgo, date]]:
    """The days an "On this day" round may come from, the rarer first: a year ago, a month
    ago (the 31st of a short month falls back to its last day)."""
    return [("year", _minus_months(today, 12)), ("month", _minus_months(today, 1))]


def _minus_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def day_window(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants from the start of the day before `day` to the end of the day after
    (an anniversary, give or take a day)."""
    return (
        at_local(day - timedelta(days=1), time(0), tz),
        at_local(day + timedelta(days=2), time(0), tz),
    )
