"""The recap picture is a real PNG whose seven day cells show what each day held."""

from datetime import date
from io import BytesIO

from PIL import Image

from bot.domain.week import WeekFacts
from bot.tg.picture import DAY_COLOURS, HEIGHT, WIDTH, cell_centre, draw_week

WEEK = WeekFacts(
    start=date(2026, 11, 23),
    days=("together", "one", "paused", "none", "together", "paused", "together"),
    reactions=5,
    appreciations=2,
    themes=("Time together", "Listening", "Hard days"),
    streak=4,
)


def test_the_picture_is_a_png_of_the_expected_size() -> None:
    png = draw_week(WEEK)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(BytesIO(png))
    image.verify()  # a truncated or garbled file raises
    image = Image.open(BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (WIDTH, HEIGHT)
    assert len(png) < 200_000  # small enough to send quickly


def test_each_day_cell_has_the_colour_of_what_the_day_held() -> None:
    image = Image.open(BytesIO(draw_week(WEEK))).convert("RGB")
    seen = [image.getpixel(cell_centre(i)) for i in range(7)]
    assert seen == [DAY_COLOURS[mark] for mark in WEEK.days]


def test_a_quiet_week_without_themes_still_draws() -> None:
    quiet = WeekFacts(date(2026, 12, 28), ("none",) * 7, 0, 0, (), 0)
    image = Image.open(BytesIO(draw_week(quiet))).convert("RGB")
    assert {image.getpixel(cell_centre(i)) for i in range(7)} == {DAY_COLOURS["none"]}


def test_long_themes_are_shortened_to_fit() -> None:
    wide = WeekFacts(WEEK.start, WEEK.days, 0, 0, ("Looking after yourself " * 3,) * 3, 0)
    assert Image.open(BytesIO(draw_week(wide))).size == (WIDTH, HEIGHT)
