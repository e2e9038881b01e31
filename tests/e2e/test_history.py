"""/history: the pair's revealed rounds, newest first, a page per message turned in place."""

from datetime import UTC, datetime

from bot.sandbox import SandboxUser
from bot.tg.callbacks import Action
from tests.e2e.conftest import Duet
from tests.e2e.flows import (
    Message,
    expect,
    guess_rounds_off,
    onboard,
    pair_up,
    paired,
    press,
    text_of,
)
from tests.e2e.scene import LogTap, Scene, must_be_clean, observe

PROMPT = "Reply here"


async def answer_together(
    duet: Duet, alex: SandboxUser, sam: SandboxUser, at: datetime | None, words: str
) -> None:
    """The morning's prompt comes to both (at `at`, or now with /today); both answer it."""
    marks = {person.id: len(person.inbox) for person in (alex, sam)}
    if at is None:
        for person in (alex, sam):
            person.send("/today")
    else:
        await duet.move_clock(at)
    for person in (alex, sam):
        await expect(person, PROMPT, marks[person.id])
    alex.send(f"Alex: {words}")
    await expect(alex, "Got it", marks[alex.id])
    sam.send(f"Sam: {words}")
    await expect(alex, "</b> answered", marks[alex.id])


async def open_history(user: SandboxUser, fragment: str) -> Message:
    mark = len(user.inbox)
    user.send("/history")
    return await expect(user, fragment, mark)


async def turn(duet: Duet, user: SandboxUser, page: Message, label: str, fragment: str) -> None:
    """Tap a button of the page and wait until the page (the same message) shows `fragment`."""
    count = len(user.inbox)
    await press(user, page, label)
    await duet.sandbox.wait_for(lambda: fragment in text_of(page), 5, f"no {fragment!r}")
    assert len(user.inbox) == count, "the page turned in place, no new message"


async def toast(duet: Duet, user: SandboxUser, on: Message, data: str) -> str:
    """Press `data` on a message; the little pop-up the bot answered with."""
    query = user.press(on["message_id"], data, forged=True)

    def answered() -> dict[str, object] | None:
        return user.callback_answer(query)

    answer = await duet.sandbox.wait_for(answered)
    return str(answer["text"] or "") if answer else ""


def utc(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, 5, tzinfo=UTC)


async def test_history_before_any_reveal_says_the_story_starts_with_the_first_answers(
    duet: Duet,
) -> None:
    alex, _ = await paired(duet)
    page = await open_history(alex, "starts with your first answers")
    assert "Sam" in text_of(page)


async def test_pages_turn_both_ways_and_jump_a_month_and_a_year_back(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await guess_rounds_off(alex)  # every round here is answered in words
    await answer_together(duet, alex, sam, None, "first of all")  # Tue 24 Nov 2026
    await answer_together(duet, alex, sam, utc(2027, 1, 3), "forty days on")
    for day, words in ((20, "one"), (21, "two"), (22, "three")):
        await answer_together(duet, alex, sam, utc(2027, 12, day), f"december {words}")

    page = await open_history(alex, "december three")
    text = text_of(page)
    assert "Wednesday 22 December 2027" in text
    assert "<b>Alex</b>\nAlex: december three" in text
    assert "<b>Sam</b>\nSam: december three" in text
    labels = [label for label, _ in alex.buttons(page)]
    assert "Newer ▶" not in labels
    assert {"◀ Older", "⏪ A month ago", "⏪ A year ago"} <= set(labels)

    await turn(duet, alex, page, "Older", "december two")
    await turn(duet, alex, page, "Older", "december one")
    await turn(duet, alex, page, "Newer", "december two")
    await turn(duet, alex, page, "A month ago", "forty days on")
    assert "Sunday 03 January 2027" in text_of(page)
    assert "⏪ A month ago" not in [label for label, _ in alex.buttons(page)]
    await turn(duet, alex, page, "A year ago", "first of all")
    assert "◀ Older" not in [label for label, _ in alex.buttons(page)]
    await turn(duet, alex, page, "Newer", "forty days on")


async def test_an_unrevealed_answer_never_shows_in_history(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await answer_together(duet, alex, sam, None, "shown to both")
    mark = len(sam.inbox)
    await duet.move_clock(utc(2026, 11, 25))
    await expect(sam, PROMPT, mark)
    sam.send("Sam's answer Alex has not earned yet")
    await expect(sam, "Got it")
    page = await open_history(alex, "shown to both")
    assert "not earned yet" not in text_of(page)
    assert not [label for label, _ in alex.buttons(page)]


async def test_a_media_answer_is_sent_again_and_a_deleted_one_is_explained(duet: Duet) -> None:
    alex, sam = await paired(duet)
    marks = {person.id: len(person.inbox) for person in (alex, sam)}
    for person in (alex, sam):
        person.send("/today")
        await expect(person, PROMPT, marks[person.id])
    alex.send("Alex in words")
    await expect(alex, "Got it")
    voice = sam.send_voice(duration=4)
    await expect(alex, "voice note", marks[alex.id])

    page = await open_history(alex, "Alex in words")
    assert "voice note" in text_of(page)
    mark = len(alex.inbox)
    await press(alex, page, "Sam's voice note")
    await duet.sandbox.wait_for(lambda: any("voice" in m for m in alex.inbox[mark:]))

    sam.delete(voice["message_id"])
    mark = len(alex.inbox)
    await press(alex, page, "Sam's voice note")
    await expect(alex, "deleted from the chat", mark)


async def test_dates_are_the_readers_own(duet: Duet) -> None:
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex)
    await onboard(sam, zone="Sydney")
    await pair_up(duet.sandbox, alex, sam)
    marks = {person.id: len(person.inbox) for person in (alex, sam)}
    for person in (alex, sam):
        person.send("/today")
        await expect(person, PROMPT, marks[person.id])
    # Revealed at 20:00 UTC on Tuesday: already Wednesday morning in Sydney.
    await duet.move_clock(utc(2026, 11, 24, 20))
    alex.send("late on Tuesday")
    await expect(alex, "Got it", marks[alex.id])
    sam.send("early on Wednesday")
    await expect(alex, "</b> answered", marks[alex.id])
    assert "Tuesday 24 November 2026" in text_of(await open_history(alex, "late on Tuesday"))
    assert "Wednesday 25 November 2026" in text_of(await open_history(sam, "late on Tuesday"))


async def test_a_button_for_a_round_that_is_not_a_page_of_the_story_changes_nothing(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    await answer_together(duet, alex, sam, None, "our only round")
    page = await open_history(alex, "our only round")
    before = text_of(page)
    for data in (f"{Action.PAGE}|999", f"{Action.RESEND}|1|{sam.id}", f"{Action.RESEND}|999|1"):
        assert "isn't part of your story" in await toast(duet, alex, page, data)
        assert text_of(page) == before


async def test_after_the_pair_ends_its_pages_stay_as_they_were_and_say_why(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await answer_together(duet, alex, sam, None, "before the end")
    await answer_together(duet, alex, sam, utc(2026, 11, 25), "the last one")
    page = await open_history(alex, "the last one")
    before = text_of(page)
    mark = len(alex.inbox)
    sam.send("/unpair")
    await press(sam, await expect(sam, "End your pair"), "Yes")
    await expect(alex, "has ended your pair", mark)
    assert "has ended" in await toast(duet, alex, page, dict(alex.buttons(page))["◀ Older"])
    assert text_of(page) == before
    assert "not paired" in text_of(await open_history(alex, "paired"))


async def forged_toast(scene: Scene, log: LogTap, actor: SandboxUser, data: str) -> str:
    """`actor` presses `data` on a reveal in their chat: nothing changes, nobody else hears."""
    on = actor.inbox[0]
    queries: list[str] = []
    seen = await observe(
        scene, log, actor, lambda: queries.append(actor.press(on["message_id"], data, forged=True))
    )
    must_be_clean(seen, reply=False)
    assert not seen.to_actor, seen.texts()
    answer = actor.callback_answer(queries[0])
    assert answer is not None, f"{data}: the button kept spinning"
    return str(answer["text"] or "")


async def test_forged_history_buttons_for_rounds_not_of_the_pair_show_and_send_nothing(
    scene: Scene, log: LogTap
) -> None:
    alex, kim = scene.alex, scene.kim
    for data in (
        f"{Action.PAGE}|{scene.b1}",  # another pair's revealed round
        f"{Action.PAGE}|{scene.a2}",  # the pair's own round, not revealed: Alex's answer waits
        f"{Action.PAGE}|{scene.e1}",  # an ended pair's round
        f"{Action.RESEND}|{scene.b1}|{kim.id}",
        f"{Action.RESEND}|{scene.a2}|{alex.id}",
        f"{Action.RESEND}|{scene.a1}|{kim.id}",  # their round, someone else's answer
        f"{Action.RESEND}|{scene.a1}|{alex.id}",  # a text answer: nothing to send again
    ):
        assert "isn't part of your story" in await forged_toast(scene, log, alex, data), data


async def test_someone_whose_pair_ended_is_told_so_by_any_history_button(
    scene: Scene, log: LogTap
) -> None:
    for data in (f"{Action.PAGE}|{scene.e1}", f"{Action.RESEND}|{scene.e1}|{scene.max.id}"):
        assert "has ended" in await forged_toast(scene, log, scene.max, data)
