"""The weekly recap picture: a PNG of a pair's week, with no names and no words anyone wrote."""

import hashlib
import json
from datetime import date, timedelta
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from bot.domain.week import DayMark, WeekFacts
from bot.tg import texts

WIDTH, HEIGHT = 960, 720
BACKGROUND = (255, 248, 240)
INK = (61, 45, 52)
SOFT_INK = (128, 110, 118)
CARD = (255, 255, 255)
# Each day's cell, filled by what the day held.
DAY_COLOURS: dict[DayMark, tuple[int, int, int]] = {
    "together": (232, 80, 91),
    "one": (247, 183, 160),
    "paused": (190, 184, 228),
    "none": (234, 228, 220),
}
CELL = 104
CELL_GAP = 22
CELLS_TOP = 170
_CELLS_LEFT = (WIDTH - 7 * CELL - 6 * CELL_GAP) // 2
# A made-up week for the README and the benchmark: every kind of day, three themes.
SAMPLE_WEEK = WeekFacts(
    start=date(2026, 11, 23),
    days=("together", "together", "one", "paused", "paused", "none", "together"),
    reactions=5,
    appreciations=2,
    themes=("Doing things together", "Listening", "Before we met"),
    streak=4,
)


Colour = tuple[int, int, int]


def _blends(base: Colour, over: Colour, steps: int = 8) -> list[Colour]:
    """`over` laid on `base` at `steps` opacities: the shades anti-aliased edges take."""
    return [
        (
            round(base[0] + (over[0] - base[0]) * k / (steps - 1)),
            round(base[1] + (over[1] - base[1]) * k / (steps - 1)),
            round(base[2] + (over[2] - base[2]) * k / (steps - 1)),
        )
        for k in range(steps)
    ]


@cache
def _palette() -> Image.Image:
    """Every colour the picture uses and their edges' shades: a palette PNG needs no per-row
    filtering, so it encodes several times faster than RGB, and is half the size."""
    colours: list[Colour] = []
    for base in (BACKGROUND, CARD):
        for over in (INK, SOFT_INK, *DAY_COLOURS.values()):
            colours += _blends(base, over)
    unique = list(dict.fromkeys(colours))
    holder = Image.new("P", (1, 1))
    holder.putpalette([value for colour in unique for value in colour])
    return holder


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's own bundled TrueType font: no file to ship, nothing to fetch.
    return ImageFont.load_default(size=size)


def cell_centre(index: int) -> tuple[int, int]:
    """The middle of the cell of the week's day `index` (0: its first day)."""
    left = _CELLS_LEFT + index * (CELL + CELL_GAP)
    return left + CELL // 2, CELLS_TOP + CELL // 2


def digest(facts: WeekFacts) -> str:
    """A short name for the picture of `facts`: equal for equal pictures, so partners whose
    weeks look the same share one upload."""
    shown = [
        facts.start.isoformat(),
        facts.days,
        facts.reactions,
        facts.appreciations,
        facts.themes,
        facts.streak,
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:16]


def draw_week(facts: WeekFacts) -> bytes:
    """The PNG of one week."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    last = facts.start + timedelta(days=6)
    draw.text((WIDTH // 2, 60), texts.PICTURE_TITLE, font=_font(54), fill=INK, anchor="mm")
    span = texts.picture_dates(facts.start, last)
    draw.text((WIDTH // 2, 118), span, font=_font(30), fill=SOFT_INK, anchor="mm")

    for index, mark in enumerate(facts.days):
        x, y = cell_centre(index)
        half = CELL // 2
        box = (x - half, y - half, x + half, y + half)
        draw.rounded_rectangle(box, radius=26, fill=DAY_COLOURS[mark])
        day = facts.start + timedelta(days=index)
        draw.text((x, y + half + 26), f"{day:%a}", font=_font(28), fill=INK, anchor="mm")

    legend_y = CELLS_TOP + CELL + 86
    items = [(DAY_COLOURS[mark], texts.PICTURE_LEGEND[mark]) for mark in DAY_COLOURS]
    widths = [34 + draw.textlength(label, font=_font(24)) for _, label in items]
    at = (WIDTH - sum(widths) - 30 * (len(items) - 1)) / 2
    for (colour, label), width in zip(items, widths, strict=True):
        draw.rounded_rectangle((at, legend_y - 11, at + 22, legend_y + 11), radius=6, fill=colour)
        draw.text((at + 32, legend_y), label, font=_font(24), fill=SOFT_INK, anchor="lm")
        at += width + 30

    figures = [
        (facts.streak, texts.PICTURE_STREAK),
        (facts.reactions, texts.PICTURE_REACTIONS),
        (facts.appreciations, texts.PICTURE_APPRECIATIONS),
    ]
    card_w, card_top, card_h = 268, legend_y + 44, 170
    gap = (WIDTH - 3 * card_w) // 4
    for i, (value, label) in enumerate(figures):
        left = gap + i * (card_w + gap)
        draw.rounded_rectangle((left, card_top, left + card_w, card_top + card_h), 24, CARD)
        centre = left + card_w // 2
        draw.text((centre, card_top + 62), str(value), font=_font(64), fill=INK, anchor="mm")
        draw.multiline_text(
            (centre, card_top + 130),
            label,
            font=_font(24),
            fill=SOFT_INK,
            anchor="mm",
            align="center",
        )

    shown = facts.themes
    while len(shown) > 1 and draw.textlength(texts.picture_themes(shown), font=_font(30)) > 900:
        shown = shown[:-1]
    themes = texts.picture_themes(shown)
    draw.text((WIDTH // 2, HEIGHT - 52), themes, font=_font(30), fill=INK, anchor="mm")
    out = BytesIO()
    flat = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    # Flat colours compress well even at the fastest level.
    flat.save(out, format="PNG", compress_level=1)
    return out.getvalue()
