"""When each queued message may go: per-chat order and gap, the overall pace, Telegram's
retry_after, and gentle probing while Telegram cannot be reached. Pure: time is passed in.

A chat has at most one message in flight and waits 1/chat_rate seconds (or retry_after) before
its next. Requests leave on a grid 1/rate apart (`Grid`), taken once a message is ready to go
(a picture drawn, a file found), so any second holds at most rate + 1 of them however long
getting ready took and even when the caller wakes late. When a send fails on the network and no
message has gone through since that one's last try, Telegram is taken to be unreachable: every
chat is held, and one probe at a time goes out every PROBE_GAP seconds: a waiting message, or a
cheap getMe when the only ones waiting have failed more than once, and after getMe answers a
held message again. The first message that goes through releases every held chat. A message
that fails again after others went through is the message's trouble, not Telegram's (a strike):
it backs off on its own and is given up after GIVE_UP_AFTER tries. Failures while messages
cannot get through are never strikes, however long that lasts, even when getMe answers
meanwhile (a proxy may drop every send and let getMe by); only a lone waiting message takes
getMe's answer as a sign the trouble is its own.
"""

import heapq
from collections import deque
from dataclasses import dataclass
from enum import Enum

from bot.domain.notices import OutboxItem

MAX_BACKOFF = 300.0
GIVE_UP_AFTER = 4
# While Telegram is unreachable: seconds between probes, so that recovery is seen within one.
PROBE_GAP = 0.5
# How late a request may leave and still keep its place on the grid (seconds).
CATCH_UP = 0.005
# A timer may fire this much before its time; waiting again for so little is not worth it.
EARLY = 0.001


@dataclass(frozen=True)
class Probe:
    """Ask Telegram whether it answers at all (getMe), then tell `Pacing.probed`."""


PROBE = Probe()


@dataclass(frozen=True)
class Sent:
    """Telegram took the message."""


@dataclass(frozen=True)
class Removed:
    """These of the chat's messages leave its queue (refused for good, or the chat is gone)."""

    ids: frozenset[int]


@dataclass(frozen=True)
class Replaced:
    """The head of the chat's queue becomes this message (a note in place of a lost copy)."""

    item: OutboxItem


@dataclass(frozen=True)
class Later:
    """Try the chat again after this many seconds (Telegram's retry_after, or our own fault)."""

    seconds: float


class Failure(Enum):
    """What a network failure means for the message that met it."""

    HOLD = "hold"  # Telegram seems unreachable: wait with the others for it to come back
    BACK_OFF = "back off"  # others go out meanwhile: this message waits on its own
    GIVE_UP = "give up"  # it has failed too often while others went out


@dataclass(frozen=True)
class Failed:
    """The send failed on the network; `failure` is what `Pacing.failed` made of it."""

    failure: Failure


Outcome = Sent | Removed | Replaced | Later | Failed


class Grid:
    """The moments requests may leave, 1/rate apart, taken one request at a time."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate
        self._next = float("-inf")

    def until_next(self, now: float) -> float:
        """Seconds until the next request may leave (0: now)."""
        wait = self._next - now
        return wait if wait > EARLY else 0.0

    def leave(self, now: float) -> None:
        """A request leaves now."""
        # Waking a little late (timer granularity) is made up at the next request instead of
        # adding up; after a longer delay (a busy event loop) the next one waits a whole
        # interval from now, so late requests never leave in a burst.
        late = now - self._next
        self._next = (now if late > CATCH_UP else self._next) + self._interval


class Pacing:
    """The queues of messages per chat, and which chat's head may be sent next."""

    def __init__(self, *, chat_rate: float, concurrency: int) -> None:
        self._chat_gap = 1.0 / chat_rate
        self._concurrency = concurrency
        self._queues: dict[int, deque[OutboxItem]] = {}
        self._ready: tuple[deque[int], deque[int]] = (deque(), deque())
        self._later: list[tuple[float, int]] = []
        self._scheduled: set[int] = set()
        self._inflight: set[int] = set()
        # Messages on their way whose rows were deleted meanwhile (`drop`).
        self._gone: set[int] = set()
        self._not_before: dict[int, float] = {}
        # Chats held while Telegram is unreachable, oldest first (a dict keeps the order).
        self._held: dict[int, None] = {}
        # Per message that failed on the network: when last, how many tries, how many strikes.
        self._last_failed: dict[int, float] = {}
        self._tries: dict[int, int] = {}
        self._strikes: dict[int, int] = {}
        self._probing = False
        self._probe_chat: int | None = None
        # getMe answered: the next probe is a held message, however often it failed.
        self._message_next = False
        # When a message last went through (or met an answer from Telegram), and getMe.
        self._last_answer = float("-inf")
        self._last_getme = float("-inf")
        self._last_probe = float("-inf")
        self.unreachable_since: float | None = None

    def add(self, item: OutboxItem, now: float) -> None:
        """Queue a message behind the others for its chat."""
        self._queues.setdefault(item.chat_id, deque()).append(item)
        if item.chat_id not in self._held:
            self._schedule(item.chat_id, now)

    def next(self, now: float) -> OutboxItem | Probe | float | None:
        """The message to send now (its chat is then in flight), or a probe to make, else how
        many seconds until one may be due, else None: nothing is, until a message is added or
        a send finishes."""
        self._promote(now)
        if len(self._inflight) >= self._concurrency:
            return None
        if self.unreachable_since is not None:
            return self._probe(now)
        chat = self._pop_ready()
        if chat is None:
            return self._until_later(now)
        return self._start(chat)

    def failed(self, item: OutboxItem, now: float) -> Failure:
        """Note a network failure of this message and say what it means."""
        last = self._last_failed.get(item.id)
        self._last_failed[item.id] = now
        self._tries[item.id] = self._tries.get(item.id, 0) + 1
        if last is None or not self._own_trouble(last):
            # Nothing says messages can get through: Telegram (or the way there) is the trouble.
            return Failure.HOLD
        strikes = self._strikes[item.id] = self._strikes.get(item.id, 0) + 1
        return Failure.GIVE_UP if strikes >= GIVE_UP_AFTER - 1 else Failure.BACK_OFF

    def probed(self, answered: bool, now: float) -> None:
        """What the getMe probe found. An answer is not yet a way through for messages (a
        proxy may drop sends while getMe goes by): a held message is the next probe, and only
        a send that goes through releases the others."""
        self._probing = False
        if answered:
            self._last_getme = now
            self._message_next = True

    def finish(self, item: OutboxItem, outcome: Outcome, now: float) -> None:
        """Record what became of a send; its chat is free for its next message."""
        chat = item.chat_id
        self._inflight.discard(chat)
        if chat == self._probe_chat:
            self._probe_chat = None
        queue = self._queues[chat]
        wait = self._chat_gap
        gone = item.id in self._gone
        if isinstance(outcome, Sent) or not (gone or isinstance(outcome, Failed)):
            # Telegram answered (or we failed on our side): it can be reached.
            self._last_answer = now
            self._recover(now)
        if gone:
            # Its row went while it was on its way: whatever became of it, it goes no more.
            self._gone.discard(item.id)
            if isinstance(outcome, Failed) and self.unreachable_since is None:
                self.unreachable_since = self._last_probe = now
            if not isinstance(outcome, Sent):
                outcome = Removed(frozenset({item.id}))
        match outcome:
            case Sent():
                queue.popleft()
                self._forget(item.id)
            case Removed(ids):
                kept = [queued for queued in queue if queued.id not in ids]
                queue.clear()
                queue.extend(kept)
                for removed in ids:
                    self._forget(removed)
            case Replaced(replacement):
                queue[0] = replacement
                self._forget(item.id)
            case Later(seconds):
                wait = max(seconds, self._chat_gap)
            case Failed(Failure.HOLD):
                self._held[chat] = None
                if self.unreachable_since is None:
                    self.unreachable_since = now
                    self._last_probe = now
                return
            case Failed(_):
                wait = min(2.0 ** self._strikes[item.id], MAX_BACKOFF)
        self._not_before[chat] = now + wait
        if not queue:
            del self._queues[chat]
            if len(self._not_before) > 50_000:
                self._not_before = {c: t for c, t in self._not_before.items() if t > now}
        self._schedule(chat, now)

    def drop(self, chat: int) -> None:
        """Forget the chat's messages (their rows are gone). One already on its way cannot be
        called back, but it is not tried again (`gone`); the chat starts afresh."""
        queue = self._queues.pop(chat, None)
        if not queue:
            return
        for item in queue:
            self._forget(item.id)
        if chat in self._inflight:
            self._gone.add(queue[0].id)
            self._queues[chat] = deque([queue[0]])
            return
        # Rare (a user deleting their data): worth a pass over the schedule, so that a new
        # message of this chat waits for no old back-off.
        self._held.pop(chat, None)
        self._not_before.pop(chat, None)
        self._scheduled.discard(chat)
        self._later = [(at, c) for at, c in self._later if c != chat]
        heapq.heapify(self._later)
        for lane in self._ready:
            kept = [c for c in lane if c != chat]
            lane.clear()
            lane.extend(kept)

    def gone(self, item: OutboxItem) -> bool:
        """Whether the message's row went while it was on its way: do not send it."""
        return item.id in self._gone

    def holding(self, chat: int) -> bool:
        """Whether a message of this chat, started before Telegram was found away, should wait
        with the others instead of going (it is not the probe)."""
        return self.unreachable_since is not None and chat != self._probe_chat

    def idle(self) -> bool:
        """No message queued and none in flight."""
        return not self._queues and not self._inflight and not self._probing

    def in_flight(self) -> int:
        return len(self._inflight)

    def held(self) -> int:
        """How many chats wait for Telegram to come back."""
        return len(self._held)

    def _probe(self, now: float) -> OutboxItem | Probe | float | None:
        """One try at a time, PROBE_GAP apart, while Telegram seems unreachable: a waiting
        message, or getMe when the only ones waiting have failed more than once (a message
        Telegram keeps refusing must not pass for an outage that never ends)."""
        if self._inflight or self._probing:
            return None
        if not self._has_ready() and not self._held:
            return self._until_later(now)
        wait = self._last_probe + PROBE_GAP - now
        if wait > EARLY:
            return wait
        self._last_probe = now
        chat = self._pop_ready()
        if chat is None:
            chat = next(iter(self._held))
            if self._tries.get(self._queues[chat][0].id, 0) > 1 and not self._message_next:
                self._probing = True
                return PROBE
            self._message_next = False
            del self._held[chat]
        self._probe_chat = chat
        return self._start(chat)

    def _own_trouble(self, last: float) -> bool:
        """Whether a message failing again after its try at `last` is its own trouble: other
        messages went through since and none has found Telegram away again, or getMe answered
        since while this is the only chat waiting (with others waiting, getMe alone proves
        nothing: a proxy may drop every send and let getMe by)."""
        others_through = self._last_answer > last and self.unreachable_since is None
        alone = len(self._queues) == 1
        return others_through or (alone and self._last_getme > last)

    def _recover(self, now: float) -> None:
        """A send went through: every held chat may go again, ahead of the rest."""
        self.unreachable_since = None
        self._message_next = False
        for chat in reversed(self._held):
            self._not_before[chat] = now
            self._scheduled.add(chat)
            self._ready[self._queues[chat][0].notice.lane].appendleft(chat)
        self._held.clear()

    def _start(self, chat: int) -> OutboxItem:
        self._inflight.add(chat)
        return self._queues[chat][0]

    def _forget(self, item_id: int) -> None:
        self._last_failed.pop(item_id, None)
        self._tries.pop(item_id, None)
        self._strikes.pop(item_id, None)

    def _schedule(self, chat: int, now: float) -> None:
        if chat in self._inflight or chat in self._scheduled or not self._queues.get(chat):
            return
        self._scheduled.add(chat)
        at = self._not_before.get(chat, now)
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

    def _has_ready(self) -> bool:
        """Whether a chat may go now; drops entries that no longer stand for one."""
        for lane in self._ready:
            while lane:
                chat = lane[0]
                if self._queues.get(chat) and chat not in self._inflight:
                    return True
                lane.popleft()
                self._scheduled.discard(chat)
        return False

    def _pop_ready(self) -> int | None:
        if not self._has_ready():
            return None
        for lane in self._ready:
            if lane:
                chat = lane.popleft()
                self._scheduled.discard(chat)
                return chat
        return None

    def _until_later(self, now: float) -> float | None:
        return max(0.0, self._later[0][0] - now) if self._later else None
