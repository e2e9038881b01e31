"""The composition root: builds the database, packs, services, handlers, tick and sender."""

import contextlib
import gc
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    ExtBot,
    JobQueue,
)

from bot.clock import Clock
from bot.config import Settings
from bot.domain.timeparse import parse_time
from bot.ideas_pack import IDEAS_FOLDER, load_ideas
from bot.packs import load_library
from bot.services.deps import Deps
from bot.services.registry import Services, build_services
from bot.storage.db import BUSY_TIMEOUT_MS, Database
from bot.storage.lock import DatabaseLock
from bot.storage.migrate import migrate
from bot.tg import texts
from bot.tg.handlers import register
from bot.tg.http import PollingTrouble, TelegramRequest
from bot.tg.jobs import tick
from bot.tg.ordering import PerChatOrder
from bot.tg.sender import Sender

log = logging.getLogger(__name__)

# Updates handled at once across chats (each chat's own updates run one after another).
UPDATE_CONCURRENCY = 64

DuetApp = Application[
    ExtBot[None],
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]


@dataclass
class Runtime:
    """What start-up and shutdown need beyond the Application itself."""

    db: Database
    lock: DatabaseLock
    sender: Sender
    services: Services
    settings: Settings
    polling_trouble: PollingTrouble


def configure_logging(level: str) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    # httpx logs every request URL at INFO, and the URL carries the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # At DEBUG these log every SQL parameter and Bot API argument: answers and names.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))
    # A tick skipped because the previous one still runs is by design (coalesce, one instance).
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


def build_app(settings: Settings, clock: Clock, token: str) -> DuetApp:
    """The whole bot, wired; nothing is opened or started until `post_init`."""
    library = load_library(settings.prompt_packs_dir)
    default_time = parse_time(settings.default_prompt_time)
    assert default_time is not None
    db = Database(settings.database_path)
    ideas = load_ideas(settings.prompt_packs_dir / IDEAS_FOLDER)
    deps = Deps(db, clock, library, settings.default_timezone, default_time, ideas)
    services = build_services(deps)
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_file_url)
        .concurrent_updates(PerChatOrder(UPDATE_CONCURRENCY))
        .request(TelegramRequest(connection_pool_size=settings.send_concurrency + 8))
        .get_updates_request(TelegramRequest())
        .post_init(_on_start)
        .post_stop(_on_stopping)
        .post_shutdown(_on_stop)
        .build()
    )
    sender = Sender(
        app.bot,
        services.delivery,
        rate=settings.send_rate,
        chat_rate=settings.send_chat_rate,
        concurrency=settings.send_concurrency,
    )
    db.on_outbox(sender.wake)
    app.bot_data["services"] = services
    lock = DatabaseLock(settings.database_path)
    app.bot_data["runtime"] = Runtime(db, lock, sender, services, settings, PollingTrouble())
    register(app)
    app.add_error_handler(_log_error)
    assert app.job_queue is not None, "python-telegram-bot needs the job-queue extra"
    app.job_queue.run_repeating(
        tick,
        interval=settings.tick_seconds,
        first=0.1,
        name="tick",
        job_kwargs={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    return app


def runtime(app: DuetApp) -> Runtime:
    found = app.bot_data["runtime"]
    assert isinstance(found, Runtime)
    return found


async def _on_start(app: DuetApp) -> None:
    parts = runtime(app)
    # Before anything is read: a second Duet on this database would send every prompt twice.
    parts.lock.acquire()
    await parts.db.open()
    applied = await migrate(parts.db.connection)
    if applied:
        log.info("migrations applied: %s", ", ".join(applied))
    parts.sender.start()
    # Everything built so far lives as long as the bot: keep it out of the collector's full
    # passes, which otherwise stall the event loop for tens of ms in the morning wave.
    gc.freeze()
    try:
        await app.bot.set_my_commands([BotCommand(name, what) for name, what in texts.COMMANDS])
    except TelegramError as exc:
        # The menu is a convenience; a hiccup here must not keep the morning prompts away.
        log.warning("could not set the command menu: %s", exc)
    log.info("Duet is running as @%s", app.bot.username)


async def _on_stopping(app: DuetApp) -> None:
    # Updates and ticks have stopped; the connection to Telegram is still open.
    await runtime(app).sender.drain()


async def _on_stop(app: DuetApp) -> None:
    parts = runtime(app)
    await parts.sender.drain(grace=0)
    await parts.db.close()
    parts.lock.release()


async def _log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update is None and isinstance(context.error, TelegramError):
        # Fetching updates failed (run_polling routes that here): a known cause, one line.
        parts = context.bot_data["runtime"]
        assert isinstance(parts, Runtime)
        parts.polling_trouble(context.error)
        return
    # Only ids: an update's text may be someone's answer.
    update_id = update.update_id if isinstance(update, Update) else None
    if not _database_locked(context.error):
        log.error("error handling update %s", update_id, exc_info=context.error)
        if isinstance(update, Update) and update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer()  # the tap stops spinning
        _stop_here(update)
        return
    # A known cause, in one line: its transaction was rolled back and nothing was kept.
    what = f"update {update_id}" if update_id is not None else "the tick"
    log.warning(
        "%s not handled: another process kept the database locked for %.0f s",
        what,
        BUSY_TIMEOUT_MS / 1000,
    )
    if isinstance(update, Update):
        await _say_not_taken_in(update)
    _stop_here(update)


def _stop_here(update: object) -> None:
    """An update that failed in one group of handlers goes to no later group: after the gate
    failed to note it as seen, its handler must not run anyway."""
    if isinstance(update, Update):
        raise ApplicationHandlerStop


def _database_locked(error: object) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


async def _say_not_taken_in(update: Update) -> None:
    """Tell the person nothing was kept, so nobody believes an answer was. Straight to
    Telegram, not through the outbox: the database is the trouble."""
    tap = update.callback_query
    text = texts.NOT_TAKEN_IN_TAP if tap is not None else texts.NOT_TAKEN_IN
    with contextlib.suppress(TelegramError):
        if tap is not None:
            try:
                await tap.answer(text)
                return
            except TelegramError:
                pass  # the tap was answered already: say it in the chat instead
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            await update.get_bot().send_message(chat.id, text)


ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def run_forever(app: DuetApp) -> None:
    """`python -m bot run`: long polling, or a webhook server when WEBHOOK_URL is set."""
    settings = runtime(app).settings
    if settings.webhook_url is None:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    assert settings.webhook_secret is not None
    app.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=settings.webhook_path,
        webhook_url=settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=ALLOWED_UPDATES,
    )


@asynccontextmanager
async def running(app: DuetApp, poll_timeout: float = 10) -> AsyncIterator[DuetApp]:
    """Run the bot inside an event loop that is already running (demo, tests, benchmarks)."""
    settings = runtime(app).settings
    polling_trouble = runtime(app).polling_trouble
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    assert app.updater is not None
    if settings.webhook_url is None:
        await app.updater.start_polling(
            poll_interval=0,
            timeout=int(poll_timeout),
            allowed_updates=ALLOWED_UPDATES,
            error_callback=polling_trouble,
        )
    else:
        assert settings.webhook_secret is not None
        await app.updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        assert app.post_stop is not None
        await app.post_stop(app)
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()
