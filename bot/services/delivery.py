"""The sender's side of the outbox: what to send next, and what became of it."""

import logging
from datetime import date

from bot.domain import notices as n
from bot.domain.journal import Journal
from bot.services.deps import Deps
from bot.services.journal import read_journal
from bot.services.members import members_of
from bot.services.work import begin
from bot.storage import ideas, outbox, recaps, rounds, users

log = logging.getLogger(__name__)


class Delivery:
    """Claims and acknowledges outbox rows for the sender."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def pending_after(self, last_id: int, limit: int = 1000) -> list[n.OutboxItem]:
        async with self._deps.db.transaction() as tx:
            return await outbox.pending_after(tx, last_id, limit)

    async def delivered(self, item: n.OutboxItem, message_id: int) -> None:
        """The message went out: forget the row; remember which message shows which round, and
        which asks how an idea went."""
        await self.delivered_many([(item, message_id)])

    async def delivered_many(self, sent: list[tuple[n.OutboxItem, int]]) -> None:
        """Several messages went out (with their message ids): one transaction for all."""
        async with self._deps.db.transaction() as tx:
            await outbox.remove(tx, [item.id for item, _ in sent])
            for item, message_id in sent:
                if item.notice.shows_round:
                    round_id: int = getattr(item.notice, "round_id")  # noqa: B009
                    await rounds.record_prompt_message(tx, item.chat_id, message_id, round_id)
                if isinstance(item.notice, n.HowWasIt):
                    await ideas.record_story_message(
                        tx, item.chat_id, message_id, item.notice.pair_idea_id
                    )

    async def journal(self, pair_id: int, reader_id: int) -> Journal | None:
        """What goes into a journal being sent: what is kept at this moment."""
        async with self._deps.db.transaction() as tx:
            return await read_journal(tx, pair_id, reader_id, self._deps.clock.now())

    async def recap_picture(self, pair_id: int, week: str, digest: str) -> str | None:
        """Telegram's file_id of the pair's picture of the week that shows `digest`, once
        uploaded."""
        async with self._deps.db.transaction() as tx:
            return await recaps.picture(tx, pair_id, date.fromisoformat(week), digest)

    async def recap_uploaded(self, pair_id: int, week: str, digest: str, file_id: str) -> None:
        """The picture went up once: a partner shown the same is sent the same file."""
        async with self._deps.db.transaction() as tx:
            await recaps.remember_picture(
                tx, pair_id, date.fromisoformat(week), digest, file_id, self._deps.clock.now()
            )

    async def discard(self, item: n.OutboxItem) -> None:
        """Telegram refused this message for good: drop it so the chat's queue moves on."""
        async with self._deps.db.transaction() as tx:
            await outbox.remove(tx, [item.id])
        log.warning("outbox item %s to chat %s discarded", item.id, item.chat_id)

    async def unreachable(self, chat_id: int) -> list[int]:
        """The user blocked the bot or is gone: drop what was queued for them and tell the
        partner, once; prompts for the pair stop until the user comes back with /start."""
        async with begin(self._deps) as work:
            dropped = await outbox.drop_chat(work.tx, chat_id)
            if await users.set_reachable(work.tx, chat_id, False):
                found = await members_of(work.tx, chat_id)
                if found is not None:
                    await work.tell(found.partner.id, n.PartnerUnreachable(found.user.first_name))
        log.warning("chat %s unreachable; %d queued messages dropped", chat_id, len(dropped))
        return dropped

    async def media_gone(self, item: n.OutboxItem, *, deleted: bool = True) -> n.OutboxItem:
        """An answer to relay was deleted by its author, or Telegram would not take the copy:
        send a plain note in its place."""
        assert isinstance(item.notice, n.Relay)
        note = n.MediaGone(item.notice.partner_name, deleted, again=item.notice.again)
        async with self._deps.db.transaction() as tx:
            await outbox.replace_notice(tx, item.id, note)
        return n.OutboxItem(item.id, item.chat_id, note)
