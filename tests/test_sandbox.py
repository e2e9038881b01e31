"""The sandbox behaves like the Telegram Bot API for a real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import os
import signal
import sys
import time
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    ReactionTypeEmoji,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from bot.sandbox import Sandbox

REPO = Path(__file__).resolve().parent.parent
# PTB itself reads RetryAfter.retry_after while building the exception, which warns about
# the coming switch to timedelta; retry_seconds() below copes with both types.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"
)


@pytest.fixture
async def sb() -> AsyncIterator[Sandbox]:
    sandbox = Sandbox()
    await sandbox.start()
    yield sandbox
    await sandbox.stop()


def client(sandbox: Sandbox) -> Bot:
    return Bot(sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.file_url)


@pytest.fixture
async def bot(sb: Sandbox) -> AsyncIterator[Bot]:
    async with client(sb) as b:
        yield b


def retry_seconds(error: RetryAfter) -> float:
    """retry_after in seconds, whichever type this PTB version hands out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def next_updates(bot: Bot, offset: int = 0, **kwargs: Any) -> tuple[Update, ...]:
    return await bot.get_updates(offset=offset, timeout=2, **kwargs)


# -- the bot itself -------------------------------------------------------------------------


async def test_get_me_describes_the_sandbox_bot(sb: Sandbox, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot
    assert me.username == "DuetSandboxBot"
    assert me.first_name == "Duet"


async def test_wrong_token_is_unauthorized(sb: Sandbox) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sb.base_url}999:WRONG/getMe") as response,
    ):
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=sb.base_url):
            pass


async def test_unknown_method_is_not_found(sb: Sandbox) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sb.base_url}{sb.token}/sendTelepathy") as response,
    ):
        assert response.status == 404
        body = await response.json()
    assert body["description"] == "Not Found: method not found"


async def test_json_clients_are_understood(sb: Sandbox) -> None:
    alex = sb.user(1001, "Alex")
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    payload = {"chat_id": "1001", "text": "via json", "reply_markup": markup}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sb.base_url}{sb.token}/sendMessage", json=payload) as response,
    ):
        body = await response.json()
    assert body["ok"] is True
    assert body["result"]["chat"]["id"] == 1001
    assert alex.texts() == ["via json"]
    assert alex.buttons() == [("Go", "go")]


async def test_commands_and_webhook_settings_are_stored(sb: Sandbox, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("today", "Prompt")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "today"]
    assert sb.commands()[1] == {"command": "today", "description": "Prompt"}
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()

    await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert sb.webhook_url == ""
    assert await bot.get_updates() == ()


# -- sending --------------------------------------------------------------------------------


async def test_sent_message_lands_in_the_users_inbox(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex", username="alex", language_code="en")
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Accept", callback_data="inv:yes")],
            [InlineKeyboardButton("Decline", callback_data="inv:no")],
        ]
    )
    sent = await bot.send_message(1001, "Welcome!", reply_markup=keyboard)
    assert sent.chat.id == 1001
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_markup == keyboard
    assert alex.texts() == ["Welcome!"]
    assert alex.last["message_id"] == sent.message_id
    assert alex.buttons() == [("Accept", "inv:yes"), ("Decline", "inv:no")]
    call = sb.calls_to("sendMessage")[0]
    assert call.params["chat_id"] == 1001
    assert call.status == 200


async def test_message_ids_are_shared_between_user_and_bot_in_a_chat(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sam = sb.user(1002, "Sam")
    first = alex.send("hi")
    reply = await bot.send_message(1001, "hello")
    second = alex.send("again")
    other = await bot.send_message(1002, "hello Sam")
    assert [first["message_id"], reply.message_id, second["message_id"]] == [1, 2, 3]
    assert other.message_id == 1
    assert sam.texts() == ["hello Sam"]


async def test_bad_sends_answer_as_telegram_does(sb: Sandbox, bot: Bot) -> None:
    sb.user(1001, "Alex")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "anyone?")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1001, "   ")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "x" * 4097)
    long_but_fine = await bot.send_message(1001, "y" * 4096)
    assert long_but_fine.text == "y" * 4096
    # The limit counts what the text shows once its entities are parsed, not the markup.
    await bot.send_message(1001, "<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "<b>" + "z" * 4097 + "</b>", parse_mode="HTML")
    too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(1001, "buttons", reply_markup=too_long_data)


async def test_get_chat_describes_a_private_chat(sb: Sandbox, bot: Bot) -> None:
    sb.user(1001, "Alex", username="alex")
    chat = await bot.get_chat(1001)
    assert (chat.id, chat.type, chat.first_name, chat.username) == (1001, "private", "Alex", "alex")


# -- receiving ------------------------------------------------------------------------------


async def test_long_poll_returns_a_command_promptly(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()
    alex.send("/start abc")
    updates = await asyncio.wait_for(poll, 2)
    assert loop.time() - started < 1.5
    message = updates[0].message
    assert message is not None
    assert message.text == "/start abc"
    assert message.entities[0].type == MessageEntity.BOT_COMMAND
    assert message.parse_entity(message.entities[0]) == "/start"
    assert message.from_user is not None and message.from_user.first_name == "Alex"
    assert message.chat.type == "private"


async def test_empty_long_poll_waits_for_its_timeout(sb: Sandbox, bot: Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= loop.time() - started < 2


async def test_offset_confirms_and_drops_earlier_updates(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    for text in ("one", "two", "three"):
        alex.send(text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    assert sb.pending_updates() == 3
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert sb.pending_updates() == 1
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    assert sb.pending_updates() == 0


async def test_a_newer_long_poll_terminates_the_older_one(sb: Sandbox, bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    async with client(sb) as second_instance:
        newer = asyncio.create_task(second_instance.get_updates(timeout=5))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(older, 2)
        sb.user(1001, "Alex").send("hi")
        assert len(await asyncio.wait_for(newer, 2)) == 1


async def test_stopping_the_sandbox_ends_a_long_poll(bot: Bot) -> None:
    sandbox = Sandbox()
    await sandbox.start()
    async with client(sandbox) as other:
        poll = asyncio.create_task(other.get_updates(timeout=30))
        await asyncio.sleep(0.1)
        await asyncio.wait_for(sandbox.stop(), 3)
        assert await asyncio.wait_for(poll, 3) == ()


async def test_reply_carries_the_bots_whole_message(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    prompt = await bot.send_message(1001, "What made you smile today?")
    alex.send("my answer", reply_to=prompt.message_id)
    (update,) = await next_updates(bot)
    assert update.message is not None
    replied = update.message.reply_to_message
    assert replied is not None
    assert replied.message_id == prompt.message_id
    assert replied.text == "What made you smile today?"
    assert replied.from_user is not None and replied.from_user.is_bot


async def test_button_press_round_trips_as_callback_query(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Accept", callback_data="inv:yes")]])
    invite = await bot.send_message(1001, "Sam invites you", reply_markup=keyboard)
    query_id = alex.press(invite.message_id, "inv:yes")
    (update,) = await next_updates(bot)
    query = update.callback_query
    assert query is not None
    assert (query.id, query.data, query.from_user.id) == (query_id, "inv:yes", 1001)
    assert query.message is not None and query.message.message_id == invite.message_id
    assert await bot.answer_callback_query(query_id, text="Paired!")
    assert alex.callback_answer(query_id) == {
        "text": "Paired!",
        "show_alert": False,
        "url": None,
        "cache_time": None,
    }
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(ValueError, match="no button"):
        alex.press(invite.message_id, "inv:maybe")
    assert alex.press_button("Accept") != query_id


async def test_user_edit_arrives_as_edited_message(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    original = alex.send("first try")
    alex.edit(original["message_id"], "second try")
    updates = await next_updates(bot)
    assert updates[0].message is not None and updates[0].message.text == "first try"
    edited = updates[1].edited_message
    assert edited is not None
    assert (edited.message_id, edited.text) == (original["message_id"], "second try")
    assert edited.edit_date is not None


async def test_user_media_deserialize_in_ptb(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    alex.send_voice(duration=7)
    alex.send_video_note()
    alex.send_photo(caption="look")
    alex.send_video(caption="clip")
    alex.send_sticker()
    alex.send_animation()
    alex.send_location(52.5, 13.4)
    alex.send_contact()
    alex.send_document(file_name="a.txt", data=b"abc")
    messages = [u.message for u in await next_updates(bot)]
    assert all(m is not None for m in messages)
    voice, note, photo, video, sticker, gif, place, contact, doc = messages
    assert voice and voice.voice and voice.voice.to_dict()["duration"] == 7
    assert note and note.video_note and note.video_note.length == 240
    assert photo and len(photo.photo) == 2 and photo.caption == "look"
    assert video and video.video and video.caption == "clip"
    assert sticker and sticker.sticker and sticker.sticker.type == "regular"
    assert gif and gif.animation and gif.document
    assert place and place.location and place.location.latitude == 52.5
    assert contact and contact.contact and contact.contact.user_id == 1001
    assert doc and doc.document and doc.document.file_name == "a.txt"
    assert sb.document_bytes(doc.document.file_id) == b"abc"


async def test_group_messages_come_from_the_user_in_the_group(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    family = sb.group(-5001, "Family")
    family.send(alex, "/start@DuetSandboxBot code")
    (update,) = await next_updates(bot)
    message = update.message
    assert message is not None
    assert (message.chat.id, message.chat.type, message.chat.title) == (-5001, "group", "Family")
    assert message.from_user is not None and message.from_user.id == 1001
    assert message.parse_entity(message.entities[0]) == "/start@DuetSandboxBot"
    await bot.send_message(-5001, "I only work in private chats.")
    assert family.texts() == ["I only work in private chats."]
    assert alex.inbox == []


async def test_reactions_arrive_when_the_bot_asks_for_them(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    reveal = await bot.send_message(1001, "Sam answered: the sea")
    assert await bot.set_message_reaction(1001, reveal.message_id, ReactionTypeEmoji("👍"))
    alex.react(reveal.message_id, "❤")
    (update,) = await next_updates(bot, allowed_updates=["message", "message_reaction"])
    reaction = update.message_reaction
    assert reaction is not None
    assert reaction.message_id == reveal.message_id
    assert reaction.new_reaction == (ReactionTypeEmoji("❤"),)


async def test_reactions_are_not_delivered_by_default(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    reveal = await bot.send_message(1001, "Sam answered")
    alex.react(reveal.message_id, "❤")
    alex.send("thanks")
    updates = await next_updates(bot)
    assert [u.message.text for u in updates if u.message] == ["thanks"]
    assert len(updates) == 1


# -- changing messages ----------------------------------------------------------------------


async def test_edit_message_text_changes_the_inbox(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Skip", callback_data="skip")]])
    prompt = await bot.send_message(1001, "Question?", reply_markup=keyboard)
    edited = await bot.edit_message_text("Question? (answered)", 1001, prompt.message_id)
    assert not isinstance(edited, bool)
    assert edited.edit_date is not None
    assert alex.texts() == ["Question? (answered)"]
    assert alex.buttons() == []  # no reply_markup sent: the keyboard goes, as in Telegram
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Question? (answered)", 1001, prompt.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("nope", 1001, 999)
    await bot.edit_message_reply_markup(1001, prompt.message_id, reply_markup=keyboard)
    assert alex.buttons(prompt.message_id) == [("Skip", "skip")]


async def test_deleted_bot_message_leaves_the_inbox(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    first = await bot.send_message(1001, "temporary")
    await bot.send_message(1001, "stays")
    assert await bot.delete_message(1001, first.message_id)
    assert alex.texts() == ["stays"]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(1001, first.message_id)


async def test_copy_of_a_voice_answer_reaches_the_partner(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sam = sb.user(1002, "Sam")
    voice = alex.send_voice(duration=4)
    copied = await bot.copy_message(1002, 1001, voice["message_id"])
    assert sam.texts() == ["[voice]"]
    assert sam.last["message_id"] == copied.message_id
    assert sam.last["voice"] == voice["voice"]
    assert sam.last["from"]["is_bot"] is True
    with_caption = await bot.copy_message(1002, 1001, voice["message_id"], caption="Alex said")
    assert sam.texts()[-1] == "Alex said"
    assert with_caption.message_id == copied.message_id + 1

    alex.delete(voice["message_id"])
    with pytest.raises(BadRequest, match="Message to copy not found"):
        await bot.copy_message(1002, 1001, voice["message_id"])


async def test_send_document_bytes_can_be_read_back(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    journal = "# Our journal\n\nDay 1: the sea 🌊\n".encode()
    sent = await bot.send_document(1001, journal, filename="journal.md", caption="Your export")
    assert sent.document is not None
    assert sent.document.file_name == "journal.md"
    assert sent.document.file_size == len(journal)
    assert alex.last["document"]["file_name"] == "journal.md"
    assert alex.texts() == ["Your export"]
    assert sb.document_bytes(sent.document.file_id) == journal
    downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == journal


# -- faults and limits ----------------------------------------------------------------------


async def test_blocked_user_answers_forbidden_until_they_come_back(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sb.block(1001)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "hello?")
    (update,) = await next_updates(bot)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    alex.send("/start")  # writing to the bot again unblocks it, like Telegram's Restart
    assert (await bot.send_message(1001, "welcome back")).text == "welcome back"


async def test_deactivated_user_answers_forbidden(sb: Sandbox, bot: Bot) -> None:
    sb.user(1001, "Alex")
    sb.deactivate(1001)
    with pytest.raises(Forbidden, match="user is deactivated"):
        await bot.send_message(1001, "hello?")


async def test_planned_429_surfaces_as_retry_after(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sb.fail_next(method="sendMessage", chat_id=1001, status=429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1001, "first")
    assert retry_seconds(caught.value) == 3
    await bot.send_message(1001, "second")
    assert alex.texts() == ["second"]
    assert [c.status for c in sb.calls_to("sendMessage")] == [429, 200]


async def test_planned_faults_match_method_and_chat(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sam = sb.user(1002, "Sam")
    sb.fail_next("sendMessage", chat_id=1002, status=502, times=2)
    await bot.send_message(1001, "to Alex")
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(1002, "to Sam")
    await bot.send_message(1002, "to Sam")
    sb.fail_next("sendMessage", status=400, description="Bad Request: injected")
    with pytest.raises(BadRequest, match="Injected"):
        await bot.send_message(1001, "x")
    assert (alex.texts(), sam.texts()) == (["to Alex"], ["to Sam"])


async def test_a_proxy_error_page_is_html_not_json(sb: Sandbox, bot: Bot) -> None:
    sb.user(1001, "Alex")
    sb.fail_next("sendMessage", status=502, page=True)
    with pytest.raises(NetworkError, match="Bad Gateway") as caught:
        await bot.send_message(1001, "lost")
    assert "<html>" in str(caught.value)
    assert [c.status for c in sb.calls_to("sendMessage")] == [502]


async def test_a_planned_409_on_get_updates_is_a_conflict(sb: Sandbox, bot: Bot) -> None:
    sb.fail_next("getUpdates", status=409)
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await bot.get_updates(timeout=0)
    assert await bot.get_updates(timeout=0) == ()


async def test_dropped_connection_is_a_network_error(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    sb.fail_next("sendMessage", status=0)
    with pytest.raises(NetworkError):
        await bot.send_message(1001, "lost")
    await bot.send_message(1001, "delivered")
    assert alex.texts() == ["delivered"]
    assert [c.status for c in sb.calls_to("sendMessage")] == [0, 200]


async def test_delivered_then_dropped_send_arrives_but_the_client_errs(
    sb: Sandbox, bot: Bot
) -> None:
    alex = sb.user(1001, "Alex")
    sb.fail_next("sendMessage", chat_id=1001, status=0, deliver=True)
    with pytest.raises(NetworkError):
        await bot.send_message(1001, "did it arrive?")
    assert alex.texts() == ["did it arrive?"]
    assert sb.stats()["sent_messages"] == 1


async def test_global_rate_answers_429_past_the_limit() -> None:
    async with Sandbox(global_rate=5) as sandbox, client(sandbox) as bot:
        for user_id in range(1, 7):
            sandbox.user(user_id, f"User{user_id}")
        for user_id in range(1, 6):
            await bot.send_message(user_id, "within the limit")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(6, "one too many")
        assert retry_seconds(caught.value) == 1
        assert sandbox.find_user(6).inbox == []
        assert sandbox.stats()["sent_messages"] == 5
        assert sandbox.stats()["busiest_second"] == 5
        await asyncio.sleep(1.05)
        await bot.send_message(6, "a second later")
        assert (sandbox.stats()["sent_messages"], sandbox.stats()["busiest_second"]) == (6, 5)


async def test_per_chat_rate_answers_429_for_that_chat_only() -> None:
    async with Sandbox(per_chat_rate=0.5) as sandbox, client(sandbox) as bot:
        alex, sam = sandbox.user(1001, "Alex"), sandbox.user(1002, "Sam")
        await bot.send_message(1001, "one")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(1001, "two")
        assert retry_seconds(caught.value) == 2
        await bot.send_message(1002, "other chat is fine")
        assert (alex.texts(), sam.texts()) == (["one"], ["other chat is fine"])


async def test_latency_delays_sends() -> None:
    async with Sandbox(latency=0.2) as sandbox, client(sandbox) as bot:
        sandbox.user(1001, "Alex")
        loop = asyncio.get_running_loop()
        started = loop.time()
        await bot.send_message(1001, "slow")
        assert loop.time() - started >= 0.2


async def test_record_off_keeps_only_counters() -> None:
    async with Sandbox(record=False) as sandbox, client(sandbox) as bot:
        sandbox.user(1001, "Alex")
        await bot.send_message(1001, "counted")
        assert sandbox.calls == []
        stats = sandbox.stats()
        assert stats["calls"]["sendMessage"] == 1
        assert stats["status"]["200"] >= 2  # getMe and sendMessage
        assert stats["sent_messages"] == 1


# -- helpers for tests ----------------------------------------------------------------------


async def test_wait_for_messages_and_wait_for(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")

    async def send_later() -> None:
        await asyncio.sleep(0.05)
        await bot.send_message(1001, "one")
        await bot.send_message(1001, "two")

    task = asyncio.create_task(send_later())
    inbox = await alex.wait_for_messages(2, timeout=2)
    await task
    assert [m["text"] for m in inbox] == ["one", "two"]
    assert await sb.wait_for(lambda: alex.texts()[-1]) == "two"
    with pytest.raises(AssertionError, match=r"timed out after 0\.05s waiting for"):
        await sb.wait_for(lambda: len(alex.inbox) > 5, timeout=0.05)
    with pytest.raises(AssertionError, match=r"expected 3 message\(s\).*got 2"):
        await alex.wait_for_messages(3, timeout=0.05)


async def test_transcript_interleaves_both_sides(sb: Sandbox, bot: Bot) -> None:
    alex = sb.user(1001, "Alex")
    alex.send("/start")
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Accept", callback_data="a"),
                InlineKeyboardButton("Decline", callback_data="d"),
            ]
        ]
    )
    welcome = await bot.send_message(1001, "Welcome to Duet", reply_markup=keyboard)
    alex.press(welcome.message_id, "a")
    alex.send_voice(duration=3, reply_to=welcome.message_id)
    assert sb.transcript().splitlines() == [
        "Alex → bot: /start",
        "bot → Alex: Welcome to Duet",
        "    [Accept] [Decline]",
        "Alex pressed [Accept]",
        "Alex → bot: (replying to “Welcome to Duet”) [voice 3s]",
    ]


# -- driving from another process -----------------------------------------------------------


async def test_control_api_drives_users(sb: Sandbox, bot: Bot) -> None:
    root = f"{sb.url}/_sandbox"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{root}/users", json={"id": 1001, "first_name": "Alex"}) as r:
            assert (await r.json())["first_name"] == "Alex"
        async with http.post(f"{root}/send", json={"user_id": 1001, "text": "/start"}) as r:
            assert (await r.json()) == {"message_id": 1}
        (update,) = await next_updates(bot)
        assert update.message is not None and update.message.text == "/start"
        button = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        sent = await bot.send_message(1001, "Ready?", reply_markup=button)
        payload = {"user_id": 1001, "message_id": sent.message_id, "data": "go"}
        async with http.post(f"{root}/press", json=payload) as r:
            query_id = (await r.json())["callback_query_id"]
        (update,) = await next_updates(bot, offset=update.update_id + 1)
        assert update.callback_query is not None and update.callback_query.id == query_id
        async with http.get(f"{root}/inbox/1001") as r:
            assert [m["text"] for m in await r.json()] == ["Ready?"]
        async with http.get(f"{root}/stats") as r:
            stats = await r.json()
        async with http.post(f"{root}/send", json={"user_id": 77, "text": "x"}) as r:
            assert r.status == 404
    assert stats["calls"]["sendMessage"] == 1
    assert stats["sent_messages"] == 1
    assert stats["first_send_at"] <= stats["last_send_at"]


async def test_control_api_serves_benchmarks_in_bulk(sb: Sandbox, bot: Bot) -> None:
    root = f"{sb.url}/_sandbox"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{root}/users/bulk", json={"first_id": 2001, "count": 3}) as r:
            assert (await r.json()) == {"created": 3}
        messages = [{"user_id": u, "text": f"hi from {u}"} for u in (2001, 2003)]
        async with http.post(f"{root}/send_many", json={"messages": messages}) as r:
            queued = await r.json()
        assert [q["message_id"] for q in queued] == [1, 1]
        assert queued[0]["at"] <= queued[1]["at"] <= time.monotonic()
        updates = await next_updates(bot)
        assert [u.message.text for u in updates if u.message] == ["hi from 2001", "hi from 2003"]
        await bot.send_message(2002, "your reveal")
        queries = {"queries": [[2002, "reveal"], [2002, "nothing"], [2001, ""], [9, ""]]}
        async with http.post(f"{root}/accepted", json=queries) as r:
            accepted = await r.json()
        assert accepted[0] is not None and accepted[0] <= time.monotonic()
        assert accepted[1:] == [None, None, None]
        async with http.post(f"{root}/stats/reset") as r:
            assert r.status == 200
        async with http.get(f"{root}/stats") as r:
            assert (await r.json())["sent_messages"] == 0


async def test_standalone_process_serves_until_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.sandbox",
        "--port",
        "0",
        "--per-chat-rate",
        "1",
        stdout=asyncio.subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert line.startswith("sandbox listening on http://127.0.0.1:")
        url = line.rsplit(" ", 1)[1]
        async with aiohttp.ClientSession() as http:
            await http.post(f"{url}/_sandbox/users", json={"id": 1001, "first_name": "Alex"})
            async with Bot("123456:SANDBOX", base_url=f"{url}/bot") as bot:
                await bot.send_message(1001, "from another process")
                with pytest.raises(RetryAfter):
                    await bot.send_message(1001, "too soon")
            async with http.get(f"{url}/_sandbox/inbox/1001") as r:
                assert [m["text"] for m in await r.json()] == ["from another process"]
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_polling_application_answers_a_command(sb: Sandbox) -> None:
    alex = sb.user(1001, "Alex")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Welcome! payload={context.args}")

    app = (
        ApplicationBuilder()
        .token(sb.token)
        .base_url(sb.base_url)
        .base_file_url(sb.file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5)
        alex.send("/start abc")
        await alex.wait_for_messages(1)
        loop = asyncio.get_running_loop()
        stopping = loop.time()
        await app.updater.stop()
        await app.stop()
        assert loop.time() - stopping < 3
    assert alex.texts() == ["Welcome! payload=['abc']"]
