"""Leaving: `/unpair` ends the pair; `/deletemydata` also deletes every row about the user."""

import logging

from bot.domain import notices as n
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.work import Work, begin
from bot.storage import appreciations, pairs, rounds, users

log = logging.getLogger(__name__)


async def _end_pair(work: Work, found: Members) -> None:
    """Unrevealed answers deleted; held appreciations dropped, their senders told."""
    await rounds.delete_unrevealed_answers(work.tx, found.pair.id)
    dropped = await appreciations.drop_held(work.tx, found.pair.id)
    names = {found.user.id: found.partner.first_name, found.partner.id: found.user.first_name}
    await work.tell_each(
        (sender, n.HeldDropped(names[sender], count)) for sender, count in dropped.items()
    )
    await pairs.end_pair(work.tx, found.pair.id, work.now)
    await users.leave_pair(work.tx, found.pair.id)


class Leaving:
    """Unpair, and delete my data; both ask for confirmation first."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def ask_unpair(self, user_id: int) -> None:
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            await work.tell(user_id, n.UnpairConfirm(found.partner.first_name, found.pair.id))

    async def ask_delete(self, user_id: int) -> None:
        async with begin(self._deps) as work:
            await work.tell(user_id, n.DeleteConfirm())

    async def cancel(self, user_id: int) -> None:
        async with begin(self._deps) as work:
            await work.tell(user_id, n.Cancelled())

    async def unpair(self, user_id: int, pair_id: int) -> None:
        """End the pair the user confirmed ending; the partner is told."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            if found.pair.id != pair_id:
                # A "yes" from an older question, about a pair that is not this one.
                await work.refuse(user_id, n.ButtonGone())
            await _end_pair(work, found)
            await work.tell(user_id, n.Unpaired(found.partner.first_name))
            await work.tell(found.partner.id, n.PartnerUnpaired(found.user.first_name))
            log.info("pair %s ended by user %s", found.pair.id, user_id)

    async def delete_my_data(self, user_id: int) -> None:
        """Every row about the user goes; a pair ends and the partner is told."""
        async with begin(self._deps) as work:
            found = await members_of(work.tx, user_id)
            if found is not None:
                await _end_pair(work, found)
                await work.tell(found.partner.id, n.PartnerLeft(found.user.first_name))
            await users.delete_user(work.tx, user_id)
            await work.tell(user_id, n.DataDeleted())
            log.info("user %s deleted their data", user_id)
