"""A pair's rhythm without pressure: weeks together in a row, and how this week is going.

The week is the pair's own: seven times 24 hours from the moment they paired, counted in UTC
instants. Both partners therefore share one week whatever their zones (Auckland and London
see the same weeks and the same streak), and a DST change shifts only the local hour at which
a week turns, never its length: no week has 167 or 169 hours, no round counts twice. (Python
adds and subtracts wall-clock time between datetimes of one zone, so everything here turns to
UTC first.)

The rule: a week counts when the pair answered ROUNDS_PER_WEEK rounds together in it (rounds
revealed that week). Pauses lower the bar: a week needs min(3, whole unpaused days), so a
week paused for 5½ days needs one round, and a week paused all through needs none — it
neither counts nor breaks the streak. The week under way adds to the streak once it counts
and never breaks it before it is over.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WEEK = timedelta(days=7)
DAY = timedelta(days=1)
ROUNDS_PER_WEEK = 3


@dataclass(frozen=True)
class Span:
    """A stretch of time, such as a pause: from `start` up to `end`."""

    start: datetime
    end: datetime


def week_number(paired_at: datetime, at: datetime) -> int:
    """Which of the pair's weeks `at` falls in: 0 is the week they paired."""
    return (at.astimezone(UTC) - paired_at.astimezone(UTC)) // WEEK


def week_start(paired_at: datetime, at: datetime) -> datetime:
    """When the pair's week that holds `at` began (in UTC)."""
    return paired_at.astimezone(UTC) + week_number(paired_at, at) * WEEK


def rounds_needed(start: datetime, pauses: Iterable[Span]) -> int:
    """Rounds together that make the week from `start` count; 0 for a week paused all through,
    which neither counts nor breaks the streak."""
    start = start.astimezone(UTC)
    end = start + WEEK
    spans = [(p.start.astimezone(UTC), p.end.astimezone(UTC)) for p in pauses]
    paused = sum(
        (min(e, end) - max(s, start) for s, e in spans if s < end and e > start), timedelta()
    )
    free_days = min(WEEK, WEEK - paused) // DAY
    return min(ROUNDS_PER_WEEK, max(0, free_days))


def weeks_in_a_row(
    paired_at: datetime, now: datetime, revealed: Iterable[datetime], pauses: Iterable[Span]
) -> int:
    """Weeks in a row that counted, up to now (see the module's docstring for the rule)."""
    pauses = list(pauses)
    paired_at = paired_at.astimezone(UTC)
    together = Counter(week_number(paired_at, at) for at in revealed if paired_at <= at <= now)
    current = week_number(paired_at, now)
    streak = 0
    for week in range(current, -1, -1):
        needed = rounds_needed(paired_at + week * WEEK, pauses)
        if needed == 0:
            continue
        if together[week] >= needed:
            streak += 1
        elif week != current:
            break
    return streak


@dataclass(frozen=True)
class ThisWeek:
    """Rounds answered together this week, of the rounds opened this week."""

    together: int
    opened: int


def this_week(rounds: Iterable[tuple[datetime, datetime | None]]) -> ThisWeek:
    """How this week goes, from its rounds as (opened, revealed or None)."""
    rounds = list(rounds)
    return ThisWeek(sum(1 for _, revealed in rounds if revealed is not None), len(rounds))
