"""A pair's week in facts: the days, the counts, themes and when a recap comes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.rhythm import Span
from bot.domain.week import (
    RoundTrace,
    day_marks,
    memory_days,
    next_recap_at,
    week_facts,
    week_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
MONDAY = date(2026, 11, 23)


def at(day: int, hour: int, tz: ZoneInfo = BERLIN) -> datetime:
    """Day `day` of the week from MONDAY (0-based), at `hour` local time, in UTC."""
    local = datetime.combine(MONDAY + timedelta(days=day), time(hour), tzinfo=tz)
    return local.astimezone(UTC)


def together(day: int, theme: str = "trust") -> RoundTrace:
    return RoundTrace(at(day, 8), at(day, 20), 2, theme)


def test_each_day_shows_together_one_paused_or_nothing() -> None:
    rounds = [together(0), RoundTrace(at(1, 8), None, 1, "trust"), together(6)]
    pauses = [Span(at(3, 12), at(5, 9))]
    marks = day_marks(MONDAY, BERLIN, rounds, pauses)
    assert marks == ("together", "one", "none", "paused", "paused", "paused", "together")


def test_a_round_answered_in_a_pause_still_shows_as_answered() -> None:
    marks = day_marks(MONDAY, BERLIN, [together(2)], [Span(at(0, 0), at(7, 0))])
    assert marks[2] == "together"
    assert marks[0] == marks[6] == "paused"


def test_days_are_the_readers_local_days() -> None:
    # 23:30 in Berlin on Monday is already Tuesday in Tokyo.
    late = RoundTrace(at(0, 23), at(0, 23), 2, "trust")
    assert day_marks(MONDAY, BERLIN, [late], [])[0] == "together"
    assert day_marks(MONDAY, TOKYO, [late], [])[:2] == ("none", "together")


def test_the_weeks_facts_count_themes_and_the_streak() -> None:

    rounds = [
        *(together(day - 14, "quality_time") for day in range(4)),  # two weeks ago: counts
        *(together(day - 7) for day in range(5)),  # last week: paused after, still counts
        together(0, "support"),
        together(1, "support"),
        together(3, "dreams_values"),
        RoundTrace(at(4, 8), None, 0, "friendship"),  # nobody answered: no theme
    ]
    pauses = [Span(at(-2, 9), at(-1, 9))]
    facts = week_facts(MONDAY, BERLIN, rounds, pauses, reactions=4, appreciations=2, streak=3)
    assert facts.start == MONDAY
    assert facts.days == ("together", "together", "none", "together", "none", "none", "none")
    assert facts.themes == ("support", "dreams_values")
    assert (facts.reactions, facts.appreciations, facts.streak) == (4, 2, 3)


def test_the_recap_week_ends_on_the_recap_day() -> None:
    assert week_of(date(2026, 11, 29)) == MONDAY


def test_the_next_recap_is_sunday_at_seven_in_the_users_own_zone() -> None:
    now = datetime(2026, 11, 24, 7, tzinfo=UTC)
    assert next_recap_at(now, BERLIN, 6, time(19), None) == datetime(2026, 11, 29, 18, tzinfo=UTC)
    assert next_recap_at(now, TOKYO, 6, time(19), None) == datetime(2026, 11, 29, 10, tzinfo=UTC)


def test_the_recap_keeps_its_local_time_across_a_dst_change() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026.
    before = next_recap_at(datetime(2026, 10, 14, tzinfo=UTC), BERLIN, 6, time(19), None)
    after = next_recap_at(before, BERLIN, 6, time(19), before)
    assert before == datetime(2026, 10, 18, 17, tzinfo=UTC)
    assert after == datetime(2026, 10, 25, 18, tzinfo=UTC)


def test_no_two_recaps_come_within_three_days_when_the_day_changes() -> None:
    sent = datetime(2026, 11, 29, 18, tzinfo=UTC)
    # Switched to Monday right after Sunday's recap: the next is a week on Monday.
    assert next_recap_at(sent, BERLIN, 0, time(19), sent) == datetime(2026, 12, 7, 18, tzinfo=UTC)


def test_on_this_day_looks_a_year_then_a_month_back() -> None:
    assert memory_days(date(2026, 3, 31)) == [
        ("year", date(2025, 3, 31)),
        ("month", date(2026, 2, 28)),
    ]
    assert memory_days(date(2026, 1, 15))[1] == ("month", date(2025, 12, 15))
