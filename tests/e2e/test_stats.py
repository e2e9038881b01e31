"""/stats after a few weeks with a pause, for partners eleven hours apart: the same gentle
numbers for both, a paused week that neither counts nor breaks the run."""

from datetime import UTC, datetime

from bot.sandbox import SandboxUser
from tests.e2e.conftest import Duet
from tests.e2e.flows import expect, guess_rounds_off, onboard, pair_up, paired, press, text_of

PROMPT = "Reply here"


def morning(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


async def a_day(duet: Duet, alex: SandboxUser, sam: SandboxUser, at: datetime, both: bool) -> None:
    """The day's question comes to both; Alex answers, and Sam too if `both`."""
    marks = {person.id: len(person.inbox) for person in (alex, sam)}
    await duet.move_clock(at)
    for person in (alex, sam):
        await expect(person, PROMPT, marks[person.id])
    alex.send(f"Alex on {at:%d %b}")
    await expect(alex, "Got it", marks[alex.id])
    if both:
        sam.send(f"Sam on {at:%d %b}")
        await expect(alex, "</b> answered", marks[alex.id])


async def stats_of(user: SandboxUser) -> str:
    mark = len(user.inbox)
    user.send("/stats")
    return text_of(await expect(user, "Questions answered together", mark))


async def test_stats_after_weeks_with_a_pause_in_zones_eleven_hours_apart(duet: Duet) -> None:
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex)
    await onboard(sam, zone="Sydney")  # UTC+11 in December
    await pair_up(duet.sandbox, alex, sam)  # Tuesday 24 November, 07:00 UTC: weeks turn then
    await guess_rounds_off(alex)  # every round here is answered in words

    for day in (25, 26, 27):  # the first week: three rounds together
        await a_day(duet, alex, sam, morning(11, day), both=True)
    mark, mark_sam = len(alex.inbox), len(sam.inbox)
    await duet.move_clock(morning(12, 1))  # the second week: its questions come, then a pause
    await expect(alex, PROMPT, mark)
    alex.send("/pause")
    await press(alex, await expect(alex, "Need some space", mark), "1 week")
    await expect(sam, "little space", mark_sam)
    for day in (9, 10, 11):  # the third week: three more together
        await a_day(duet, alex, sam, morning(12, day), both=True)
    alex.send("/appreciate for the postcard")
    await expect(sam, "postcard")
    await a_day(duet, alex, sam, morning(12, 16), both=True)  # this week: one of two so far
    await a_day(duet, alex, sam, morning(12, 17), both=False)

    for reader, sent, received in ((alex, 1, 0), (sam, 0, 1)):
        text = await stats_of(reader)
        assert "23 days together" in text
        assert "Questions answered together: <b>7</b>" in text
        assert f"<b>{sent}</b> sent, <b>{received}</b> received" in text
        assert "of 16" in text
        assert "<b>2</b> weeks together in a row" in text
        assert "This week: 1 of 2 answered together" in text


async def test_stats_before_any_round_welcome_the_first_week_without_pressure(
    duet: Duet,
) -> None:
    alex, _ = await paired(duet)
    text = await stats_of(alex)
    assert "Questions answered together: <b>0</b>" in text
    assert "A week together counts" in text
    for word in ("lost", "broke", "missed", "only"):
        assert word not in text.lower()
