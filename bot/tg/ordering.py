"""Updates from one chat are handled in the order they came; different chats run concurrently."""

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatOrder(BaseUpdateProcessor):
    """An answer and its edit, or two taps, never race each other."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # Each chat's lock and how many updates hold or wait for it. The lock is dropped only
        # when none does: `not lock.locked()` is also true in the moment after a release,
        # before the woken waiter runs, and a newcomer must not get a fresh lock then.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    # PTB marks process_update final: it takes a shared slot first, then calls
    # do_process_update. Updates that wait there for their chat's turn would hold every slot
    # while a busy chat queues up, and other chats would wait behind them. So the chat's turn
    # comes first, and only then the slot (the base method, unchanged).
    async def process_update(  # type: ignore[misc]
        self, update: object, coroutine: Awaitable[object]
    ) -> None:
        """Wait for the chat's turn, then for a shared slot, then run the update."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await super().process_update(update, coroutine)
            return
        async with self._turn(chat.id):
            await super().process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        """Run the update: its chat's turn and a slot are already taken."""
        await coroutine

    @asynccontextmanager
    async def _turn(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's lock; updates of one chat get it in the order they asked."""
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
