"""Turns per key: one holder at a time, in the order they asked; no lock kept for idle keys."""

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager


class Turns:
    """A lock per key (a chat, a pair's picture), made when first asked for."""

    def __init__(self) -> None:
        # Each key's lock and how many hold or wait for it. The lock is dropped only when none
        # does: `not lock.locked()` is also true in the moment after a release, before the
        # woken waiter runs, and a newcomer must not get a fresh lock then.
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def turn(self, key: Hashable) -> AsyncIterator[None]:
        """Hold the key's lock for the block."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        """How many keys are held or waited for."""
        return len(self._locks)
