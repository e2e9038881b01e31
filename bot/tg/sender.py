"""The sender: drains the outbox under Telegram's limits, each chat's messages in order.

One dispatcher picks the next chat whose head message may go now (interactive lane before
bulk), paces all sends to the overall rate, and hands each to a worker; a chat has at most one
message in flight and waits 1/chat_rate seconds (or Telegram's retry_after) before its next.

Pacing keeps to a grid 1/rate apart, so that any second holds at most rate + 1 sends even when
the event loop wakes late. A sent message is acknowledged (its outbox row removed) before its
worker frees its slot, so at most `concurrency` messages can go twice after a crash; the
acknowledgements of sends that finish together share one transaction (a group commit).
"""

import asyncio
import contextlib
import heapq
import logging
from collections import deque
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.domain import notices as n
from bot.services.delivery import Delivery
from bot.tg.render import Copy, Text, render

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0
# A message that fails this many times in a row while other chats' sends go through is not
# waiting out an outage: it is one Telegram will not take, and it must not block its chat.
GIVE_UP_AFTER = 4
# How long an acknowledgement waits for others to share its transaction: until half the
# workers, or every send in flight, are waiting too; one write for a handful of sends.
ACK_GATHER = 0.02
# How late a send may be and still keep its place on the pacing grid (seconds).
CATCH_UP = 0.005
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


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
        self._interval = 1.0 / rate
        self._chat_gap = 1.0 / chat_rate
        self._slots = asyncio.Semaphore(concurrency)
        self._queues: dict[int, deque[n.OutboxItem]] = {}
        self._ready: tuple[deque[int], deque[int]] = (deque(), deque())
        self._later: list[tuple[float, int]] = []
        self._scheduled: set[int] = set()
        self._inflight: set[int] = set()
        self._not_before: dict[int, float] = {}
        self._failures: dict[int, int] = {}
        self._first_failure: dict[int, float] = {}
        self._last_sent = 0.0
        self._last_id = 0
        self._next_slot = 0.0
        self._dirty = True
        self._kick = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._workers: set[asyncio.Task[None]] = set()
        self._acks: list[tuple[n.OutboxItem, int, asyncio.Future[None]]] = []
        self._acking: asyncio.Task[None] | None = None
        self._ack_batch = max(1, concurrency // 2)
        self._acks_full = asyncio.Event()

    def wake(self) -> None:
        """New rows were committed: look at the outbox again."""
        self._dirty = True
        self._kick.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._workers:
            await asyncio.wait(self._workers, timeout=10)

    def idle(self) -> bool:
        """Nothing queued in memory and nothing in flight."""
        return not self._queues and not self._inflight and not self._dirty

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
            now = loop.time()
            self._promote(now)
            chat = self._pop_ready()
            if chat is None:
                self._kick.clear()
                if self._dirty:
                    continue
                timeout = max(0.0, self._later[0][0] - now) if self._later else None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), timeout)
                continue
            # Sends keep to a grid `interval` apart: waking a little late (timer granularity)
            # is made up at the next send instead of adding up; after a longer delay the grid
            # starts afresh from now, so late sends never go out in a catch-up burst.
            now = loop.time()
            if self._next_slot < now - CATCH_UP:
                self._next_slot = now
            pause = self._next_slot - now
            if pause > 0:
                await asyncio.sleep(pause)
            self._next_slot += self._interval
            await self._slots.acquire()
            self._inflight.add(chat)
            worker = asyncio.create_task(self._send_head(chat))
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)

    async def _load(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            items = await self._delivery.pending_after(self._last_id)
            for item in items:
                self._queues.setdefault(item.chat_id, deque()).append(item)
                self._last_id = item.id
                self._schedule(item.chat_id, loop.time())
            if len(items) < 1000:
                return

    def _schedule(self, chat: int, now: float) -> None:
        if chat in self._inflight or chat in self._scheduled or not self._queues.get(chat):
            return
        self._scheduled.add(chat)
        at = self._not_before.get(chat, 0.0)
        if at <= now:
            self._ready[self._queues[chat][0].notice.lane].append(chat)
        else:
            heapq.heappush(self._later, (at, chat))

    def _promote(self, now: float) -> None:
        while self._later and self._later[0][0] <= now:
            _, chat = heapq.heappop(self._later)
            queue = self._queues.get(chat)
            if queue:
                self._ready[queue[0].notice.lane].append(chat)
            else:
                self._scheduled.discard(chat)

    def _pop_ready(self) -> int | None:
        for lane in self._ready:
            while lane:
                chat = lane.popleft()
                self._scheduled.discard(chat)
                if self._queues.get(chat) and chat not in self._inflight:
                    return chat
        return None

    async def _send_head(self, chat: int) -> None:
        loop = asyncio.get_running_loop()
        queue = self._queues[chat]
        item = queue[0]
        wait = self._chat_gap
        try:
            wait = await self._attempt(item, queue)
        except Exception:
            # Our own failure (the database, a bug): keep the message and try again later.
            log.exception("sending outbox item %s failed", item.id)
            wait = self._backoff(item.id)
        finally:
            now = loop.time()
            self._inflight.discard(chat)
            self._not_before[chat] = now + wait
            if not queue:
                self._queues.pop(chat, None)
                if len(self._not_before) > 50_000:
                    self._not_before = {c: t for c, t in self._not_before.items() if t > now}
            self._schedule(chat, now)
            self._slots.release()
            self._kick.set()

    async def _attempt(self, item: n.OutboxItem, queue: deque[n.OutboxItem]) -> float:
        """Try to send the head of a chat's queue; how long the chat must wait before its next."""
        # A rendering failure is ours: it propagates, and the message is kept for a retry.
        outgoing = render(item.notice, self._bot.username)
        try:
            message_id = await self._call(item, outgoing)
        except RetryAfter as exc:
            seconds = exc.retry_after
            wait = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
            log.warning("429 for chat %s: waiting %.0f s", item.chat_id, wait)
            return max(wait, self._chat_gap)
        except Forbidden:
            dropped = set(await self._delivery.unreachable(item.chat_id))
            remaining = [i for i in queue if i.id not in dropped]
            queue.clear()
            queue.extend(remaining)
            return self._chat_gap
        except BadRequest as exc:
            if isinstance(item.notice, n.Relay) and "not found" in exc.message.lower():
                queue[0] = await self._delivery.media_gone(item)
                return self._chat_gap
            log.warning("outbox item %s refused: %s", item.id, exc.message)
            await self._delivery.discard(item)
            queue.popleft()
            return self._chat_gap
        except NetworkError as exc:
            wait = self._backoff(item.id)
            if (
                self._failures[item.id] >= GIVE_UP_AFTER
                and self._last_sent > self._first_failure[item.id]
            ):
                log.error(
                    "outbox item %s failed %s times while others went out: %s",
                    item.id,
                    GIVE_UP_AFTER,
                    exc,
                )
                return await self._give_up(item, queue)
            log.warning("network trouble sending item %s (%s); retry in %.0f s", item.id, exc, wait)
            return wait
        except TelegramError as exc:
            log.error("outbox item %s failed for good: %s", item.id, exc)
            return await self._give_up(item, queue)
        except Exception:
            # The request went out but its reply could not be read: it may well have arrived,
            # and sending it again could show it twice.
            log.exception("outbox item %s: Telegram's reply could not be read", item.id)
            return await self._give_up(item, queue)
        self._last_sent = asyncio.get_running_loop().time()
        await self._acknowledge(item, message_id)
        queue.popleft()
        self._forget(item.id)
        return self._chat_gap

    async def _give_up(self, item: n.OutboxItem, queue: deque[n.OutboxItem]) -> float:
        """Stop trying a message: a relayed answer becomes a note saying so; others are dropped."""
        self._forget(item.id)
        if isinstance(item.notice, n.Relay):
            queue[0] = await self._delivery.media_gone(item, deleted=False)
        else:
            await self._delivery.discard(item)
            queue.popleft()
        return self._chat_gap

    def _forget(self, item_id: int) -> None:
        self._failures.pop(item_id, None)
        self._first_failure.pop(item_id, None)

    async def _acknowledge(self, item: n.OutboxItem, message_id: int) -> None:
        """Record a sent message, together with the others sent meanwhile."""
        done = asyncio.get_running_loop().create_future()
        self._acks.append((item, message_id, done))
        if len(self._acks) >= min(self._ack_batch, len(self._inflight)):
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

    def _backoff(self, item_id: int) -> float:
        failures = self._failures.get(item_id, 0) + 1
        self._failures[item_id] = failures
        self._first_failure.setdefault(item_id, asyncio.get_running_loop().time())
        return float(min(2 ** (failures - 1), MAX_BACKOFF))

    async def _call(self, item: n.OutboxItem, outgoing: Text | Copy) -> int:
        if isinstance(outgoing, Text):
            message = await self._bot.send_message(
                chat_id=item.chat_id,
                text=outgoing.text,
                parse_mode=ParseMode.HTML,
                reply_markup=outgoing.keyboard,
                link_preview_options=_NO_PREVIEW,
            )
            return message.message_id
        assert isinstance(outgoing, Copy)
        copied = await self._bot.copy_message(
            chat_id=item.chat_id,
            from_chat_id=outgoing.from_chat_id,
            message_id=outgoing.message_id,
        )
        return copied.message_id
