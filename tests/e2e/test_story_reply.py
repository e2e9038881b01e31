"""How it went, shared by replying to "how was it?" over HTTP: kept and revealed as the button
path does; plain messages still answer the round; stickers and ended pairs refused kindly."""

from bot.sandbox import SandboxUser
from bot.sandbox.waiting import wait_until
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, count, expect, pair_up, press, text_of
from tests.e2e.test_ideas import HOW, NEXT_EVENING, invited

STORIES = "SELECT user_id, text, media, shared_at IS NOT NULL FROM idea_stories ORDER BY user_id"


async def asked(duet: Duet) -> tuple[SandboxUser, SandboxUser, Message, Message]:
    """Alex invites, Sam is in; the next evening each gets "how was it?" (and the day's prompt)."""
    alex, sam, invitation = await invited(duet)
    await press(sam, invitation, "I'm in")
    await expect(alex, "Sam is in for")
    await duet.move_clock(NEXT_EVENING)
    return alex, sam, await expect(alex, HOW), await expect(sam, HOW)


async def test_a_reply_to_how_was_it_is_kept_and_revealed_like_the_button_path(
    duet: Duet,
) -> None:
    alex, sam, how_a, how_s = await asked(duet)
    assert "Reply to this message" in text_of(how_a)
    mark_s = len(sam.inbox)
    alex.send("We laughed the whole way home", reply_to=how_a["message_id"])
    await expect(alex, "Sam hasn't shared yet")
    assert count(sam, "We laughed", mark_s) == 0
    assert await duet.rows(STORIES) == [
        (alex.id, "We laughed the whole way home", None, 1),
        (sam.id, None, None, 0),
    ]
    mark_a = len(alex.inbox)
    sam.send_photo(reply_to=how_s["message_id"])
    await expect(sam, "We laughed the whole way home", mark_s)
    revealed = await expect(alex, "How it went for <b>Sam", mark_a)
    assert "photo" in text_of(revealed)
    await wait_until(lambda: "photo" in alex.inbox[-1], 5.0, lambda: "no photo copied")
    # Shared by both: a later reply changes nothing, and says why.
    kept = await duet.rows(STORIES)
    mark_a = len(alex.inbox)
    alex.send("Actually, best night ever", reply_to=how_a["message_id"])
    await expect(alex, "You've both shared how it went", mark_a)
    assert await duet.rows(STORIES) == kept
    assert count(sam, "best night ever") == 0
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]


async def test_a_message_that_is_no_reply_to_how_was_it_still_answers_the_round(
    duet: Duet,
) -> None:
    alex, _, how_a, _ = await asked(duet)
    prompt = await expect(alex, "Reply here")
    mark = len(alex.inbox)
    alex.send("A plain answer")
    await expect(alex, "Got it 🤫 I'll show you Sam's answer", mark)
    mark = len(alex.inbox)
    alex.send("An answer by reply", reply_to=prompt["message_id"])
    await expect(alex, "this new answer instead", mark)
    assert await duet.rows("SELECT text FROM answers") == [("An answer by reply",)]
    assert await duet.rows("SELECT COUNT(*) FROM idea_stories WHERE shared_at IS NOT NULL") == [
        (0,)
    ]
    # The reply to "how was it?" is the story, and leaves the round's answer alone.
    alex.send("Loved it", reply_to=how_a["message_id"])
    await expect(alex, "Sam hasn't shared yet", mark)
    assert await duet.rows("SELECT text FROM answers") == [("An answer by reply",)]


async def test_a_sticker_or_an_ended_pairs_how_was_it_is_refused_kindly_and_changes_nothing(
    duet: Duet,
) -> None:
    alex, sam, how_a, _ = await asked(duet)
    before = await duet.rows(STORIES)
    mark_s = len(sam.inbox)
    mark = len(alex.inbox)
    alex.send_sticker(reply_to=how_a["message_id"])
    await expect(alex, "A line or a photo, please", mark)
    assert await duet.rows(STORIES) == before
    # After the pair ends and Alex pairs anew, the old "how was it?" takes nothing.
    alex.send("/unpair")
    await press(alex, await expect(alex, "End your pair with Sam", mark), "Yes, end it")
    await expect(sam, "Alex has ended your pair", mark_s)
    await pair_up(duet.sandbox, alex, duet.sandbox.user(1003, "Kim"))
    mark, mark_s = len(alex.inbox), len(sam.inbox)
    alex.send("It was wonderful", reply_to=how_a["message_id"])
    await expect(alex, "from a pair that has ended", mark)
    assert await duet.rows(STORIES) == before
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]
    assert len(sam.inbox) == mark_s
