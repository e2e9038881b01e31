"""Journey 1 over HTTP: start, time and place, invite, accept, and every way it can go wrong."""

from datetime import timedelta

from bot.sandbox import SandboxUser
from tests.e2e.conftest import Duet, invite_code
from tests.e2e.flows import Message, expect, onboard, pair_up, press, text_of
from tests.e2e.scene import problems, tapped


async def test_start_greets_and_asks_for_time_then_zone(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    alex.send("/start")
    welcome = await expect(alex, "Hi Alex")
    assert "hidden until" in text_of(welcome)
    ask = await expect(alex, "When should your daily question arrive")
    await press(alex, ask, "07:00")
    await expect(alex, "now comes at")
    zone = await expect(alex, "Which timezone")
    mark = len(alex.inbox)
    await press(alex, zone, "Berlin")
    done = await expect(alex, "Europe/Berlin", mark)
    assert "07:00" in text_of(done)
    rows = await duet.rows("SELECT timezone, prompt_time FROM users WHERE id = 1001")
    assert rows == [("Europe/Berlin", "07:00")]


async def test_invite_link_is_a_single_use_deep_link(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    await onboard(alex)
    alex.send("/invite")
    link = await expect(alex, "invite link")
    assert "https://t.me/DuetSandboxBot?start=" in text_of(link)
    code = invite_code(text_of(link))
    assert len(code) >= 16 and len(code) <= 64
    card = await expect(alex, "Alex invites you to Duet")
    assert code in text_of(card)
    # A new invite replaces the old one.
    alex.send("/invite")
    await duet.sandbox.wait_for(
        lambda: len([m for m in alex.inbox if "invite link" in text_of(m)]) == 2
    )
    newer = invite_code(text_of([m for m in alex.inbox if "invite link" in text_of(m)][-1]))
    assert newer != code
    sam = duet.sandbox.user(1002, "Sam")
    sam.send(f"/start {code}")
    await expect(sam, "can't find that invite")


async def test_accepting_pairs_both_and_tells_when_the_first_prompt_comes(duet: Duet) -> None:
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex)
    await pair_up(duet.sandbox, alex, sam)
    told_alex = await expect(alex, "are paired")
    assert "Sam" in text_of(told_alex) and "today at 08:00" in text_of(told_alex)
    told_sam = await expect(sam, "are paired")
    assert "Alex" in text_of(told_sam) and "/today" in text_of(told_sam)
    rows = await duet.rows("SELECT COUNT(DISTINCT pair_id) FROM users WHERE pair_id IS NOT NULL")
    assert rows == [(1,)]


async def test_decline_tells_the_inviter_kindly_and_the_code_stops_working(duet: Duet) -> None:
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    alex.send("/invite")
    code = invite_code(text_of(await expect(alex, "invite link")))
    sam.send(f"/start {code}")
    offer = await expect(sam, "invited you")
    await press(sam, offer, "Not now")
    await expect(sam, "No problem")
    await expect(alex, "isn't joining just now")
    mark = len(sam.inbox)
    sam.send(f"/start {code}")
    await expect(sam, "already been used", mark)
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(0,)]


async def _offer(duet: Duet) -> tuple[SandboxUser, SandboxUser, Message]:
    """Alex invites Sam, and Sam opens the link: Alex, Sam, and the offer Sam sees."""
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    alex.send("/invite")
    code = invite_code(text_of(await expect(alex, "invite link")))
    sam.send(f"/start {code}")
    return alex, sam, await expect(sam, "invited you")


async def test_a_second_tap_on_an_offer_whose_buttons_are_gone_is_answered_calmly(
    duet: Duet,
) -> None:
    _, sam, offer = await _offer(duet)
    decline = next(data for text, data in sam.buttons(offer) if "Not now" in text)
    with tapped() as log:
        sam.press(offer["message_id"], decline)
        await expect(sam, "No problem")
        cleared = sam.chat.find(offer["message_id"])
        assert cleared is not None and "reply_markup" not in cleared
        mark = len(sam.inbox)
        # The buttons are already cleared: Telegram says "message is not modified".
        sam.press(offer["message_id"], decline, forged=True)
        await expect(sam, "already been used", mark)
        # A chat's updates are handled in turn: once this is answered, the tap before is done.
        settle = sam.press(offer["message_id"], "~settle", forged=True)
        await duet.sandbox.wait_for(lambda: sam.callback_answer(settle) is not None, 5)
    assert not problems(log.records)


async def test_an_unexpected_refusal_to_clear_an_offers_buttons_is_logged(duet: Duet) -> None:
    alex, sam, offer = await _offer(duet)
    duet.sandbox.fail_next(
        "editMessageReplyMarkup", status=400, description="Bad Request: message can't be edited"
    )
    with tapped() as log:
        await press(sam, offer, "Not now")
        await expect(alex, "isn't joining just now")
        await duet.sandbox.wait_for(lambda: bool(problems(log.records)), 5)
    assert "message can't be edited" in " ".join(problems(log.records)).lower()


async def test_wrong_codes_get_clear_answers_and_change_nothing(duet: Duet) -> None:
    alex, sam, kim = (
        duet.sandbox.user(i, name) for i, name in [(1001, "Alex"), (1002, "Sam"), (1003, "Kim")]
    )
    sam.send("/start not-a-real-code")
    await expect(sam, "can't find that invite")
    sam.send("/start " + "x" * 70)
    await duet.sandbox.wait_for(
        lambda: len([m for m in sam.inbox if "can't find" in text_of(m)]) == 2
    )

    alex.send("/invite")
    code = invite_code(text_of(await expect(alex, "invite link")))
    alex.send(f"/start {code}")
    await expect(alex, "your own invite")

    # Expired after 72 hours.
    duet.clock.advance(timedelta(hours=72, minutes=1))
    sam.send(f"/start {code}")
    await expect(sam, "has expired")
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(0,)]

    # Used: Sam accepts a fresh one, Kim then tries it.
    alex.send("/invite")
    await duet.sandbox.wait_for(
        lambda: len([m for m in alex.inbox if "invite link" in text_of(m)]) == 2
    )
    fresh = invite_code(text_of([m for m in alex.inbox if "invite link" in text_of(m)][-1]))
    await _accept(sam, fresh)
    kim.send(f"/start {fresh}")
    await expect(kim, "already been used")
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(1,)]


async def _accept(user: SandboxUser, code: str) -> None:
    mark = len(user.inbox)
    user.send(f"/start {code}")
    offer = await expect(user, "invited you", mark)
    await press(user, offer, "Accept")
    await expect(user, "are paired", mark)


async def test_already_paired_people_cannot_pair_again(duet: Duet) -> None:
    sb = duet.sandbox
    alex, sam, kim = sb.user(1001, "Alex"), sb.user(1002, "Sam"), sb.user(1003, "Kim")
    await pair_up(sb, alex, sam)
    # The inviter is already paired.
    alex.send("/invite")
    await expect(alex, "already paired with Sam")
    # Kim invites Sam, who is already paired.
    kim.send("/invite")
    code = invite_code(text_of(await expect(kim, "invite link")))
    mark = len(sam.inbox)
    sam.send(f"/start {code}")
    await expect(sam, "already paired with Alex", mark)
    # Kim pairs with Max through Max's invite; Kim's own invite then leads nowhere.
    max_ = sb.user(1005, "Max")
    max_.send("/invite")
    await _accept(kim, invite_code(text_of(await expect(max_, "invite link"))))
    lee = sb.user(1004, "Lee")
    lee.send(f"/start {code}")
    await expect(lee, "Kim is already paired")
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(2,)]


async def test_accepting_a_stale_offer_after_the_inviter_paired_elsewhere(duet: Duet) -> None:
    sb = duet.sandbox
    alex, sam, kim = sb.user(1001, "Alex"), sb.user(1002, "Sam"), sb.user(1003, "Kim")
    alex.send("/invite")
    first = invite_code(text_of(await expect(alex, "invite link")))
    sam.send(f"/start {first}")
    stale_offer = await expect(sam, "invited you")
    # Meanwhile Alex pairs with Kim through a newer invite (the first one no longer works).
    mark = len(alex.inbox)
    alex.send("/invite")
    second = invite_code(text_of(await expect(alex, "invite link", mark)))
    await _accept(kim, second)
    mark_sam = len(sam.inbox)
    await press(sam, stale_offer, "Accept")
    await expect(sam, "can't find that invite", mark_sam)
    assert await duet.rows("SELECT id FROM users WHERE pair_id IS NULL") == [(1002,)]


async def test_repeated_wrong_codes_are_rate_limited(duet: Duet) -> None:
    sam = duet.sandbox.user(1002, "Sam")
    for attempt in range(5):
        sam.send(f"/start wrong{attempt}")
    await duet.sandbox.wait_for(
        lambda: len([m for m in sam.inbox if "can't find" in text_of(m)]) == 5
    )
    sam.send("/start wrong6")
    await expect(sam, "wait a few minutes")
    duet.clock.advance(timedelta(minutes=11))
    mark = len(sam.inbox)
    sam.send("/start wrong7")
    await expect(sam, "can't find", mark)


async def test_in_a_group_the_bot_says_once_it_is_private_and_does_nothing_else(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    group = duet.sandbox.group(-5001, "Family")
    alex.send("/invite")
    code = invite_code(text_of(await expect(alex, "invite link")))
    sam = duet.sandbox.user(1002, "Sam")
    group.send(sam, f"/start {code}")
    await duet.sandbox.wait_for(lambda: len(group.inbox) == 1)
    assert "private chats" in text_of(group.inbox[0])
    group.send(sam, "/today")
    group.send(alex, "hello everyone")
    await duet.ticks(3)
    await duet.sandbox.wait_for(lambda: duet.sandbox.pending_updates() == 0)
    assert len(group.inbox) == 1
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(0,)]
    assert await duet.rows("SELECT id FROM users") == [(1001,)]


async def test_bad_time_and_unknown_timezone_are_refused_kindly(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    await onboard(alex, at="09:00")
    alex.send("/time 25:99")
    await expect(alex, "couldn't read that as a time")
    alex.send("/timezone Atlantis")
    await expect(alex, "don't know that place")
    assert await duet.rows("SELECT timezone, prompt_time FROM users") == [("UTC", "09:00")]
    # Typed after choosing "another time": text where a time was expected.
    alex.send("/time")
    ask = await expect(alex, "When should", len(alex.inbox) - 1)
    await press(alex, ask, "Another time")
    await duet.sandbox.wait_for(
        lambda: len([m for m in alex.inbox if "When should" in text_of(m)]) >= 3
    )
    mark = len(alex.inbox)
    alex.send("around lunch maybe")
    await expect(alex, "couldn't read that as a time", mark)
    alex.send("7:45pm")
    await expect(alex, "19:45", mark)
    assert await duet.rows("SELECT prompt_time, awaiting FROM users") == [("19:45", None)]


async def test_timezone_by_city_offset_and_local_time(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    await onboard(alex)
    alex.send("/timezone new york")
    await expect(alex, "America/New_York")
    alex.send("/timezone UTC+5:30")
    await expect(alex, "UTC+05:30")
    # 07:00 UTC on the fake clock; Alex says it is 10:00 for them.
    alex.send("/timezone 10:00")
    await expect(alex, "UTC+03:00")
