"""The daily schedule across timezones, DST shifts, restarts and zone changes."""

import itertools
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import (
    MIN_GAP,
    describe_day,
    local_date,
    next_prompt_at,
    prompt_due_today,
    still_same_day,
)
from bot.domain.zones import zone

NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_first_prompt_is_later_today_when_the_time_has_not_passed() -> None:
    due = next_prompt_at(utc(2026, 11, 24, 6, 0), ZoneInfo("Europe/Berlin"), time(8, 0), None)
    assert due == utc(2026, 11, 24, 7, 0)


def test_first_prompt_is_tomorrow_when_the_time_has_passed() -> None:
    due = next_prompt_at(utc(2026, 11, 24, 9, 0), ZoneInfo("Europe/Berlin"), time(8, 0), None)
    assert due == utc(2026, 11, 25, 7, 0)


def test_new_york_spring_forward_keeps_local_eight_oclock() -> None:
    # 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    last = datetime(2026, 3, 7, 8, 0, tzinfo=NEW_YORK)
    due = next_prompt_at(last + timedelta(minutes=1), NEW_YORK, time(8, 0), last)
    assert due.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 8, 0)
    assert due - last == timedelta(hours=23)


def test_new_york_skipped_wall_time_moves_forward_once() -> None:
    last = datetime(2026, 3, 7, 2, 30, tzinfo=NEW_YORK)
    due = next_prompt_at(last + timedelta(minutes=1), NEW_YORK, time(2, 30), last)
    # 02:30 does not exist on 8 March; it becomes 03:30 EDT, that same day, once.
    assert due.astimezone(NEW_YORK).date() == datetime(2026, 3, 8).date()
    assert due.astimezone(NEW_YORK).hour == 3
    following = next_prompt_at(due + timedelta(seconds=1), NEW_YORK, time(2, 30), due)
    assert following.astimezone(NEW_YORK).date() == datetime(2026, 3, 9).date()


def test_new_york_fall_back_repeated_wall_time_gives_one_prompt() -> None:
    # 2026-11-01: 01:30 happens twice.
    last = datetime(2026, 10, 31, 1, 30, tzinfo=NEW_YORK)
    due = next_prompt_at(last + timedelta(minutes=1), NEW_YORK, time(1, 30), last)
    assert due == utc(2026, 11, 1, 5, 30)  # the first 01:30, still EDT
    # Right after it, during the repeated hour, nothing else is due that day.
    following = next_prompt_at(due + timedelta(minutes=30), NEW_YORK, time(1, 30), due)
    assert following.astimezone(NEW_YORK).date() == datetime(2026, 11, 2).date()
    assert following - due > timedelta(hours=24)


def test_lord_howe_half_hour_shift() -> None:
    # Lord Howe moves from +10:30 to +11:00 on 2026-10-04 at 02:00 local.
    last = datetime(2026, 10, 3, 8, 0, tzinfo=LORD_HOWE)
    due = next_prompt_at(last + timedelta(minutes=1), LORD_HOWE, time(8, 0), last)
    assert due.astimezone(LORD_HOWE).replace(tzinfo=None) == datetime(2026, 10, 4, 8, 0)
    assert due - last == timedelta(hours=23, minutes=30)


@pytest.mark.parametrize("name", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC+14:00", "UTC-12:00"])
def test_extreme_offsets_get_one_prompt_a_local_day(name: str) -> None:
    tz = zone(name)
    now = utc(2026, 11, 24, 12, 0)
    last: datetime | None = None
    days = []
    for _ in range(5):
        due = next_prompt_at(now, tz, time(8, 0), last)
        assert due.astimezone(tz).time() == time(8, 0)
        days.append(local_date(due, tz))
        last, now = due, due + timedelta(seconds=1)
    assert len(set(days)) == 5
    assert all((b - a).days == 1 for a, b in itertools.pairwise(days))


def test_zone_change_right_after_a_prompt_gives_no_second_prompt_within_hours() -> None:
    berlin, tokyo, new_york = (
        ZoneInfo(z) for z in ("Europe/Berlin", "Asia/Tokyo", "America/New_York")
    )
    sent = utc(2026, 11, 24, 7, 0)  # 08:00 in Berlin
    for tz in (tokyo, new_york, berlin):
        due = next_prompt_at(sent + timedelta(minutes=5), tz, time(8, 0), sent)
        assert due - sent >= MIN_GAP
        assert due.astimezone(tz).time() == time(8, 0)


def test_prompt_missed_during_downtime_is_sent_only_the_same_local_day() -> None:
    tz = ZoneInfo("Europe/Berlin")
    due = utc(2026, 11, 24, 7, 0)  # 08:00 in Berlin
    assert prompt_due_today(due, utc(2026, 11, 24, 20, 0), tz, time(8, 0))
    assert not prompt_due_today(due, utc(2026, 11, 24, 23, 30), tz, time(8, 0))  # 00:30 next day
    assert still_same_day(due, utc(2026, 11, 24, 20, 0), tz)


def test_after_days_of_downtime_todays_prompt_still_comes_once_its_time_has_come() -> None:
    tz = ZoneInfo("Europe/Berlin")
    stale = utc(2026, 11, 24, 7, 0)
    assert not prompt_due_today(stale, utc(2026, 11, 27, 6, 0), tz, time(8, 0))  # 07:00 local
    assert prompt_due_today(stale, utc(2026, 11, 27, 7, 30), tz, time(8, 0))  # 08:30 local
    # Already sent today (the next due time is tomorrow): nothing.
    assert not prompt_due_today(utc(2026, 11, 28, 7, 0), utc(2026, 11, 27, 7, 30), tz, time(8, 0))


def test_describe_day_speaks_like_a_person() -> None:
    tz = ZoneInfo("UTC")
    now = utc(2026, 11, 24, 9, 0)
    assert describe_day(utc(2026, 11, 24, 10, 0), now, tz) == "today"
    assert describe_day(utc(2026, 11, 25, 8, 0), now, tz) == "tomorrow"
    assert describe_day(utc(2026, 11, 27, 8, 0), now, tz) == "2026-11-27"
