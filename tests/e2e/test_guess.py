"""Journey 5b over HTTP: guess rounds, tapped and guessed by both, revealed to both."""

import asyncio
import re
from datetime import UTC, datetime
from typing import Any

from bot.domain.guess import GuessStep
from bot.sandbox import SandboxUser
from bot.tg import texts
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
from tests.e2e.test_journal import export

GUESS = "Guess round"
# Paired on Tue 24 Nov: the first appreciation round is due on 1 Dec, the first guess on 2 Dec.
APPRECIATION_DAY = datetime(2026, 12, 1, 8, 0, 5, tzinfo=UTC)
GUESS_DAY = datetime(2026, 12, 2, 8, 0, 5, tzinfo=UTC)
NEXT_APPRECIATION_DAY = datetime(2026, 12, 8, 8, 0, 5, tzinfo=UTC)
NEXT_GUESS_DAY = datetime(2026, 12, 9, 8, 0, 5, tzinfo=UTC)


async def guess_prompts(
    duet: Duet, people: list[SandboxUser], before: datetime, day: datetime
) -> list[Message]:
    """Move through the day before (another kind of round) to `day`: each one's guess prompt."""
    await duet.move_clock(before)
    marks = [len(person.inbox) for person in people]
    await duet.move_clock(day)
    return [await expect(p, GUESS, mark) for p, mark in zip(people, marks, strict=True)]


async def tap(user: SandboxUser, message: Message, label: str, answer: str) -> Message:
    """Tap the option `label`; the next message to `user` that says `answer`."""
    mark = len(user.inbox)
    await press(user, message, label)
    return await expect(user, answer, mark)


def plain(message: Message) -> str:
    """The message's text without its HTML tags."""
    return re.sub(r"<[^>]+>", "", text_of(message))


def labels(user: SandboxUser, message: Message) -> list[str]:
    return [text for text, data in user.buttons(message) if data.startswith(f"{Action.GUESS}|")]


async def rows(duet: Duet, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return await duet.rows(sql, params)


async def test_both_answer_and_guess_then_both_see_answers_guesses_and_marks(duet: Duet) -> None:
    alex, sam = await paired(duet)
    prompt_a, prompt_s = await guess_prompts(duet, [alex, sam], APPRECIATION_DAY, GUESS_DAY)
    options = labels(alex, prompt_a)
    assert 2 <= len(options) <= 4 and options == labels(sam, prompt_s)
    assert "Tap your answer" in text_of(prompt_a)

    ask = await tap(alex, prompt_a, options[0], "Now your guess")
    assert labels(alex, ask) == options
    mark_sam = len(sam.inbox)
    waiting = await tap(alex, ask, options[1], "Got it")
    assert options[0] in plain(waiting) and options[1] in plain(waiting)
    await duet.ticks(2)
    assert len(sam.inbox) == mark_sam, "Alex's taps stay hidden from Sam"

    mark_alex = len(alex.inbox)
    ask = await tap(sam, prompt_s, options[1], "Now your guess")
    reveal_s = await tap(sam, ask, options[2 % len(options)], "🔮")
    reveal_a = await expect(alex, "🔮", mark_alex)
    # Alex picked 0 and guessed Sam's 1 (right); Sam picked 1 and guessed 2 (wrong, unless
    # there are only two options, when 2 % 2 is Alex's 0).
    sam_right = len(options) == 2
    sams_guess, mark = options[2 % len(options)], "✓" if sam_right else "✗"
    for reveal, me, partner in ((reveal_a, "Alex", "Sam"), (reveal_s, "Sam", "Alex")):
        lines = plain(reveal).splitlines()
        assert any(line.startswith("You:") for line in lines), lines
        alex_line = f"{options[0]} · Sam guessed {sams_guess} {mark}"
        sam_line = f"{options[1]} · Alex guessed {options[1]} ✓"
        if me == "Alex":
            assert f"You: {alex_line}" in lines and f"Sam: {options[1]} · you guessed" in plain(
                reveal
            )
        else:
            assert f"You: {sam_line}" in lines and f"Alex: {options[0]} · you guessed" in plain(
                reveal
            )
        assert partner in text_of(reveal)
    assert "Alex" in text_of(reveal_s) and "Sam" in text_of(reveal_a)
    # The month's first guess round: no tally yet.
    assert "this month" not in text_of(reveal_a).lower()
    ((revealed,),) = await rows(duet, "SELECT COUNT(*) FROM rounds WHERE revealed_at IS NOT NULL")
    assert revealed == 1

    # A week on, the second guess round of December brings the month's tally to both.
    prompt_a, prompt_s = await guess_prompts(
        duet, [alex, sam], NEXT_APPRECIATION_DAY, NEXT_GUESS_DAY
    )
    options = labels(alex, prompt_a)
    await tap(alex, await tap(alex, prompt_a, options[0], "Now your guess"), options[0], "Got it")
    mark_alex = len(alex.inbox)
    ask = await tap(sam, prompt_s, options[0], "Now your guess")
    reveal_s = await tap(sam, ask, options[0], "🔮")
    reveal_a = await expect(alex, "🔮", mark_alex)
    right = 2 + (1 if sam_right else 0) + 1
    for reveal in (reveal_a, reveal_s):
        assert f"guessed each other right {right} of 4 times" in text_of(reveal)


async def test_words_sent_during_a_guess_round_are_met_with_a_nudge_to_tap(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await guess_prompts(duet, [alex, sam], APPRECIATION_DAY, GUESS_DAY)
    mark = len(alex.inbox)
    alex.send("a long walk, obviously")
    await expect(alex, "tap one of the options above", mark)
    assert await rows(duet, "SELECT * FROM answers") == []
    assert await rows(duet, "SELECT * FROM guesses") == []


async def test_forged_and_stale_taps_are_refused_and_change_nothing(duet: Duet) -> None:
    sb = duet.sandbox
    alex, sam = await paired(duet)
    kim, lee = sb.user(1003, "Kim"), sb.user(1004, "Lee")
    await onboard(kim)
    await pair_up(sb, kim, lee)
    prompt_a, prompt_s, prompt_k, _ = await guess_prompts(
        duet, [alex, sam, kim, lee], APPRECIATION_DAY, GUESS_DAY
    )
    by_pair = await rows(duet, "SELECT id FROM rounds WHERE kind = 'guess' ORDER BY id")
    (a_round,), (b_round,) = by_pair
    own, guess = GuessStep.OWN, GuessStep.PARTNER
    options = labels(alex, prompt_a)

    async def refused(user: SandboxUser, on: Message, data: str, toast: str) -> None:
        before = await rows(duet, "SELECT * FROM guesses ORDER BY round_id, user_id")
        marks = {p.id: len(p.inbox) for p in (alex, sam, kim, lee)}
        said = await press_forged(user, on, data)
        assert toast in said, (data, said)
        await duet.ticks(2)
        assert await rows(duet, "SELECT * FROM guesses ORDER BY round_id, user_id") == before
        assert {p.id: len(p.inbox) for p in (alex, sam, kim, lee)} == marks, data

    # Another pair's round, an option out of range, a guess before one's own answer.
    await refused(alex, prompt_a, f"{Action.GUESS}|{b_round}|{own}|0", "no longer works")
    await refused(alex, prompt_a, f"{Action.GUESS}|{a_round}|{own}|{len(options)}", "no longer")
    await refused(alex, prompt_a, f"{Action.GUESS}|{a_round}|{guess}|0", "your own answer first")
    await refused(kim, prompt_k, f"{Action.GUESS}|{a_round}|{guess}|0", "no longer works")

    # Both done: the round is revealed, and its buttons are stale.
    await tap(alex, await tap(alex, prompt_a, options[0], "Now your guess"), options[0], "Got it")
    await tap(sam, await tap(sam, prompt_s, options[0], "Now your guess"), options[0], "🔮")
    await refused(alex, prompt_a, f"{Action.GUESS}|{a_round}|{own}|1", "already revealed")
    await refused(sam, prompt_s, f"{Action.GUESS}|{a_round}|{guess}|1", "already revealed")


async def press_forged(user: SandboxUser, on: Message, data: str) -> str:
    query = user.press(on["message_id"], data, forged=True)
    for _ in range(500):
        answer = user.callback_answer(query)
        if answer is not None:
            return str(answer.get("text") or "")
        await asyncio.sleep(0.01)
    raise AssertionError(f"{data}: the button kept spinning")


async def test_a_pause_holds_the_guess_round_until_the_pair_resumes(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await duet.move_clock(APPRECIATION_DAY)
    await expect(alex, "Appreciation")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    alex.send("/pause 1w")
    await expect(sam, "taking a little space", mark_s)
    marks = (len(alex.inbox), len(sam.inbox))
    await duet.move_clock(GUESS_DAY)
    await duet.move_clock(datetime(2026, 12, 2, 20, 0, tzinfo=UTC))
    assert (len(alex.inbox), len(sam.inbox)) == marks, "no round while paused"
    assert await rows(duet, "SELECT * FROM rounds WHERE kind = 'guess'") == []

    alex.send("/resume")
    await expect(sam, "Alex ended the pause", mark_s)
    await duet.move_clock(datetime(2026, 12, 3, 8, 0, 5, tzinfo=UTC))
    await expect(alex, GUESS, mark_a)
    await expect(sam, GUESS, mark_s)


async def test_guess_rounds_set_to_never_in_settings_bring_a_question_instead(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    mark_s = len(sam.inbox)
    await guess_rounds_off(alex)
    await expect(sam, "Alex set guess rounds to <b>never", mark_s)
    mark = len(alex.inbox)
    alex.send("/settings")
    assert "🔮 Guess rounds: <b>never" in text_of(await expect(alex, "Your settings", mark))
    await duet.move_clock(APPRECIATION_DAY)
    marks = [len(alex.inbox), len(sam.inbox)]
    await duet.move_clock(GUESS_DAY)
    for person, at in zip((alex, sam), marks, strict=True):
        assert "Today's question" in text_of(await expect(person, "Reply here", at))
    assert await rows(duet, "SELECT * FROM rounds WHERE kind = 'guess'") == []


async def test_the_evening_reminder_of_a_guess_round_carries_its_options(duet: Duet) -> None:
    alex, sam = await paired(duet)
    _, prompt_s = await guess_prompts(duet, [alex, sam], APPRECIATION_DAY, GUESS_DAY)
    options = labels(sam, prompt_s)
    await tap(sam, await tap(sam, prompt_s, options[0], "Now your guess"), options[0], "Got it")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await duet.move_clock(datetime(2026, 12, 2, 20, 0, 5, tzinfo=UTC))
    nudge = await expect(alex, "gentle nudge", mark_a)
    assert "Sam has already tapped" in text_of(nudge)
    assert labels(alex, nudge) == options
    await duet.move_clock(datetime(2026, 12, 2, 22, 0, tzinfo=UTC))
    assert len(sam.inbox) == mark_s, "Sam has tapped and guessed: no reminder"
    # Tapping on the reminder itself plays the round.
    await tap(alex, await tap(alex, nudge, options[1], "Now your guess"), options[0], "🔮")


async def test_today_and_history_show_a_guess_round_as_it_stands(duet: Duet) -> None:
    alex, sam = await paired(duet)
    prompt_a, prompt_s = await guess_prompts(duet, [alex, sam], APPRECIATION_DAY, GUESS_DAY)
    options = labels(alex, prompt_a)
    mark = len(alex.inbox)
    alex.send("/today")
    again = await expect(alex, GUESS, mark)
    assert labels(alex, again) == options, "the options again, to tap from here"
    await tap(alex, await tap(alex, again, options[0], "Now your guess"), options[1], "Got it")
    mark = len(alex.inbox)
    alex.send("/today")
    assert "You've answered" in text_of(await expect(alex, GUESS, mark))
    await tap(sam, await tap(sam, prompt_s, options[1], "Now your guess"), options[0], "🔮")
    mark = len(alex.inbox)
    alex.send("/history")
    page = plain(await expect(alex, "📖", mark))
    assert f"Alex\n{options[0]}\nguessed Sam would pick {options[1]}" in page
    assert f"Sam\n{options[1]}\nguessed Alex would pick {options[0]}" in page


async def test_the_journal_keeps_the_options_both_tapped_and_each_guess_marked(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    prompt_a, prompt_s = await guess_prompts(duet, [alex, sam], APPRECIATION_DAY, GUESS_DAY)
    options = labels(alex, prompt_a)
    # Alex guesses wrong (Sam picks options[1]); Sam guesses right.
    await tap(alex, await tap(alex, prompt_a, options[0], "Now your guess"), options[0], "Got it")
    await tap(sam, await tap(sam, prompt_s, options[1], "Now your guess"), options[0], "🔮")
    journal = await export(duet, alex)
    (guess_round,) = [r for r in journal.data["rounds"] if r["kind"] == "guess"]
    assert [(a["by"], a["text"], a["deleted"], a["guess"]) for a in guess_round["answers"]] == [
        ("you", options[0], False, {"option": options[0], "right": False}),
        ("partner", options[1], False, {"option": options[0], "right": True}),
    ]
    assert all(
        answer["guess"] is None
        for rnd in journal.data["rounds"]
        if rnd["kind"] != "guess"
        for answer in rnd["answers"]
    )
    words = journal.page.words
    mine, theirs = words.index("Alex"), words.index("Sam")
    assert words[mine + 1 : mine + 3] == [options[0], f"guessed Sam would pick {options[0]} ✗"]
    assert words[theirs + 1 : theirs + 3] == [options[1], f"guessed Alex would pick {options[0]} ✓"]
    assert texts.ANSWER_DELETED not in journal.text
    # Sam's data deleted: Alex's guess stays, with no mark, for there is nothing to check it by.
    sam.send("/deletemydata")
    await press(sam, await expect(sam, "Delete everything"), "Yes, delete")
    await expect(alex, "has left Duet")
    journal = await export(duet, alex)
    (guess_round,) = [r for r in journal.data["rounds"] if r["kind"] == "guess"]
    assert [a["guess"] for a in guess_round["answers"]] == [
        {"option": options[0], "right": None},
        None,
    ]
    assert f"guessed your partner would pick {options[0]}" in journal.page.words
