"""Updates from one chat are handled in the order they came; different chats run concurrently."""

from collections.abc import Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.tg.turns import Turns


class PerChatOrder(BaseUpdateProcessor):
    """An answer and its edit, or two taps, never race each other."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats = Turns()

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
        async with self._chats.turn(chat.id):
            await super().process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        """Run the update: its chat's turn and a slot are already taken."""
        await coroutine

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
