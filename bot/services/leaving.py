"""Leaving: `/unpair` ends the pair; `/deletemydata` also deletes every row about the user."""

import logging

from bot.domain import notices as n
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.storage import appreciations, pairs, rounds, users
from bot.storage.db import Tx
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)


class Leaving:
    """Unpair, and delete my data; both ask for confirmation first."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def ask_unpair(self, user_id: int) -> None:
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            notice: n.Notice = n.UnpairConfirm(found.partner.first_name) if found else n.NotPaired()
            await enqueue(tx, now, (user_id, notice))

    async def ask_delete(self, user_id: int) -> None:
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            await enqueue(tx, now, (user_id, n.DeleteConfirm()))

    async def cancel(self, user_id: int) -> None:
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            await enqueue(tx, now, (user_id, n.Cancelled()))

    async def unpair(self, user_id: int) -> None:
        """End the pair; the partner is told."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is None:
                await enqueue(tx, now, (user_id, n.NotPaired()))
                return
            await self._end(tx, found)
            await enqueue(
                tx,
                now,
                (user_id, n.Unpaired(found.partner.first_name)),
                (found.partner.id, n.PartnerUnpaired(found.user.first_name)),
            )
        log.info("pair %s ended by user %s", found.pair.id, user_id)

    async def delete_my_data(self, user_id: int) -> None:
        """Every row about the user goes; a pair ends and the partner is told."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            found = await members_of(tx, user_id)
            if found is not None:
                await self._end(tx, found)
                await enqueue(tx, now, (found.partner.id, n.PartnerLeft(found.user.first_name)))
            await users.delete_user(tx, user_id)
            await enqueue(tx, now, (user_id, n.DataDeleted()))
        log.info("user %s deleted their data", user_id)

    async def _end(self, tx: Tx, found: Members) -> None:
        """Unrevealed answers deleted; held appreciations dropped, their senders told."""
        now = self._deps.clock.now()
        await rounds.delete_unrevealed_answers(tx, found.pair.id)
        dropped = await appreciations.drop_held(tx, found.pair.id)
        names = {found.user.id: found.partner.first_name, found.partner.id: found.user.first_name}
        await enqueue(
            tx,
            now,
            *((sender, n.HeldDropped(names[sender], count)) for sender, count in dropped.items()),
        )
        await pairs.end_pair(tx, found.pair.id, now)
        await users.leave_pair(tx, found.pair.id)
