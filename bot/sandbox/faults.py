"""Injected faults (fail_next) and Telegram-like flood limits (429 with retry_after)."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from .errors import ApiError, default_description, too_many_requests

# A "fault" that answers 200 after the call took effect, with a result no client can read.
GARBLED = 200
# Methods a fault without a method name never hits: failing the long poll is opt-in.
_NOT_BY_DEFAULT = frozenset({"getupdates"})


@dataclass
class Fault:
    """One planned failure: which call it hits, how it answers, how many more times."""

    method: str | None
    chat_id: int | None
    status: int
    retry_after: int
    description: str | None
    times: int
    deliver: bool = False  # run the method first, then fail: the client never learns it worked
    page: bool = False  # answer with a proxy's HTML error page instead of Telegram's JSON

    def matches(self, method: str, chat_id: object) -> bool:
        """Whether a call of this method to this chat should fail."""
        if self.method is None:
            if method.lower() in _NOT_BY_DEFAULT:
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        """The answer this fault gives (status 0 is handled by the server: no answer)."""
        description = self.description or default_description(self.status, self.retry_after)
        retry_after = self.retry_after if self.status == 429 else None
        return ApiError(self.status, description, retry_after, page=self.page)


class Faults:
    """The faults still planned, consumed first come first served."""

    def __init__(self) -> None:
        self._planned: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Plan a fault."""
        if fault.times > 0:
            self._planned.append(fault)

    def take(self, method: str, chat_id: object) -> Fault | None:
        """The fault for this call, if one is planned; uses up one of its times."""
        for fault in self._planned:
            if fault.matches(method, chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    self._planned.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        """Forget every planned fault."""
        self._planned.clear()

    def __len__(self) -> int:
        return len(self._planned)


class RateWindow:
    """At most `rate` sends per second per key, over a sliding window, as flood control."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.window = max(1.0, 1.0 / rate)
        self.capacity = max(1, math.floor(rate * self.window + 1e-9))
        self._sent: dict[object, deque[float]] = {}

    def wait(self, key: object, now: float) -> float:
        """Seconds until one more send for this key is allowed (0 if allowed now)."""
        sent = self._sent.get(key)
        if not sent:
            return 0.0
        while sent and sent[0] <= now - self.window:
            sent.popleft()
        if len(sent) < self.capacity:
            return 0.0
        return sent[0] + self.window - now

    def note(self, key: object, now: float) -> None:
        """Count one send for this key."""
        sent = self._sent.setdefault(key, deque())
        sent.append(now)
        if len(self._sent) > 10_000:
            self._prune(now)

    def _prune(self, now: float) -> None:
        for key in [k for k, v in self._sent.items() if not v or v[-1] <= now - self.window]:
            del self._sent[key]


def check_rates(windows: list[tuple[RateWindow, object]], now: float) -> None:
    """Raise 429 with retry_after (whole seconds, at least 1) if any window is full."""
    wait = max((window.wait(key, now) for window, key in windows), default=0.0)
    if wait > 0:
        raise too_many_requests(max(1, math.ceil(wait)))
