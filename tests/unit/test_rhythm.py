"""Weeks together in a row: the rule, pauses, the week under way, zones and DST."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.rhythm import (
    DAY,
    WEEK,
    Span,
    rounds_needed,
    this_week,
    week_number,
    week_start,
    weeks_in_a_row,
)

# A Tuesday, 07:00 UTC: the pair's weeks turn every Tuesday at 07:00 UTC.
PAIRED = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def days(*offsets: float, week: int = 0) -> list[datetime]:
    """Reveal moments `offsets` days into the pair's week `week`."""
    return [PAIRED + week * WEEK + timedelta(days=d) for d in offsets]


def test_a_week_counts_with_three_rounds_together() -> None:
    revealed = days(0.5, 1.5, 2.5)
    assert weeks_in_a_row(PAIRED, PAIRED + WEEK + DAY, revealed, []) == 1


def test_two_rounds_are_not_yet_a_week_and_a_thin_past_week_ends_the_run() -> None:
    revealed = days(1, 2, 3, week=0) + days(1, 2, week=1) + days(1, 2, 3, week=2)
    assert weeks_in_a_row(PAIRED, PAIRED + 3 * WEEK + DAY, revealed, []) == 1


def test_weeks_in_a_row_add_up() -> None:
    revealed = [d for week in range(4) for d in days(1, 2, 3, 4, week=week)]
    assert weeks_in_a_row(PAIRED, PAIRED + 4 * WEEK + DAY, revealed, []) == 4


def test_the_week_under_way_never_breaks_the_run_and_adds_once_it_counts() -> None:
    revealed = [d for week in range(2) for d in days(1, 2, 3, week=week)]
    now = PAIRED + 2 * WEEK + DAY
    assert weeks_in_a_row(PAIRED, now, revealed, []) == 2
    more = revealed + days(0.1, 0.2, 0.3, week=2)
    assert weeks_in_a_row(PAIRED, now, more, []) == 3


def test_a_week_paused_all_through_neither_counts_nor_breaks() -> None:
    pause = Span(PAIRED + WEEK, PAIRED + 2 * WEEK)
    revealed = days(1, 2, 3, week=0) + days(1, 2, 3, week=2)
    assert rounds_needed(PAIRED + WEEK, [pause]) == 0
    assert weeks_in_a_row(PAIRED, PAIRED + 3 * WEEK, revealed, [pause]) == 2


def test_a_partly_paused_week_needs_fewer_rounds() -> None:
    # Paused for five and a half days: one whole free day, so one round together is enough.
    pause = Span(PAIRED + WEEK, PAIRED + WEEK + timedelta(days=5.5))
    assert rounds_needed(PAIRED + WEEK, [pause]) == 1
    revealed = days(1, 2, 3, week=0) + days(6, week=1) + days(1, 2, 3, week=2)
    assert weeks_in_a_row(PAIRED, PAIRED + 3 * WEEK, revealed, [pause]) == 3


def test_a_short_pause_still_leaves_three_rounds_to_make_the_week() -> None:
    pause = Span(PAIRED + WEEK + DAY, PAIRED + WEEK + 3 * DAY)
    assert rounds_needed(PAIRED + WEEK, [pause]) == 3


def test_a_pause_across_two_weeks_counts_in_each_by_its_share() -> None:
    pause = Span(PAIRED + WEEK - 2 * DAY, PAIRED + WEEK + 6 * DAY + timedelta(hours=12))
    assert rounds_needed(PAIRED, [pause]) == 3  # five free days
    assert rounds_needed(PAIRED + WEEK, [pause]) == 0  # half a free day: not a whole one


def test_rounds_before_pairing_or_after_now_do_not_count() -> None:
    revealed = [PAIRED - DAY, *days(1, 2), PAIRED + 9 * DAY]
    assert weeks_in_a_row(PAIRED, PAIRED + 6 * DAY, revealed, []) == 0


def test_partners_ten_hours_apart_share_the_same_week() -> None:
    # Monday 08:00 in Auckland is Sunday 19:00 in London: different days, one instant, one week.
    auckland = datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
    london = datetime(2026, 11, 29, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    assert auckland == london
    assert week_number(PAIRED, auckland) == week_number(PAIRED, london) == 0
    # The week turns at one instant for both: Tuesday 20:00 there, Tuesday 07:00 here.
    turn = week_start(PAIRED, PAIRED + WEEK)
    assert turn.astimezone(ZoneInfo("Pacific/Auckland")).hour == 20
    assert turn.astimezone(ZoneInfo("Europe/London")).hour == 7


def test_a_dst_change_moves_the_local_hour_a_week_turns_not_its_length() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # Paired Monday 23 March 2026, 09:00 in Berlin (08:00 UTC); clocks go forward on the 29th.
    paired = datetime(2026, 3, 23, 9, 0, tzinfo=berlin)
    turn = week_start(paired, paired + WEEK + DAY)
    assert turn - paired == timedelta(hours=168)
    assert turn.astimezone(berlin).hour == 10
    # 09:30 Berlin time on Monday the 30th is still the first week: it turns at 10:00 now.
    last_of_first = datetime(2026, 3, 30, 9, 30, tzinfo=berlin)
    assert week_number(paired, last_of_first) == 0
    revealed = [paired + DAY, paired + 2 * DAY, last_of_first]
    assert weeks_in_a_row(paired, turn + DAY, revealed, []) == 1


def test_this_week_counts_rounds_answered_together_of_those_opened() -> None:
    opened = PAIRED + DAY
    week = this_week([(opened, opened + timedelta(hours=3)), (opened, None), (opened, opened)])
    assert (week.together, week.opened) == (2, 3)
