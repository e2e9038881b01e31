"""The record of Bot API calls and the counters behind /_sandbox/stats."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from typing import Any


@dataclass
class Call:
    """One Bot API call: method, decoded params, arrival (loop.time()), HTTP status (0: dropped)."""

    method: str
    params: dict[str, Any]
    at: float
    status: int


class Recorder:
    """Keeps calls (when recording) and always keeps cheap counters."""

    def __init__(self, record: bool = True) -> None:
        self.record = record
        self.calls: list[Call] = []
        self.by_method: Counter[str] = Counter()
        self.by_status: Counter[int] = Counter()
        self.sent_messages = 0
        self.first_send_at: float | None = None
        self.last_send_at: float | None = None
        # Sends of the last second, for the busiest second seen (how close to the limit).
        self._last_second: deque[float] = deque()
        self.busiest_second = 0

    def add(self, call: Call) -> None:
        """Count a finished call, and keep it when recording."""
        self.by_method[call.method] += 1
        self.by_status[call.status] += 1
        if self.record:
            self.calls.append(call)

    def sent(self, at: float) -> None:
        """Count one message the bot put into a chat."""
        self.sent_messages += 1
        if self.first_send_at is None:
            self.first_send_at = at
        self.last_send_at = at
        self._last_second.append(at)
        while self._last_second[0] <= at - 1.0:
            self._last_second.popleft()
        self.busiest_second = max(self.busiest_second, len(self._last_second))

    def stats(self) -> dict[str, Any]:
        """Counts by method and status, messages sent, first and last send time, and the most
        sends in any one second."""
        return {
            "calls": dict(self.by_method),
            "status": {str(code): n for code, n in sorted(self.by_status.items())},
            "sent_messages": self.sent_messages,
            "first_send_at": self.first_send_at,
            "last_send_at": self.last_send_at,
            "busiest_second": self.busiest_second,
        }
