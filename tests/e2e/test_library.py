"""Issue 4 over HTTP: a pair's own question (/ask) and choosing question packs in /settings."""

from datetime import UTC, datetime, timedelta

from bot.domain.prompts import MAX_PROMPT_LENGTH
from bot.sandbox import SandboxUser
from bot.tg.callbacks import Action
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, count, expect, onboard, paired, press, text_of

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
        # Closer needs both partners and is still off; its own tests are below.
        if name in {"Starter", "Closer"}:
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


async def packs_menu(user: SandboxUser) -> Message:
    mark = len(user.inbox)
    user.send("/settings")
    menu = await expect(user, "Your settings", mark)
    await press(user, menu, "Question packs")
    return await expect(user, "Which kinds of questions", mark)


def label_of(user: SandboxUser, menu: Message, name: str) -> str:
    return next(label for label, _ in user.buttons(menu) if label.split(" ", 1)[1].startswith(name))


async def tap_closer(user: SandboxUser, fragment: str) -> Message:
    """`user` taps Closer in a fresh packs menu; what they are told, and the menu after it."""
    menu = await packs_menu(user)
    mark = len(user.inbox)
    await press(user, menu, "Closer")
    await expect(user, fragment, mark)
    return await expect(user, "Which kinds of questions", mark)


async def only_closer_and_starter(user: SandboxUser) -> None:
    """Every pack that either partner turns on or off for both goes off, but Starter."""
    menu = await packs_menu(user)
    for label, _ in user.buttons(menu):
        name = label.split(" ", 1)[1]
        if label.startswith("✅") and name not in {"Starter", "Closer"}:
            mark = len(user.inbox)
            await press(user, menu, name)
            menu = await expect(user, "Which kinds of questions", mark)


async def rounds_of_days(duet: Duet, user: SandboxUser, days: range) -> list[str]:
    """The pair's prompt ids on each of `days` after 23 November (the day they paired)."""
    for day in days:
        mark = len(user.inbox)
        await duet.move_clock(datetime(2026, 11, 23, 8, 0, 30, tzinfo=UTC) + timedelta(days=day))
        await expect(user, PROMPT, mark)
    return [str(row[0]) for row in await duet.rows("SELECT prompt_id FROM rounds ORDER BY id")]


async def test_closer_waits_for_both_partners_and_one_yes_adds_nothing(duet: Duet) -> None:
    alex, sam = await paired(duet)
    assert label_of(alex, await packs_menu(alex), "Closer") == "▫️ Closer"
    await only_closer_and_starter(alex)
    mark_s = len(sam.inbox)
    menu = await tap_closer(alex, "starts once Sam turns it on too")
    assert label_of(alex, menu, "Closer") == "⏳ Closer (waiting for Sam)"
    offer = await expect(sam, "<b>Closer</b>", mark_s)
    assert "completely fine to leave it off" in text_of(offer)
    assert "touch" not in text_of(offer).lower()  # no word of what its questions ask
    assert label_of(sam, await packs_menu(sam), "Closer") == "▫️ Closer"
    # Alex's yes alone does not count as a pack on: Starter stays, and no Closer question comes.
    menu = await packs_menu(alex)
    mark = len(alex.inbox)
    await press(alex, menu, "Starter")
    await expect(alex, "your only pack on, so it stays", mark)
    prompts = await rounds_of_days(duet, alex, range(1, 6))
    assert prompts and not [p for p in prompts if p.startswith("closer-")], prompts

    # Taking the yes back and giving it again tells Sam nothing more: one message, no nagging.
    await tap_closer(alex, "stays off")
    await tap_closer(alex, "starts once Sam turns it on too")
    assert count(sam, "<b>Closer</b>", mark_s) == 1
    assert await duet.rows("SELECT user_id, given FROM pack_consents") == [(1001, 1)]


async def test_closer_is_on_once_both_turn_it_on_and_off_for_both_when_either_turns_it_off(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    mark_a = len(alex.inbox)
    await tap_closer(alex, "starts once Sam turns it on too")
    menu = await tap_closer(sam, "You both turned <b>Closer</b> on")
    await expect(alex, "You both turned <b>Closer</b> on", mark_a)
    assert label_of(sam, menu, "Closer") == "✅ Closer"
    assert label_of(alex, await packs_menu(alex), "Closer") == "✅ Closer"

    # With Closer on, every other pack may go: tomorrow's question is a Closer one.
    await only_closer_and_starter(alex)
    menu = await packs_menu(alex)
    mark = len(alex.inbox)
    await press(alex, menu, "Starter")
    await expect(alex, "<b>Starter</b> is off", mark)
    prompts = await rounds_of_days(duet, alex, range(1, 2))
    assert prompts[-1].startswith("closer-"), prompts

    # Sam turns it off: off for both at once, both yeses withdrawn, Alex told without blame.
    mark_a = len(alex.inbox)
    menu = await tap_closer(sam, "<b>Closer</b> is off for you both now")
    assert label_of(sam, menu, "Closer") == "▫️ Closer"
    told = await expect(alex, "<b>Closer</b> is off for now", mark_a)
    assert "Sam" not in text_of(told)
    assert await duet.rows("SELECT SUM(given) FROM pack_consents") == [(0,)]
    assert label_of(alex, await packs_menu(alex), "Closer") == "▫️ Closer"
    # Nothing of Closer comes next: the pair's default packs fill in.
    prompts = await rounds_of_days(duet, alex, range(2, 4))
    assert not [p for p in prompts[1:] if p.startswith("closer-")], prompts
    # Each must say yes again: Alex's new yes waits for Sam.
    await tap_closer(alex, "starts once Sam turns it on too")


async def tap_again(duet: Duet, user: SandboxUser, menu: Message, name: str) -> str:
    """`user` taps pack `name` on `menu`, an earlier message; the pop-up they get."""
    data = next(data for label, data in user.buttons(menu) if name in label)
    query = user.press(menu["message_id"], data)
    await duet.sandbox.wait_for(lambda: user.callback_answer(query) is not None)
    await duet.ticks(3)
    return str((user.callback_answer(query) or {}).get("text") or "")


async def test_a_second_tap_on_the_same_pack_button_keeps_what_the_first_chose(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    menu = await packs_menu(alex)
    mark = len(alex.inbox)
    await press(alex, menu, "Closer")
    await expect(alex, "starts once Sam turns it on too", mark)
    answer = await tap_again(duet, alex, menu, "Closer")
    assert await duet.rows("SELECT user_id, given FROM pack_consents") == [(1001, 1)]
    assert count(alex, "stays off", mark) == 0
    assert "already" in answer
    # A pack that needs one yes: turned on, and a second tap leaves it on.
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await press(alex, menu, "Long distance")
    await expect(alex, "<b>Long distance</b> is on", mark_a)
    await expect(sam, "Alex turned <b>Long distance</b> on", mark_s)
    answer = await tap_again(duet, alex, menu, "Long distance")
    assert count(alex, "<b>Long distance</b> is off", mark_a) == 0
    assert label_of(alex, await packs_menu(alex), "Long distance") == "✅ Long distance"
    assert "already" in answer


async def test_a_pack_button_on_an_old_menu_does_what_its_label_said(duet: Duet) -> None:
    alex, sam = await paired(duet)
    menu_off = await packs_menu(alex)  # ▫️ Closer: a tap asks for it on
    await tap_closer(alex, "starts once Sam turns it on too")
    await tap_closer(sam, "You both turned <b>Closer</b> on")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    answer = await tap_again(duet, alex, menu_off, "Closer")
    assert await duet.rows("SELECT SUM(given) FROM pack_consents") == [(2,)]
    assert len(alex.inbox) == mark_a and len(sam.inbox) == mark_s
    assert "already" in answer
    # ✅ Closer asks for it off; Sam has turned it off meanwhile, so nothing is left to do.
    menu_on = await packs_menu(alex)
    await tap_closer(sam, "<b>Closer</b> is off for you both now")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    answer = await tap_again(duet, alex, menu_on, "Closer")
    assert await duet.rows("SELECT SUM(given) FROM pack_consents") == [(0,)]
    assert len(sam.inbox) == mark_s
    assert count(alex, "Closer", mark_a) == 0
    assert "already" in answer


async def test_friends_never_see_closer_and_a_forged_or_stale_pack_button_changes_nothing(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    couple_menu = await packs_menu(alex)
    alex.send("/settings")
    settings = await expect(alex, "Your settings", len(alex.inbox) - 1)
    await press(alex, settings, "Couple or friends")
    ask = await expect(alex, "couple or friends?")
    mark = len(alex.inbox)
    await press(alex, ask, "Friends")
    await expect(alex, "<b>friends</b>", mark)
    labels = [label for label, _ in alex.buttons(await packs_menu(alex))]
    assert not [label for label in labels if "Closer" in label], labels
    assert [label for label in labels if "Friends" in label], labels
    # The Closer button on the menu from when they were a couple, and forged pack ids.
    for data in (
        next(data for label, data in alex.buttons(couple_menu) if "Closer" in label),
        f"{Action.PACK}|no_such_pack|on",
        f"{Action.PACK}|closer|off",
    ):
        mark_a, mark_s = len(alex.inbox), len(sam.inbox)
        alex.press(couple_menu["message_id"], data, forged=True)
        await expect(alex, "nothing changed", mark_a)
        await duet.ticks(3)
        assert len(sam.inbox) == mark_s
    # A pack button from before buttons said which way they turn: the pop-up says it is gone.
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    query = alex.press(couple_menu["message_id"], f"{Action.PACK}|closer", forged=True)
    await duet.sandbox.wait_for(lambda: alex.callback_answer(query) is not None)
    assert "no longer works" in str(alex.callback_answer(query))
    await duet.ticks(3)
    assert (len(alex.inbox), len(sam.inbox)) == (mark_a, mark_s)
    assert await duet.rows("SELECT * FROM pack_consents") == []
    assert await duet.rows("SELECT * FROM pair_packs") == []
