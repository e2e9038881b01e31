"""Reading times and timezones the way people type them."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.codes import looks_like_code, new_invite_code
from bot.domain.timeparse import parse_time
from bot.domain.zones import offset_from_local_time, resolve_timezone, zone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("7", time(7, 0)),
        ("7am", time(7, 0)),
        ("7 pm", time(19, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("7:30 p.m.", time(19, 30)),
        ("19h", time(19, 0)),
        ("19h30", time(19, 30)),
        (" 23:59 ", time(23, 59)),
    ],
)
def test_times_people_type_are_understood(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "25:00", "7:60", "13pm", "noonish", "tomorrow", "0730am", "-1"]
)
def test_things_that_are_not_times_are_refused(typed: str) -> None:
    assert parse_time(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("San Francisco", "America/Los_Angeles"),
        ("Mumbai", "Asia/Kolkata"),
        ("UTC", "UTC"),
        ("UTC+3", "UTC+03:00"),
        ("utc-5", "UTC-05:00"),
        ("GMT+5:30", "UTC+05:30"),
        ("+14", "UTC+14:00"),
    ],
)
def test_zones_by_name_city_or_offset(typed: str, expected: str) -> None:
    assert resolve_timezone(typed) == expected
    zone(expected)  # and it can be used


@pytest.mark.parametrize(
    "typed", ["Atlantis", "UTC+15", "Mars/Olympus", "x" * 100, "", "10:00", "5"]
)
def test_unknown_zones_are_refused(typed: str) -> None:
    assert resolve_timezone(typed) is None


def test_fixed_offset_zone_has_that_offset() -> None:
    instant = datetime(2026, 1, 1, tzinfo=UTC)
    assert instant.astimezone(zone("UTC+05:30")).utcoffset() == timedelta(hours=5, minutes=30)
    assert instant.astimezone(zone("UTC-03:00")).utcoffset() == timedelta(hours=-3)


@pytest.mark.parametrize(
    ("utc_now", "local", "expected"),
    [
        ((12, 0), (14, 0), "UTC+02:00"),
        ((12, 0), (7, 0), "UTC-05:00"),
        ((23, 0), (9, 0), "UTC+10:00"),  # already tomorrow for them
        ((2, 0), (18, 0), "UTC-08:00"),  # still yesterday for them
        ((12, 2), (17, 31), "UTC+05:30"),
    ],
)
def test_timezone_from_what_time_it_is_for_the_user(
    utc_now: tuple[int, int], local: tuple[int, int], expected: str
) -> None:
    now = datetime(2026, 11, 24, *utc_now, tzinfo=UTC)
    assert offset_from_local_time(now, *local) == expected


def test_invite_codes_are_long_random_and_url_safe() -> None:
    codes = {new_invite_code() for _ in range(1000)}
    assert len(codes) == 1000
    for code in codes:
        assert looks_like_code(code)
        assert len(code) == 16  # 96 bits
    assert not looks_like_code("has space")
    assert not looks_like_code("x" * 65)
