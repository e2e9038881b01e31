"""Journeys 3, 4 and 6 over HTTP: appreciation, reactions, reminders, pauses, settings, leaving."""

from datetime import UTC, datetime, timedelta

from bot.sandbox import SandboxUser
from bot.tg.texts import COMMANDS
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, count, expect, pair_up, paired, press, text_of

PROMPT = "Reply here"


async def revealed(duet: Duet) -> tuple[SandboxUser, SandboxUser, Message, Message]:
    """A pair that has just seen each other's answers; the reveal each got."""
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    sam.send("/today")
    await expect(sam, PROMPT)
    alex.send("Alex's answer")
    await expect(alex, "Got it")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    sam.send("Sam's answer")
    return (
        alex,
        sam,
        await expect(alex, "Sam</b> answered", mark_a),
        await expect(sam, "Alex</b> answered", mark_s),
    )


# -- appreciation -------------------------------------------------------------------------------


async def test_appreciation_arrives_at_once_and_the_sender_hears_of_a_reaction(duet: Duet) -> None:
    alex, sam = await paired(duet)
    mark = len(sam.inbox)
    alex.send("/appreciate you made the whole evening lighter")
    note = await expect(sam, "💌 from <b>Alex</b>", mark)
    assert "whole evening lighter" in text_of(note)
    await expect(alex, "Sent 💌")
    mark_a = len(alex.inbox)
    await press(sam, note, "❤️")
    await expect(alex, "Sam reacted ❤️ to your appreciation", mark_a)
    await press(sam, note, "🙏")
    await duet.ticks(3)
    assert count(alex, "reacted", mark_a) == 1
    assert await duet.rows("SELECT reaction FROM appreciations") == [("🙏",)]


async def test_appreciation_with_a_starter_and_with_a_voice_note(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/appreciate")
    menu = await expect(alex, "What would you like to tell Sam")
    await press(alex, menu, "Thank you for")
    await expect(alex, "Finish the sentence")
    mark = len(sam.inbox)
    alex.send("the soup when I was ill")
    await expect(sam, "Thank you for the soup when I was ill", mark)

    alex.send("/appreciate")
    menu = await expect(alex, "What would you like to tell Sam", len(alex.inbox) - 1)
    await press(alex, menu, "My own words")
    await expect(alex, "Write Sam a few words")
    mark = len(sam.inbox)
    voice = alex.send_voice(duration=4)
    await expect(sam, "voice note is just below", mark)
    await duet.sandbox.wait_for(
        lambda: any(
            c.params.get("message_id") == voice["message_id"]
            for c in duet.sandbox.calls_to("copyMessage")
        )
    )


async def test_appreciations_past_the_daily_limit_are_refused_kindly(duet: Duet) -> None:
    alex, sam = await paired(duet)
    for i in range(10):
        alex.send(f"/appreciate thing {i}")
    await duet.sandbox.wait_for(lambda: count(sam, "💌 from") == 10)
    alex.send("/appreciate one too many")
    await expect(alex, "10 appreciations today")
    await duet.ticks(2)
    assert count(sam, "one too many") == 0
    duet.clock.advance(timedelta(hours=24, minutes=1))
    alex.send("/appreciate a new day")
    await expect(sam, "a new day")


# -- responding to a reveal ---------------------------------------------------------------------


async def test_reacting_to_a_reveal_tells_the_partner_once_and_a_second_tap_changes_it(
    duet: Duet,
) -> None:
    alex, sam, reveal_a, _ = await revealed(duet)
    mark = len(sam.inbox)
    await press(alex, reveal_a, "❤️")
    told = await expect(sam, "Alex reacted ❤️ to your answer", mark)
    assert "<i>" in text_of(told)
    await press(alex, reveal_a, "😂")
    await duet.ticks(3)
    assert count(sam, "reacted", mark) == 1
    assert await duet.rows("SELECT user_id, emoji FROM reactions") == [(1001, "😂")]


async def test_reply_under_a_reveal_relays_one_follow_up(duet: Duet) -> None:
    alex, sam, _, reveal_s = await revealed(duet)
    await press(sam, reveal_s, "Reply")
    await expect(sam, "What would you like to tell Alex")
    mark = len(alex.inbox)
    sam.send("Tell me more about that!")
    follow = await expect(alex, "Sam</b> replied about", mark)
    assert "Tell me more about that!" in text_of(follow)
    await expect(sam, "Sent to Alex")
    # The next plain message is an answer again, not another follow-up.
    mark = len(alex.inbox)
    sam.send("just chatting")
    await expect(sam, "no open question")
    assert count(alex, "just chatting", mark) == 0


# -- reminders ----------------------------------------------------------------------------------


async def test_one_evening_reminder_says_the_partner_already_answered(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
    await expect(alex, PROMPT)
    await expect(sam, PROMPT)
    sam.send("Sam answered early")
    await expect(sam, "Got it")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    await duet.move_clock(datetime(2026, 11, 24, 20, 0, 5, tzinfo=UTC))
    nudge = await expect(alex, "gentle nudge", mark_a)
    assert "Sam has already answered" in text_of(nudge)
    await duet.move_clock(datetime(2026, 11, 24, 22, 0, tzinfo=UTC))
    assert count(alex, "gentle nudge") == 1
    assert count(sam, "gentle nudge", mark_s) == 0  # Sam answered: no reminder
    # Replying to the reminder answers that round.
    alex.send("Now me", reply_to=nudge["message_id"])
    await expect(sam, "Now me", mark_s)


async def test_reminders_can_be_switched_off(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/settings")
    menu = await expect(alex, "Your settings")
    await press(alex, menu, "Reminder")
    ask = await expect(alex, "one gentle reminder")
    await press(alex, ask, "Off")
    await expect(alex, "Reminders are off")
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
    await expect(alex, PROMPT)
    await duet.move_clock(datetime(2026, 11, 24, 21, 0, tzinfo=UTC))
    assert count(alex, "gentle nudge") == 0
    assert count(sam, "gentle nudge") == 1


# -- space --------------------------------------------------------------------------------------


async def test_pause_silences_prompts_for_both_and_holds_appreciations_until_resume(
    duet: Duet,
) -> None:
    duet.clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # after today's 08:00
    alex, sam = await paired(duet)
    mark_s = len(sam.inbox)
    alex.send("/pause 1d need a quiet day")
    told = await expect(sam, "Alex is taking a little space until Wed 25 Nov, 09:00", mark_s)
    assert "need a quiet day" in text_of(told)
    await expect(alex, "Paused until Wed 25 Nov, 09:00")
    sam.send("/appreciate thanks for telling me")
    await expect(sam, "Your pair is paused")
    await duet.move_clock(datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC))
    assert count(alex, PROMPT) == 0 and count(sam, PROMPT) == 0
    assert count(alex, "thanks for telling me") == 0
    # Sam cannot end Alex's pause, but sees until when.
    sam.send("/resume")
    await expect(sam, "Only Alex can end it early")
    mark_a, mark_s = len(alex.inbox), len(sam.inbox)
    alex.send("/resume")
    await expect(sam, "Alex ended the pause", mark_s)
    await expect(alex, "The pause is over", mark_a)
    await expect(alex, "thanks for telling me", mark_a)
    await duet.move_clock(datetime(2026, 11, 26, 8, 0, 5, tzinfo=UTC))
    await expect(alex, PROMPT)
    await expect(sam, PROMPT)


async def test_a_new_time_during_a_pause_says_questions_wait_for_the_pause_to_end(
    duet: Duet,
) -> None:
    duet.clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    alex, sam = await paired(duet)
    alex.send("/pause 1d")
    await expect(alex, "Paused until Wed 25 Nov, 09:00")
    mark = len(sam.inbox)
    sam.send("/time 09:30")
    told = await expect(sam, "Your question now comes at <b>09:30</b>", mark)
    assert "paused until Wed 25 Nov, 09:00" in text_of(told)
    assert "The next one: today" not in text_of(told)
    await duet.move_clock(datetime(2026, 11, 24, 9, 30, 5, tzinfo=UTC))
    assert count(sam, PROMPT) == 0
    assert await duet.rows("SELECT prompt_time FROM users WHERE id = 1002") == [("09:30",)]


async def test_pause_ending_during_downtime_ends_once_and_releases_what_was_held(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    sam.send("/pause")
    menu = await expect(sam, "Need some space")
    await press(sam, menu, "3 days")
    await expect(alex, "Sam is taking a little space")
    alex.send("/appreciate for being honest")
    await expect(alex, "Kept safe")
    await duet.move_clock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    await expect(sam, "for being honest")
    await duet.ticks(3)
    assert count(alex, "pause is over") == 1
    assert count(sam, "pause is over") == 1
    assert count(sam, "for being honest") == 1


async def test_pause_while_a_round_is_half_answered_keeps_the_answer_and_still_reveals(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    sam.send("/today")
    await expect(sam, PROMPT)
    alex.send("kept through the pause")
    await expect(alex, "Got it")
    alex.send("/pause open")
    await expect(sam, "Alex is taking a little space for a while")
    mark = len(sam.inbox)
    sam.send("Sam's answer during the pause")
    await expect(sam, "kept through the pause", mark)
    await duet.move_clock(datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC))
    await duet.move_clock(datetime(2026, 11, 27, 8, 0, 5, tzinfo=UTC))
    assert count(alex, PROMPT) == 1 and count(sam, PROMPT) == 1


# -- settings -----------------------------------------------------------------------------------


async def test_settings_change_kind_and_cadence_and_both_are_told(duet: Duet) -> None:
    alex, sam = await paired(duet)
    alex.send("/settings")
    menu = await expect(alex, "Your settings")
    assert "a couple" in text_of(menu) and "weekly" in text_of(menu)
    await press(alex, menu, "Couple or friends")
    ask = await expect(alex, "Are you two a couple or friends")
    await press(alex, ask, "Friends")
    await expect(alex, "You're now set as <b>friends</b>")
    await expect(sam, "Alex set you two as <b>friends</b>")
    await press(alex, menu, "Appreciation rounds")
    ask = await expect(alex, "appreciation nudge")
    await press(alex, ask, "Every 2 weeks")
    await expect(sam, "Alex set appreciation rounds to <b>every 2 weeks</b>")
    assert await duet.rows("SELECT kind, appreciation_every FROM pairs") == [("friends", 14)]
    await press(alex, menu, "Time")
    ask = await expect(alex, "When should your daily question arrive", len(alex.inbox) - 1)
    await press(alex, ask, "07:00")
    await expect(alex, "now comes at <b>07:00</b> (UTC)")


# -- leaving ------------------------------------------------------------------------------------


async def test_unpair_tells_the_partner_deletes_unrevealed_answers_and_drops_held_appreciations(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    alex.send("/today")
    await expect(alex, PROMPT)
    alex.send("never to be revealed")
    await expect(alex, "Got it")
    alex.send("/pause 1w")
    await expect(sam, "taking a little space")
    sam.send("/appreciate held one")
    await expect(sam, "Kept safe")
    sam.send("/unpair")
    confirm = await expect(sam, "End your pair with Alex")
    await press(sam, confirm, "Keep things")
    await expect(sam, "nothing changed")
    sam.send("/unpair")
    confirm = await expect(sam, "End your pair with Alex", len(sam.inbox) - 1)
    await press(sam, confirm, "Yes, end it")
    await expect(alex, "Sam has ended your pair")
    await expect(sam, "no longer paired")
    await expect(sam, "won't be delivered")
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]
    assert await duet.rows("SELECT COUNT(*) FROM appreciations") == [(0,)]
    assert await duet.rows("SELECT pair_id FROM users ORDER BY id") == [(None,), (None,)]
    # Afterwards /start begins afresh and a new invite works.
    alex.send("/invite")
    await expect(alex, "invite link")


async def test_deletemydata_leaves_no_row_naming_the_user(duet: Duet) -> None:
    alex, sam, reveal_a, reveal_s = await revealed(duet)
    await press(alex, reveal_a, "❤️")
    await press(sam, reveal_s, "Reply")
    await expect(sam, "What would you like to tell Alex")
    sam.send("a follow-up")
    await expect(alex, "a follow-up")
    alex.send("/appreciate thanks")
    await expect(sam, "thanks")
    sam.send("/appreciate thanks back")
    await expect(alex, "thanks back")
    alex.send("/start bogus-code")
    await expect(alex, "can't find")
    alex.send("/deletemydata")
    confirm = await expect(alex, "Delete everything")
    await press(alex, confirm, "Yes, delete everything")
    await expect(sam, "Alex has left Duet")
    await expect(alex, "Everything about you is deleted")
    await duet.ticks(2)
    for (table,) in await duet.rows("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [c[1] for c in await duet.rows(f"PRAGMA table_info({table})")]
        for column in columns:
            hits = await duet.rows(f"SELECT COUNT(*) FROM {table} WHERE {column} = 1001")
            assert hits == [(0,)], f"{table}.{column} still names the user"
    mark = len(alex.inbox)
    alex.send("/start")
    await expect(alex, "Hi Alex", mark)


# -- a partner who blocks the bot ---------------------------------------------------------------


async def test_a_blocked_partner_stops_prompts_until_they_come_back(duet: Duet) -> None:
    alex, sam = await paired(duet)
    duet.sandbox.block(1002)
    mark = len(alex.inbox)
    alex.send("/appreciate are you there?")
    await expect(alex, "can't reach Sam", mark)
    alex.send("/appreciate hello?")
    await duet.ticks(3)
    assert count(alex, "can't reach Sam") == 1
    sends_to_sam = len(duet.sandbox.calls_to("sendMessage", 1002))
    # Today's 08:00 prompt is due for both; with Sam unreachable neither gets it.
    await duet.move_clock(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
    assert count(alex, PROMPT) == 0
    assert len(duet.sandbox.calls_to("sendMessage", 1002)) == sends_to_sam
    duet.sandbox.unblock(1002)
    sam.send("/start")
    await expect(alex, "Sam is back")
    await duet.move_clock(datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC))
    await expect(alex, PROMPT)
    await expect(sam, PROMPT)


async def test_reacting_to_a_reveal_after_the_pair_ended_changes_nothing(duet: Duet) -> None:
    alex, sam, reveal_a, _ = await revealed(duet)
    sam.send("/unpair")
    confirm = await expect(sam, "End your pair")
    await press(sam, confirm, "Yes, end it")
    await expect(alex, "Sam has ended your pair")
    await expect(sam, "no longer paired")
    mark_s = len(sam.inbox)
    await press(alex, reveal_a, "❤️")
    await expect(alex, "pair that has ended")
    assert await duet.rows("SELECT COUNT(*) FROM reactions") == [(0,)]
    assert len(sam.inbox) == mark_s


async def test_help_lists_every_command_and_they_are_registered(duet: Duet) -> None:
    alex = duet.sandbox.user(1001, "Alex")
    alex.send("/help")
    help_text = text_of(await expect(alex, "Here's what I can do"))
    for name, _ in COMMANDS:
        assert f"/{name}" in help_text
    registered = [c["command"] for c in duet.sandbox.commands()]
    assert registered == [name for name, _ in COMMANDS]


async def test_an_old_yes_to_unpair_never_ends_a_later_pair(duet: Duet) -> None:
    alex, sam = await paired(duet)
    sam.send("/unpair")
    confirm = await expect(sam, "End your pair with Alex")
    old_yes = dict(sam.buttons(confirm))["Yes, end it"]
    await press(sam, confirm, "Yes, end it")
    await expect(alex, "Sam has ended your pair")
    await pair_up(duet.sandbox, alex, sam)
    [(second_pair,)] = await duet.rows("SELECT id FROM pairs WHERE ended_at IS NULL")
    assert old_yes.endswith(f"|{second_pair - 1}")
    query = sam.press(confirm["message_id"], old_yes, forged=True)
    await duet.sandbox.wait_for(lambda: sam.callback_answer(query) is not None)
    await expect(sam, "no longer works", len(sam.inbox) - 1)
    assert await duet.rows("SELECT id FROM pairs WHERE ended_at IS NULL") == [(second_pair,)]
