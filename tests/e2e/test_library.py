"""Issue 4 over HTTP: a pair's own question (/ask) and choosing question packs in /settings."""

from datetime import UTC, datetime

from bot.domain.prompts import MAX_PROMPT_LENGTH
from tests.e2e.conftest import Duet
from tests.e2e.flows import count, expect, onboard, paired, press, text_of

PROMPT = "Reply here"
OWN = "Which song would you put on a mixtape for a rainy Tuesday?"


async def test_an_own_question_is_the_next_round_for_both_and_stays_hidden_till_then(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    alex.send(f"/ask {OWN}")
    saved = await expect(alex, "Saved 💛")
    assert "Sam won't see it before then" in text_of(saved)
    await duet.ticks(3)
    assert count(sam, OWN) == 0
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 30, tzinfo=UTC))
    for_sam = await expect(sam, OWN, mark_s)
    for_alex = await expect(alex, OWN, mark_a)
    assert "from Alex" in text_of(for_sam)
    assert "your own question" in text_of(for_alex)
    # Nobody swaps away a question one of them wrote.
    assert not any("Another question" in label for label, _ in sam.buttons(for_sam))
    alex.send("Rain on the Roof")
    await expect(alex, "Got it")
    sam.send("Holocene")
    reveal = await expect(alex, "Sam</b> answered", mark_a)
    assert "Holocene" in text_of(reveal)
    assert await duet.rows("SELECT text FROM rounds") == [(OWN,)]
    assert await duet.rows("SELECT used_at IS NOT NULL FROM own_questions") == [(1,)]


async def test_an_own_question_waits_while_todays_round_is_open(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 30, tzinfo=UTC))
    today = await expect(sam, PROMPT)
    assert OWN not in text_of(today)
    sam.send(f"/ask {OWN}")
    saved = await expect(sam, "Saved 💛")
    assert "once today's is answered" in text_of(saved)
    mark = len(alex.inbox)
    await duet.move_clock(datetime(2026, 11, 25, 8, 0, 30, tzinfo=UTC))
    tomorrow = await expect(alex, OWN, mark)
    assert "from Sam" in text_of(tomorrow)


async def test_ask_refuses_a_question_too_long_and_takes_the_next_message(duet: Duet) -> None:
    alex, _ = await paired(duet)
    alex.send("/ask " + "Why " * (MAX_PROMPT_LENGTH // 4 + 1))
    await expect(alex, f"a question can be up to {MAX_PROMPT_LENGTH}")
    assert await duet.rows("SELECT * FROM own_questions") == []
    mark = len(alex.inbox)
    alex.send_sticker()
    await expect(alex, "A question needs words", mark)
    alex.send(OWN)
    await expect(alex, "Saved 💛", mark)
    assert await duet.rows("SELECT author_id, text FROM own_questions") == [(1001, OWN)]


async def test_ask_alone_asks_for_the_question_and_an_unpaired_user_is_told_to_pair(
    duet: Duet,
) -> None:
    loner = duet.sandbox.user(1003, "Kim")
    await onboard(loner)
    loner.send(f"/ask {OWN}")
    await expect(loner, "not paired yet")
    alex, _ = await paired(duet)
    alex.send("/ask")
    await expect(alex, "What would you like to ask Sam?")
    assert await duet.rows("SELECT * FROM own_questions") == []


async def test_packs_turn_on_and_off_for_both_and_one_always_stays_on(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/settings")
    menu = await expect(alex, "Your settings")
    await press(alex, menu, "Question packs")
    packs = await expect(alex, "Which kinds of questions")
    labels = [label for label, _ in alex.buttons(packs)]
    assert "▫️ Long distance" in labels  # opt-in: off by default
    assert "✅ Everyday" in labels
    mark_s = len(sam.inbox)
    await press(alex, packs, "Long distance")
    await expect(alex, "<b>Long distance</b> is on")
    await expect(sam, "Alex turned <b>Long distance</b> on for you both", mark_s)
    assert await duet.rows("SELECT pack_id, enabled FROM pair_packs") == [("long_distance", 1)]

    # Off with every pack but the last: that one stays.
    for label in labels:
        name = label.split(" ", 1)[1]
        if name in {"Starter", "Closer"}:  # Closer is opt-in and still off
            continue
        mark = len(alex.inbox)
        await press(alex, packs, name)
        await expect(alex, f"<b>{name}</b> is off", mark)
        packs = await expect(alex, "Which kinds of questions", mark)
    mark = len(alex.inbox)
    await press(alex, packs, "Starter")
    await expect(alex, "your only pack on, so it stays", mark)
    assert await duet.rows("SELECT COUNT(*) FROM pair_packs WHERE enabled = 1") == [(0,)]
    on = await duet.rows(
        "SELECT COUNT(*) FROM pair_packs WHERE enabled = 0 AND pack_id != 'starter'"
    )
    assert on == [(len(labels) - 2,)]

    # The next round comes from the one pack left on.
    alex.send("/today")
    today = await expect(alex, PROMPT, mark)
    starter_texts = await duet.rows("SELECT COUNT(*) FROM rounds WHERE prompt_id LIKE 'starter-%'")
    assert starter_texts == [(1,)], text_of(today)


async def test_deletemydata_takes_the_users_own_questions_and_their_rounds(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send(f"/ask {OWN}")
    await expect(alex, "Saved 💛")
    alex.send("/ask What are you looking forward to this weekend?")
    await expect(alex, "after the 1 own question already waiting")
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 30, tzinfo=UTC))
    await expect(sam, OWN)
    mark = len(sam.inbox)
    alex.send("/deletemydata")
    confirm = await expect(alex, "Delete everything")
    await press(alex, confirm, "Yes, delete everything")
    await expect(sam, "Alex has left Duet", mark)
    await duet.ticks(2)
    assert await duet.rows("SELECT COUNT(*) FROM own_questions") == [(0,)]
    assert await duet.rows("SELECT COUNT(*) FROM rounds WHERE prompt_id LIKE 'own-%'") == [(0,)]
