"""Journey 2 over HTTP: the morning prompt, answers in every form, and the reveal."""

from collections.abc import Callable
from datetime import UTC, datetime

from bot.sandbox import SandboxUser
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, expect, onboard, pair_up, paired, press, text_of

PROMPT_MARK = "Reply here"


async def prompts_via_today(alex: SandboxUser, sam: SandboxUser) -> tuple[Message, Message]:
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    alex.send("/today")
    prompt_a = await expect(alex, PROMPT_MARK, mark_a)
    sam.send("/today")
    prompt_s = await expect(sam, PROMPT_MARK, mark_s)
    return prompt_a, prompt_s


def question_of(prompt: Message) -> str:
    return text_of(prompt).split("\n\n")[1]


async def test_today_gives_both_the_same_question_and_the_reveal_waits_for_both(duet: Duet) -> None:
    alex, sam = await paired(duet)
    prompt_a, prompt_s = await prompts_via_today(alex, sam)
    # The same prompt, each seeing the other's name where the prompt names the partner.
    assert question_of(prompt_a).replace("Sam", "X") == question_of(prompt_s).replace("Alex", "X")

    mark_sam = len(sam.inbox)
    alex.send("I loved the walk by the river on Saturday.")
    await expect(alex, "Got it")
    await duet.ticks(2)
    assert all("river" not in text_of(m) for m in sam.inbox)
    assert len(sam.inbox) == mark_sam

    mark_alex = len(alex.inbox)
    sam.send("Cooking together when it rained.")
    to_sam = await expect(sam, "river", mark_sam)
    to_alex = await expect(alex, "Cooking together", mark_alex)
    assert "Alex</b> answered" in text_of(to_sam)
    assert "Sam</b> answered" in text_of(to_alex)
    assert question_of(prompt_s) in text_of(to_sam)


async def test_scheduled_prompt_arrives_at_each_partners_local_time(duet: Duet) -> None:
    sb = duet.sandbox
    alex, sam = sb.user(1001, "Alex"), sb.user(1002, "Sam")
    duet.clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    await onboard(alex, at="08:00", zone="Berlin")  # 07:00 UTC
    await onboard(sam, at="08:00", zone="New York")  # 13:00 UTC
    await pair_up(sb, alex, sam)
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await duet.move_clock(datetime(2026, 11, 25, 6, 59, tzinfo=UTC))
    assert len(alex.inbox) == mark_a
    await duet.move_clock(datetime(2026, 11, 25, 7, 0, 1, tzinfo=UTC))
    prompt_a = await expect(alex, PROMPT_MARK, mark_a)
    assert len(sam.inbox) == mark_s
    await duet.move_clock(datetime(2026, 11, 25, 13, 0, 1, tzinfo=UTC))
    prompt_s = await expect(sam, PROMPT_MARK, mark_s)
    assert question_of(prompt_a).replace("Sam", "X") == question_of(prompt_s).replace("Alex", "X")
    # A restart-like burst of ticks later the same day brings nothing new.
    await duet.move_clock(datetime(2026, 11, 25, 20, 0, tzinfo=UTC))
    assert len([m for m in alex.inbox if PROMPT_MARK in text_of(m)]) == 1
    assert len([m for m in sam.inbox if PROMPT_MARK in text_of(m)]) == 1


async def test_time_set_a_minute_ahead_brings_the_first_prompt_that_minute(duet: Duet) -> None:
    # Paired after today's 08:00: no prompt yet, the first would come tomorrow.
    duet.clock.set(datetime(2026, 11, 24, 10, 30, 20, tzinfo=UTC))
    alex, _ = await paired(duet)
    alex.send("/timezone UTC")
    await expect(alex, "(UTC)", len(alex.inbox))
    mark = len(alex.inbox)
    alex.send("/time 10:31")
    await expect(alex, "today at 10:31", mark)
    await duet.move_clock(datetime(2026, 11, 24, 10, 31, 0, tzinfo=UTC))
    await expect(alex, PROMPT_MARK, mark)


async def test_voice_answer_is_relayed_as_it_is(duet: Duet) -> None:
    alex, sam = await paired(duet)
    _prompt_a, prompt_s = await prompts_via_today(alex, sam)
    mark_a = len(alex.inbox)
    voice = sam.send_voice(duration=5, reply_to=prompt_s["message_id"])
    await expect(sam, "Got it")
    alex.send_photo(caption="This view, every time.")
    header = await expect(alex, "voice note", mark_a)
    assert "Sam</b> answered" in text_of(header)
    await duet.sandbox.wait_for(lambda: any("voice" in m for m in alex.inbox[mark_a:]))
    copies = [c for c in duet.sandbox.calls if c.method == "copyMessage"]
    assert {
        (c.params["chat_id"], c.params["from_chat_id"], c.params["message_id"]) for c in copies
    } >= {(1001, 1002, voice["message_id"])}
    await duet.sandbox.wait_for(lambda: any("photo" in m for m in sam.inbox))
    assert any("This view" in text_of(m) for m in sam.inbox)


async def test_answer_can_be_changed_before_the_reveal_and_is_locked_after(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await prompts_via_today(alex, sam)
    first = alex.send("First thought")
    await expect(alex, "Got it")
    mark = len(alex.inbox)
    second_id = alex.send("Second, better thought")["message_id"]
    await expect(alex, "Updated", mark)
    mark = len(alex.inbox)
    alex.edit(first["message_id"], "edited message that is no longer the answer")
    await duet.ticks(2)
    await duet.sandbox.wait_for(lambda: duet.sandbox.pending_updates() == 0)
    assert len(alex.inbox) == mark  # editing a replaced message changes nothing
    assert await duet.rows("SELECT text FROM answers") == [("Second, better thought",)]
    alex.edit(second_id, "Second thought, edited")
    await expect(alex, "Updated", mark)

    mark_sam = len(sam.inbox)
    sam.send("Sam's answer")
    reveal = await expect(sam, "Alex</b> answered", mark_sam)
    assert "Second thought, edited" in text_of(reveal)
    mark = len(alex.inbox)
    alex.edit(second_id, "Trying to change it after the reveal")
    await expect(alex, "stay as they were", mark)
    rows = await duet.rows("SELECT text FROM answers WHERE user_id = 1001")
    assert rows == [("Second thought, edited",)]


async def test_reply_to_an_older_prompt_answers_that_round(duet: Duet) -> None:
    alex, sam = await paired(duet)
    old_a, _ = await prompts_via_today(alex, sam)
    # The next day brings a new round; Alex replies to yesterday's prompt.
    await duet.move_clock(datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC))
    new_a = await expect(alex, PROMPT_MARK, len(alex.inbox) - 1)
    assert new_a["message_id"] != old_a["message_id"]
    alex.send("About yesterday's question", reply_to=old_a["message_id"])
    await expect(alex, "Got it", len(alex.inbox) - 1)
    rows = await duet.rows("SELECT round_id FROM answers WHERE user_id = 1001")
    first_round = await duet.rows("SELECT MIN(id) FROM rounds")
    assert rows == first_round


async def test_sticker_location_and_gif_get_a_kind_word_and_change_nothing(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await prompts_via_today(alex, sam)
    sends: list[Callable[[], object]] = [
        alex.send_sticker,
        alex.send_animation,
        lambda: alex.send_location(52.5, 13.4),
    ]
    for send in sends:
        mark = len(alex.inbox)
        send()
        await expect(alex, "I can only keep answers", mark)
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]


async def test_answer_with_no_open_round_or_no_partner_says_what_to_do(duet: Duet) -> None:
    lone = duet.sandbox.user(1009, "Robin")
    lone.send("hello?")
    await expect(lone, "Send /start")
    lone.send("/start")
    await expect(lone, "Hi Robin")
    lone.send("an answer to nothing")
    await expect(lone, "not paired yet")
    alex, _sam = await paired(duet)
    mark = len(alex.inbox)
    alex.send("an answer before any question")
    await expect(alex, "no open question", mark)
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]


async def test_swap_gives_both_another_question_only_before_anyone_answers(duet: Duet) -> None:
    alex, sam = await paired(duet)
    prompt_a, _prompt_s = await prompts_via_today(alex, sam)
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await press(alex, prompt_a, "Another question")
    new_a = await expect(alex, PROMPT_MARK, mark_a)
    new_s = await expect(sam, PROMPT_MARK, mark_s)
    assert question_of(new_a) != question_of(prompt_a)
    assert question_of(new_a).replace("Sam", "X") == question_of(new_s).replace("Alex", "X")
    alex.send("my answer")
    await expect(alex, "Got it")
    mark = len(sam.inbox)
    await press(sam, new_s, "Another question")
    await expect(sam, "can't be swapped", mark)


async def test_a_garbage_or_forged_button_changes_nothing(duet: Duet) -> None:
    alex, sam = await paired(duet)
    prompt_a, _ = await prompts_via_today(alex, sam)
    before = await duet.rows("SELECT id, prompt_id FROM rounds")
    alex.press(prompt_a["message_id"], "garbage-data", forged=True)
    alex.press(prompt_a["message_id"], "sw|999999", forged=True)
    await expect(alex, "can't be swapped")

    def answered() -> list[str]:
        calls = duet.sandbox.calls
        return [str(c.params.get("text")) for c in calls if c.method == "answerCallbackQuery"]

    await duet.sandbox.wait_for(lambda: len(answered()) >= 2)
    assert any("no longer works" in text for text in answered())
    assert await duet.rows("SELECT id, prompt_id FROM rounds") == before


async def test_long_answers_are_kept_whole(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await prompts_via_today(alex, sam)
    long_text = ("word " * 820)[:4092] + "end!"  # Telegram's limit: 4096 characters
    alex.send(long_text)
    await expect(alex, "Got it")
    mark = len(sam.inbox)
    sam.send("short")
    await expect(sam, "Alex</b> answered", mark)
    await duet.sandbox.wait_for(lambda: any(text_of(m) == long_text for m in sam.inbox))
