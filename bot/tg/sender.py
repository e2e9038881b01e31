"""The sender: drains the outbox under Telegram's limits, each chat's messages in order.

The dispatcher loads committed outbox rows into the pacing (pacing.py decides which chat's
head message may go) and hands each due message to a worker, which gets it ready (a journal
built, a picture drawn), waits for its moment on the grid, sends it and records what became
of it. A sent message is acknowledged (its outbox row removed) before its
worker frees its slot, so at most `concurrency` messages can go twice after a crash; the
acknowledgements of sends that finish together share one transaction (a group commit). On a
graceful stop the sends in flight finish and are recorded before the connection closes.
"""

import asyncio
import contextlib
import heapq
import itertools
import logging
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot, InputFile, LinkPreviewOptions, Message, MessageId
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.domain import notices as n
from bot.services.delivery import Delivery
from bot.tg.http import gist
from bot.tg.journal import make_journal
from bot.tg.pacing import (
    GIVE_UP_AFTER,
    PROBE_GAP,
    Failed,
    Failure,
    Grid,
    Later,
    Outcome,
    Pacing,
    Probe,
    Removed,
    Replaced,
    Sent,
)
from bot.tg.render import Copy, Document, JournalRequest, Photo, Text, render
from bot.tg.turns import Turns

log = logging.getLogger(__name__)

# How long an acknowledgement waits for others to share its transaction: until half the
# workers, or every send in flight, are waiting too; one write for a handful of sends.
ACK_GATHER = 0.02
# After our own failure (the database, a bug) a message is tried again this much later.
OWN_FAILURE_RETRY = 5.0
# How long a graceful stop waits for the sends in flight.
DRAIN_TIMEOUT = 5.0
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# An upload of up to 50 MB needs longer than python-telegram-bot's default 20 s.
UPLOAD_TIMEOUT = 300.0


@dataclass(frozen=True)
class Picture:
    """A recap picture ready to go: drawn (bytes to upload) or uploaded before (a file_id)."""

    photo: Photo
    upload: bytes | str


class Sender:
    """Sends every outbox row once it is committed; survives 429s, 5xx and dropped connections."""

    def __init__(
        self,
        bot: Bot,
        delivery: Delivery,
        *,
        rate: float,
        chat_rate: float,
        concurrency: int,
    ) -> None:
        self._bot = bot
        self._delivery = delivery
        self._pacing = Pacing(chat_rate=chat_rate, concurrency=concurrency)
        self._grid = Grid(rate)
        # Requests ready to leave, waiting for their moment: interactive ones first, then in
        # the order they came (lane, arrival, the future their worker waits on).
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()
        self._timer: asyncio.TimerHandle | None = None
        self._last_id = 0
        self._dirty = True
        self._kick = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._workers: set[asyncio.Task[None]] = set()
        self._acks: list[tuple[n.OutboxItem, int, asyncio.Future[None]]] = []
        self._acking: asyncio.Task[None] | None = None
        self._ack_batch = max(1, concurrency // 2)
        self._acks_full = asyncio.Event()
        # A turn per recap picture: its partner's send waits for the upload, then reuses it.
        self._pictures = Turns()

    def wake(self, dropped: frozenset[int] = frozenset()) -> None:
        """New rows were committed: look at the outbox again. The queued messages of the
        `dropped` chats were deleted (their user left for good): they are not sent."""
        for chat in dropped:
            self._pacing.drop(chat)
        self._dirty = True
        self._kick.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="sender")

    async def drain(self, grace: float = DRAIN_TIMEOUT) -> None:
        """Take no new message; let the sends in flight finish and be recorded (a clean stop)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        flying = len(self._workers)
        if self._workers:
            _, unfinished = await asyncio.wait(self._workers, timeout=grace)
            for worker in unfinished:
                worker.cancel()
            if unfinished:
                log.warning(
                    "stopping: %d of %d sends in flight did not finish in %.0f s; they may go "
                    "again at the next start",
                    len(unfinished),
                    flying,
                    grace,
                )
                await asyncio.wait(unfinished)
                return
        if flying:
            log.info("stopping: the %d sends in flight finished and were recorded", flying)

    def idle(self) -> bool:
        """Nothing queued in memory and nothing in flight."""
        return self._pacing.idle() and not self._dirty

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if self._dirty:
                self._dirty = False
                try:
                    await self._load()
                except Exception:
                    log.exception("could not read the outbox; trying again")
                    self._dirty = True
                    await asyncio.sleep(1)
                    continue
            step = self._pacing.next(loop.time())
            if isinstance(step, n.OutboxItem | Probe):
                work = self._send(step) if isinstance(step, n.OutboxItem) else self._probe()
                worker = asyncio.create_task(work)
                self._workers.add(worker)
                worker.add_done_callback(self._workers.discard)
                continue
            self._kick.clear()
            if self._dirty:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._kick.wait(), step)

    async def _load(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            items = await self._delivery.pending_after(self._last_id)
            for item in items:
                self._pacing.add(item, loop.time())
                self._last_id = item.id
            if len(items) < 1000:
                return

    async def _send(self, item: n.OutboxItem) -> None:
        loop = asyncio.get_running_loop()
        try:
            outcome = await self._attempt(item)
        except Exception:
            # Our own failure (the database, a bug): keep the message and try again later.
            log.exception("sending outbox item %s failed", item.id)
            outcome = Later(OWN_FAILURE_RETRY)
        down_since, held = self._pacing.unreachable_since, self._pacing.held()
        now = loop.time()
        self._pacing.finish(item, outcome, now)
        self._tell_if_back(down_since, held, now)
        self._kick.set()

    async def _probe(self) -> None:
        """While Telegram seems away: does it answer at all?"""
        loop = asyncio.get_running_loop()
        try:
            await self._bot.get_me()
            answered = True
        except NetworkError as exc:
            log.debug("still cannot reach Telegram (%s)", gist(exc))
            answered = False
        except TelegramError:
            answered = True  # an error, but from Telegram itself
        except Exception as exc:
            # A reply that could not be read: no sign that Telegram answers; the probing goes on.
            log.warning("asking Telegram whether it answers failed (%s)", type(exc).__name__)
            answered = False
        down_since, held = self._pacing.unreachable_since, self._pacing.held()
        now = loop.time()
        self._pacing.probed(answered, now)
        self._tell_if_back(down_since, held, now)
        self._kick.set()

    def _tell_if_back(self, down_since: float | None, held: int, now: float) -> None:
        if down_since is not None and self._pacing.unreachable_since is None:
            log.warning(
                "Telegram is back after %.0f s; the messages of %d waiting chats go out now",
                now - down_since,
                held,
            )

    async def _attempt(self, item: n.OutboxItem) -> Outcome:
        """Get the message ready, then try to send it; what became of it.

        A failure while getting ready (rendering, the journal, the picture) is ours: it
        propagates, and the message is kept for a retry."""
        outgoing = render(item.notice, self._bot.username)
        if isinstance(outgoing, JournalRequest):
            outgoing = await make_journal(self._bot, self._delivery, outgoing)
        if not isinstance(outgoing, Photo):
            return await self._deliver(item, outgoing)
        # The copy of a partner whose week looks the same waits for the first upload, then goes
        # by its file_id; a partner far away may see other local days, and another picture.
        key = (outgoing.pair_id, outgoing.week, outgoing.digest)
        async with self._pictures.turn(key):
            file_id = await self._delivery.recap_picture(*key)
            if file_id is not None:
                return await self._deliver(item, Picture(outgoing, file_id))
            drawn = Picture(outgoing, await asyncio.to_thread(outgoing.draw))
            return await self._deliver(item, drawn)

    async def _deliver(
        self, item: n.OutboxItem, outgoing: Text | Copy | Document | Picture
    ) -> Outcome:
        """Send a ready message at its moment on the grid; what became of it."""
        await self._take_turn(item.notice.lane)
        if self._pacing.gone(item):
            return Removed(frozenset({item.id}))
        if self._pacing.holding(item.chat_id):
            # Telegram was found away while this one got ready or waited for its moment.
            return Failed(Failure.HOLD)
        try:
            message = await self._call(item, outgoing)
        except RetryAfter as exc:
            seconds = exc.retry_after
            wait = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
            log.warning("429 for chat %s: waiting %.0f s", item.chat_id, wait)
            return Later(wait)
        except Forbidden:
            # The head is dropped even when its row is gone already (the user deleted their data).
            dropped = await self._delivery.unreachable(item.chat_id)
            return Removed(frozenset([item.id, *dropped]))
        except BadRequest as exc:
            if isinstance(item.notice, n.Relay) and "not found" in exc.message.lower():
                return Replaced(await self._delivery.media_gone(item))
            log.warning("outbox item %s refused: %s", item.id, exc.message)
            await self._delivery.discard(item)
            return Removed(frozenset({item.id}))
        except NetworkError as exc:
            return await self._network_trouble(item, exc)
        except TelegramError as exc:
            log.error("outbox item %s failed for good: %s", item.id, exc)
            return await self._give_up(item)
        except Exception as exc:
            # The request went out but its reply could not be read: it may well have arrived,
            # and sending it again could show it twice.
            log.error(
                "outbox item %s: Telegram's reply could not be read (%s); not sending it again",
                item.id,
                type(exc).__name__,
            )
            return await self._give_up(item)
        if isinstance(outgoing, Picture) and isinstance(outgoing.upload, bytes):
            await self._remember_upload(outgoing.photo, message)
        await self._acknowledge(item, message.message_id)
        return Sent()

    async def _take_turn(self, lane: int) -> None:
        """Wait for this request's moment on the grid. Moments go one at a time to the waiting
        requests, interactive ones first: a reveal ready behind a row of prompts waits for
        one moment, not for the row."""
        loop = asyncio.get_running_loop()
        if not self._waiting and not self._grid.until_next(loop.time()):
            self._grid.leave(loop.time())
            return
        turn = loop.create_future()
        heapq.heappush(self._waiting, (lane, next(self._arrivals), turn))
        if self._timer is None:
            self._give_turn()
        await turn

    def _give_turn(self) -> None:
        """Let the first waiting request go if its moment has come; come back at the next."""
        loop = asyncio.get_running_loop()
        self._timer = None
        if not self._grid.until_next(loop.time()):
            while self._waiting:
                _, _, turn = heapq.heappop(self._waiting)
                if not turn.done():  # its worker was cancelled (a stop that ran out of time)
                    self._grid.leave(loop.time())
                    turn.set_result(None)
                    break
        if self._waiting:
            self._timer = loop.call_later(self._grid.until_next(loop.time()), self._give_turn)

    async def _remember_upload(self, photo: Photo, message: Message | MessageId) -> None:
        """Keep the uploaded picture's file_id for the partner's copy."""
        if not isinstance(message, Message) or not message.photo:
            return
        try:
            # The largest size is the picture itself; the others are thumbnails.
            await self._delivery.recap_uploaded(
                photo.pair_id, photo.week, photo.digest, message.photo[-1].file_id
            )
        except Exception:
            # The recap went out; the partner's copy will upload the picture again.
            log.exception("could not keep the recap picture of pair %s", photo.pair_id)

    async def _network_trouble(self, item: n.OutboxItem, exc: NetworkError) -> Outcome:
        """A send that failed on the way: wait for Telegram, back off, or give the message up."""
        failure = self._pacing.failed(item, asyncio.get_running_loop().time())
        if failure is Failure.GIVE_UP:
            log.error(
                "outbox item %s failed %s times though Telegram answered meanwhile (%s); "
                "giving it up",
                item.id,
                GIVE_UP_AFTER,
                gist(exc),
            )
            return await self._give_up(item)
        if failure is Failure.BACK_OFF:
            log.warning(
                "outbox item %s failed again though Telegram answered meanwhile (%s)",
                item.id,
                gist(exc),
            )
        elif self._pacing.unreachable_since is None:
            log.warning(
                "cannot reach Telegram (%s); holding messages, one try every %.1f s until it "
                "answers",
                gist(exc),
                PROBE_GAP,
            )
        else:
            log.debug("still cannot reach Telegram (%s)", gist(exc))
        return Failed(failure)

    async def _give_up(self, item: n.OutboxItem) -> Outcome:
        """Stop trying a message: a relayed answer becomes a note saying so; others are dropped."""
        if isinstance(item.notice, n.Relay):
            return Replaced(await self._delivery.media_gone(item, deleted=False))
        await self._delivery.discard(item)
        return Removed(frozenset({item.id}))

    async def _acknowledge(self, item: n.OutboxItem, message_id: int) -> None:
        """Record a sent message, together with the others sent meanwhile."""
        done = asyncio.get_running_loop().create_future()
        self._acks.append((item, message_id, done))
        if len(self._acks) >= min(self._ack_batch, self._pacing.in_flight()):
            self._acks_full.set()
        if self._acking is None or self._acking.done():
            self._acking = asyncio.create_task(self._write_acks(), name="sender-acks")
        await done

    async def _write_acks(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._acks_full.wait(), ACK_GATHER)
        while self._acks:
            self._acks_full.clear()
            batch, self._acks = self._acks, []
            try:
                await self._delivery.delivered_many([(item, mid) for item, mid, _ in batch])
            except Exception as exc:
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, _, done in batch:
                    if not done.done():
                        done.set_result(None)

    async def _call(
        self, item: n.OutboxItem, outgoing: Text | Copy | Document | Picture
    ) -> Message | MessageId:
        if isinstance(outgoing, Text):
            return await self._bot.send_message(
                chat_id=item.chat_id,
                text=outgoing.text,
                parse_mode=ParseMode.HTML,
                reply_markup=outgoing.keyboard,
                link_preview_options=_NO_PREVIEW,
            )
        if isinstance(outgoing, Document):
            return await self._bot.send_document(
                chat_id=item.chat_id,
                document=InputFile(outgoing.data, filename=outgoing.filename),
                caption=outgoing.caption,
                parse_mode=ParseMode.HTML,
                # Telegram answers only once it has the whole file.
                write_timeout=UPLOAD_TIMEOUT,
                read_timeout=UPLOAD_TIMEOUT,
            )
        if isinstance(outgoing, Picture):
            return await self._bot.send_photo(
                chat_id=item.chat_id,
                photo=outgoing.upload,
                caption=outgoing.photo.caption,
                parse_mode=ParseMode.HTML,
            )
        return await self._bot.copy_message(
            chat_id=item.chat_id,
            from_chat_id=outgoing.from_chat_id,
            message_id=outgoing.message_id,
        )
