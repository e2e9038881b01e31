"""Journey 5b, ideas for time together, over HTTP: offer, invitation, "how was it?" and its
reveal, a pause that holds them, and taps that are not the tapper's to make."""

from datetime import UTC, datetime

from bot.domain.prompts import PairKind
from bot.ideas_pack import IDEAS_FOLDER, load_ideas
from bot.sandbox import SandboxUser
from bot.sandbox.waiting import wait_until
from bot.tg.callbacks import Action
from tests.e2e.conftest import REPO, Duet
from tests.e2e.flows import Message, count, expect, onboard, pair_up, paired, press, text_of

OFFER = "Like it?"
INVITATION = "has an idea for you two"
HOW = "How was it?"
# The day after the fixture's morning, past the default 20:00 evening reminder time.
NEXT_EVENING = datetime(2026, 11, 25, 20, 0, 5, tzinfo=UTC)


async def invited(duet: Duet) -> tuple[SandboxUser, SandboxUser, Message]:
    """Alex asks for an idea and sends it to Sam; the invitation Sam got."""
    alex, sam = await paired(duet)
    alex.send("/idea")
    offer = await expect(alex, OFFER)
    mark = len(sam.inbox)
    await press(alex, offer, "Send to Sam")
    await expect(alex, "I'll tell you what Sam says")
    return alex, sam, await expect(sam, INVITATION, mark)


async def share(user: SandboxUser, how: Message, words: str | None) -> None:
    """Tap "Share how it went" and send a line (or a photo when `words` is None)."""
    mark = len(user.inbox)
    await press(user, how, "Share how it went")
    await expect(user, "How did it go?", mark)
    if words is None:
        user.send_photo()
    else:
        user.send(words)


async def tap(user: SandboxUser, message: Message, data: str) -> str:
    """Press `data` on `message` (forged or not); the pop-up it was answered with."""
    query = user.press(message["message_id"], data, forged=True)
    answer = await wait_until(lambda: user.callback_answer(query), 5.0, lambda: "no answer")
    assert answer is not None
    return str(answer.get("text") or "")


async def test_an_accepted_idea_asks_each_how_it_went_the_next_evening_and_reveals_both(
    duet: Duet,
) -> None:
    alex, sam, invitation = await invited(duet)
    idea = text_of(invitation).split("\n\n")[1]
    mark_a = len(alex.inbox)
    await press(sam, invitation, "I'm in")
    told = await expect(alex, "Sam is in for", mark_a)
    assert idea in text_of(told)
    await expect(sam, "I've told Alex")
    assert await duet.rows("SELECT answer FROM pair_ideas") == [("in",)]
    # Nothing the same day; the next evening one gentle question each.
    await duet.move_clock(datetime(2026, 11, 24, 21, 0, tzinfo=UTC))
    assert count(alex, HOW) == 0 and count(sam, HOW) == 0
    await duet.move_clock(NEXT_EVENING)
    how_a, how_s = await expect(alex, HOW), await expect(sam, HOW)
    assert idea in text_of(how_a) and idea in text_of(how_s)
    await share(alex, how_a, "We laughed the whole time")
    await expect(alex, "Sam hasn't shared yet")
    assert count(sam, "We laughed") == 0
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await share(sam, how_s, None)
    await expect(sam, "We laughed the whole time", mark_s)
    revealed = await expect(alex, "How it went for <b>Sam", mark_a)
    assert "photo" in text_of(revealed)
    await wait_until(lambda: "photo" in alex.inbox[-1], 5.0, lambda: "no photo copied")
    # Once, never a nag; and what is shared stays shared.
    await duet.move_clock(datetime(2026, 11, 27, 21, 0, tzinfo=UTC))
    assert count(alex, HOW) == 1 and count(sam, HOW) == 1
    assert await tap(alex, how_a, f"{Action.IDEA_STORY}|1") == "Already answered 💛"


async def test_another_time_tells_the_sender_kindly_and_asks_nothing_later(duet: Duet) -> None:
    alex, sam, invitation = await invited(duet)
    mark_a = len(alex.inbox)
    await press(sam, invitation, "Another time")
    told = text_of(await expect(alex, "would rather keep", mark_a))
    assert "No problem at all" in told
    await expect(sam, "I've let Alex know")
    await duet.move_clock(NEXT_EVENING)
    await duet.ticks(2)
    assert count(alex, HOW) == 0 and count(sam, HOW) == 0
    assert await duet.rows("SELECT answer FROM pair_ideas") == [("later",)]
    assert await duet.rows("SELECT COUNT(*) FROM idea_stories") == [(0,)]


async def test_another_idea_never_repeats_one_already_offered(duet: Duet) -> None:
    alex, _ = await paired(duet)
    alex.send("/idea")
    offer = await expect(alex, OFFER)
    for _ in range(5):
        mark = len(alex.inbox)
        await press(alex, offer, "Another idea")
        offer = await expect(alex, OFFER, mark)
    alex.send("/idea")
    await wait_until(lambda: count(alex, OFFER) == 7, 5.0, lambda: "no seventh idea")
    ids = [row[0] for row in await duet.rows("SELECT idea_id FROM pair_ideas")]
    assert len(ids) == 7 and len(set(ids)) == 7


async def test_friends_pairs_get_only_friends_ideas(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/settings")
    settings = await expect(alex, "Your settings")
    await press(alex, settings, "Couple or friends")
    ask = await expect(alex, "couple or friends?")
    mark = len(alex.inbox)
    await press(alex, ask, "Friends")
    await expect(alex, "<b>friends</b>", mark)
    for _ in range(12):
        alex.send("/idea")
        sam.send("/idea")
    await wait_until(lambda: count(alex, OFFER) + count(sam, OFFER) == 24, 10.0, lambda: "few")
    book = load_ideas(REPO / "prompt_packs" / IDEAS_FOLDER)
    ids = [row[0] for row in await duet.rows("SELECT idea_id FROM pair_ideas")]
    assert len(set(ids)) == 24
    for idea_id in ids:
        idea = book.idea(idea_id)
        assert idea is not None and PairKind.FRIENDS in idea.audience, idea_id


async def test_a_pause_holds_the_invitation_and_how_was_it_and_releases_each_once(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    alex.send("/pause")
    menu = await expect(alex, "Need some space")
    await press(alex, menu, "Until I resume")
    await expect(sam, "Alex is taking a little space")
    alex.send("/idea")
    offer = await expect(alex, OFFER)
    mark_s = len(sam.inbox)
    await press(alex, offer, "Send to Sam")
    await expect(alex, "Kept safe")
    await duet.ticks(2)
    assert count(sam, INVITATION, mark_s) == 0
    alex.send("/resume")
    invitation = await expect(sam, INVITATION, mark_s)
    await press(sam, invitation, "I'm in")
    await expect(alex, "Sam is in for")
    # Paused again before the evening it is due: "how was it?" waits for the pause to end.
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    alex.send("/pause")
    menu = await expect(alex, "Need some space", mark_a)
    await press(alex, menu, "Until I resume")
    await expect(sam, "Alex is taking a little space", mark_s)
    await duet.move_clock(NEXT_EVENING)
    await duet.ticks(2)
    assert count(alex, HOW) == 0 and count(sam, HOW) == 0
    mark_a = len(alex.inbox)
    alex.send("/resume")
    await expect(alex, HOW, mark_a)
    await expect(sam, HOW)
    await duet.move_clock(datetime(2026, 11, 27, 21, 0, tzinfo=UTC))
    assert count(alex, HOW) == 1 and count(sam, HOW) == 1
    assert count(sam, INVITATION) == 1


async def test_forged_and_stale_idea_taps_are_refused_and_change_nothing(duet: Duet) -> None:
    alex, sam, invitation = await invited(duet)
    kim, lee = duet.sandbox.user(1003, "Kim"), duet.sandbox.user(1004, "Lee")
    await onboard(kim)
    await pair_up(duet.sandbox, kim, lee)
    row = (await duet.rows("SELECT id FROM pair_ideas"))[0][0]
    before = await duet.rows("SELECT * FROM pair_ideas")
    # Another pair's idea: Kim cannot send it, Lee cannot answer it; Sam cannot send Alex's.
    lee_msg = lee.inbox[-1]
    assert (
        await tap(kim, kim.inbox[-1], f"{Action.IDEA_SEND}|{row}")
        == "This button no longer works. Try /today or /help."
    )
    for answer in ("yes", "no"):
        refusal = await tap(lee, lee_msg, f"{Action.IDEA_ANSWER}|{row}|{answer}")
        assert "no longer works" in refusal
    assert "no longer works" in await tap(sam, invitation, f"{Action.IDEA_SEND}|{row}")
    assert "no longer works" in await tap(alex, invitation, f"{Action.IDEA_ANSWER}|{row}|yes")
    assert await duet.rows("SELECT * FROM pair_ideas") == before
    # Answered once; a second tap (a stale message, another device) changes nothing.
    mark_a = len(alex.inbox)
    await press(sam, invitation, "I'm in")
    await expect(alex, "Sam is in for", mark_a)
    answered = await duet.rows("SELECT * FROM pair_ideas")
    assert await tap(sam, invitation, f"{Action.IDEA_ANSWER}|{row}|no") == "Already answered 💛"
    offer = alex.inbox[mark_a - 2]
    assert await tap(alex, offer, f"{Action.IDEA_SEND}|{row}") == "Already sent 💌"
    assert await duet.rows("SELECT * FROM pair_ideas") == answered
    # After the pair ends, its buttons act on nothing, and "how was it?" is never asked.
    alex.send("/unpair")
    confirm = await expect(alex, "End your pair with Sam")
    await press(alex, confirm, "Yes, end it")
    await expect(sam, "Alex has ended your pair")
    ended = await tap(sam, invitation, f"{Action.IDEA_ANSWER}|{row}|yes")
    assert "pair that has ended" in ended
    await duet.move_clock(NEXT_EVENING)
    await duet.ticks(2)
    assert count(alex, HOW) == 0 and count(sam, HOW) == 0
    assert count(kim, "Alex") == 0 and count(lee, "Alex") == 0
