"""The weekly recap over HTTP: each partner's own Sunday evening, one upload per picture, each
partner's own local days, pauses, DST, and /settings."""

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from PIL import Image

from bot.sandbox import SandboxUser
from bot.tg.picture import DAY_COLOURS, HEIGHT, WIDTH, cell_centre
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, expect, onboard, pair_up, press, text_of

RECAP = "Your week together"


def photos(user: SandboxUser, after: int = 0) -> list[Message]:
    return [m for m in user.inbox[after:] if "photo" in m]


def largest_file_id(message: Message) -> str:
    return str(message["photo"][-1]["file_id"])


async def pair_in(duet: Duet, alex_zone: str, sam_zone: str) -> tuple[SandboxUser, SandboxUser]:
    """Alex and Sam, each in their own zone, paired."""
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex, zone=alex_zone)
    await onboard(sam, zone=sam_zone)
    await pair_up(duet.sandbox, alex, sam)
    return alex, sam


async def test_each_partner_gets_the_recap_at_their_own_sunday_evening_from_one_upload(
    duet: Duet,
) -> None:
    # Sydney is UTC+11 in November, Berlin UTC+1: Sunday 19:00 is 08:00 and 18:00 UTC.
    alex, sam = await pair_in(duet, "Berlin", "Sydney")
    await duet.move_clock(datetime(2026, 11, 29, 7, 59, tzinfo=UTC))
    assert not photos(alex) and not photos(sam)

    await duet.move_clock(datetime(2026, 11, 29, 8, 0, 5, tzinfo=UTC))
    first = await expect(sam, RECAP)
    assert "photo" in first and not photos(alex)
    uploads = duet.sandbox.calls_to("sendPhoto")
    assert len(uploads) == 1 and not isinstance(uploads[0].params["photo"], str)
    picture = duet.sandbox.document_bytes(largest_file_id(first))
    image = Image.open(BytesIO(picture))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))

    await duet.move_clock(datetime(2026, 11, 29, 17, 59, tzinfo=UTC))
    assert not photos(alex)
    await duet.move_clock(datetime(2026, 11, 29, 18, 0, 5, tzinfo=UTC))
    second = await expect(alex, RECAP)
    # The second partner is sent the same file by its file_id: no second upload.
    sends = duet.sandbox.calls_to("sendPhoto")
    assert [call.params["chat_id"] for call in sends] == [sam.id, alex.id]
    assert sends[1].params["photo"] == largest_file_id(first) == largest_file_id(second)
    assert await duet.rows("SELECT week, file_id FROM recaps") == [
        ("2026-11-23", largest_file_id(first))
    ]

    # One recap a week: the next Sunday's, not another this week.
    await duet.move_clock(datetime(2026, 12, 5, 18, 0, tzinfo=UTC))
    assert len(photos(alex)) == len(photos(sam)) == 1
    await duet.move_clock(datetime(2026, 12, 6, 18, 0, 5, tzinfo=UTC))
    await expect(alex, RECAP, len(alex.inbox) - 1)
    assert len(photos(alex)) == len(photos(sam)) == 2


def together_days(duet: Duet, message: Message) -> list[int]:
    """The days (0: Monday) a recap picture marks as answered together."""
    image = Image.open(BytesIO(duet.sandbox.document_bytes(largest_file_id(message))))
    cells = image.convert("RGB")
    return [day for day in range(7) if cells.getpixel(cell_centre(day)) == DAY_COLOURS["together"]]


async def test_partners_far_apart_each_see_their_own_days_in_the_recap(duet: Duet) -> None:
    # Tuesday 23:30 in London is Wednesday 10:30 in Sydney (UTC+11 in November).
    duet.clock.set(datetime(2026, 11, 24, 23, 30, tzinfo=UTC))
    alex, sam = await pair_in(duet, "London", "Sydney")
    for user in (alex, sam):
        user.send("/today")
        await expect(user, "Reply here")
    alex.send("Alex's answer")
    await expect(alex, "Got it")
    sam.send("Sam's answer")
    await expect(alex, "Sam</b> answered")

    await duet.move_clock(datetime(2026, 11, 29, 8, 0, 5, tzinfo=UTC))  # 19:00 in Sydney
    sams = await expect(sam, RECAP)
    await duet.move_clock(datetime(2026, 11, 29, 19, 0, 5, tzinfo=UTC))  # 19:00 in London
    alexs = await expect(alex, RECAP)
    assert together_days(duet, sams) == [2]
    assert together_days(duet, alexs) == [1]
    # Two pictures, each uploaded once, each kept under what it shows.
    sends = duet.sandbox.calls_to("sendPhoto")
    assert [(c.params["chat_id"], _by_id(c.params)) for c in sends] == [
        (sam.id, False),
        (alex.id, False),
    ]
    kept = await duet.rows("SELECT week, digest, file_id FROM recaps ORDER BY sent_at")
    assert [(week, file_id) for week, _, file_id in kept] == [
        ("2026-11-23", largest_file_id(sams)),
        ("2026-11-23", largest_file_id(alexs)),
    ]
    assert kept[0][1] != kept[1][1]


async def test_a_recap_keeps_each_partners_local_time_across_dst(duet: Duet) -> None:
    # Berlin leaves summer time on 25 October 2026, New York on 1 November.
    duet.clock.set(datetime(2026, 10, 13, 7, 0, tzinfo=UTC))
    alex, sam = await pair_in(duet, "Berlin", "New York")
    await duet.move_clock(datetime(2026, 10, 18, 17, 0, 5, tzinfo=UTC))  # 19:00 CEST
    await expect(alex, RECAP)
    await duet.move_clock(datetime(2026, 10, 18, 23, 0, 5, tzinfo=UTC))  # 19:00 EDT
    await expect(sam, RECAP)

    await duet.move_clock(datetime(2026, 10, 25, 17, 0, 5, tzinfo=UTC))  # 18:00 CET: not yet
    assert len(photos(alex)) == 1
    await duet.move_clock(datetime(2026, 10, 25, 18, 0, 5, tzinfo=UTC))  # 19:00 CET
    await expect(alex, RECAP, len(alex.inbox) - 1)
    assert len(photos(alex)) == 2

    await duet.move_clock(datetime(2026, 10, 25, 23, 0, 5, tzinfo=UTC))  # 19:00 EDT still
    await expect(sam, RECAP, len(sam.inbox) - 1)
    await duet.move_clock(datetime(2026, 11, 1, 23, 0, 5, tzinfo=UTC))  # 18:00 EST: not yet
    assert len(photos(sam)) == 2
    await duet.move_clock(datetime(2026, 11, 2, 0, 0, 5, tzinfo=UTC))  # 19:00 EST
    await expect(sam, RECAP, len(sam.inbox) - 1)
    assert len(photos(sam)) == 3


async def test_a_paused_pair_gets_one_recap_of_the_latest_week_when_the_pause_ends(
    duet: Duet,
) -> None:
    alex, sam = await pair_in(duet, "UTC", "UTC")
    alex.send("/pause")
    await press(alex, await expect(alex, "pause"), "Until I resume")
    await expect(sam, "taking a little space")

    # Two Sundays go by in the pause: nothing is sent.
    await duet.move_clock(datetime(2026, 11, 29, 19, 0, 5, tzinfo=UTC))
    await duet.move_clock(datetime(2026, 12, 6, 19, 0, 5, tzinfo=UTC))
    await duet.move_clock(datetime(2026, 12, 8, 9, 0, tzinfo=UTC))
    assert not photos(alex) and not photos(sam)

    alex.send("/resume")
    await expect(alex, RECAP)
    await expect(sam, RECAP)
    await duet.ticks(3)
    assert len(photos(alex)) == len(photos(sam)) == 1
    # The latest week, drawn once for both.
    assert await duet.rows("SELECT week FROM recaps") == [("2026-11-30",)]
    assert len([c for c in duet.sandbox.calls_to("sendPhoto") if not _by_id(c.params)]) == 1

    # And the recap of this week comes as usual on Sunday.
    await duet.move_clock(datetime(2026, 12, 13, 19, 0, 5, tzinfo=UTC))
    await expect(alex, RECAP, len(alex.inbox) - 1)
    assert len(photos(alex)) == 2


async def answered(duet: Duet, user: SandboxUser, query: str) -> None:
    """Wait until the bot has answered a button press."""
    await duet.sandbox.wait_for(lambda: user.callback_answer(query) is not None, 5)


def _by_id(params: dict[str, Any]) -> bool:
    return isinstance(params["photo"], str)


async def test_recaps_can_be_moved_or_switched_off_in_settings(duet: Duet) -> None:
    alex, sam = await pair_in(duet, "UTC", "UTC")
    mark = len(alex.inbox)
    alex.send("/settings")
    menu = await expect(alex, "Weekly recap: <b>Sundays at 19:00</b>", mark)
    await press(alex, menu, "Weekly recap")
    await press(alex, await expect(alex, "Which day suits you", mark), "Sat")
    await press(alex, await expect(alex, "what time on Saturdays", mark), "09:00")
    await expect(alex, "now comes on <b>Saturdays at 09:00</b>", mark)

    await duet.move_clock(datetime(2026, 11, 28, 9, 0, 5, tzinfo=UTC))
    await expect(alex, RECAP)
    assert not photos(sam)

    mark = len(sam.inbox)
    sam.send("/settings")
    await press(sam, await expect(sam, "Your settings", mark), "Weekly recap")
    await press(sam, await expect(sam, "Which day suits you", mark), "No recaps")
    await expect(sam, "Weekly recaps are off", mark)
    await duet.move_clock(datetime(2026, 11, 29, 19, 0, 5, tzinfo=UTC))
    await duet.move_clock(datetime(2026, 12, 5, 9, 0, 5, tzinfo=UTC))
    await expect(alex, RECAP, len(alex.inbox) - 1)
    await duet.move_clock(datetime(2026, 12, 6, 19, 0, 5, tzinfo=UTC))
    assert not photos(sam)
    assert len(photos(alex)) == 2  # Alex's Saturday recap came again, Sam's never


async def test_forged_and_old_recap_buttons_change_nothing(duet: Duet) -> None:
    alex, _ = await pair_in(duet, "UTC", "UTC")
    schedule = "SELECT id, recap_day, recap_time, next_recap_at FROM users ORDER BY id"
    before = await duet.rows(schedule)
    message = alex.inbox[-1]
    for data in ("rc|7|19:00", "rc|6|25:00", "rc|sun", "rc|6|19:00|x", "rc|off|09:00"):
        await answered(duet, alex, alex.press(message["message_id"], data, forged=True))
    mark = len(alex.inbox)
    alex.send("/help")
    await expect(alex, "what I can do", mark)
    assert await duet.rows(schedule) == before
    # A stranger's press of a real recap button changes nothing either.
    stranger = duet.sandbox.user(1099, "Nobody")
    stranger.send("/help")
    await expect(stranger, "what I can do")
    await answered(
        duet, stranger, stranger.press(stranger.inbox[-1]["message_id"], "rc|6|09:00", forged=True)
    )
    assert await duet.rows(schedule) == before
    assert all("recap" not in text_of(m) for m in stranger.inbox)
