"""A unit of work: one service call's transaction, its moment, and what it tells whom.

    async with begin(self._deps) as work:
        found = await work.members(user_id)  # not in a pair: told so, and the work stops
        await work.tell(found.partner.id, n.Something())

`work.refuse(chat_id, notice)`, and `user` or `members` for someone who never started or is
not in a pair, queue the notice that says why and stop the work: the rest of the block is
skipped (also when a function it calls refused), and the transaction commits, the notice with
whatever came before it. Code after the block runs after a stop too: keep the work inside it.
"""

from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import NoReturn

from bot.domain import notices as n
from bot.domain.people import User
from bot.services.deps import Deps
from bot.services.members import Members, members_of, members_with
from bot.storage import users
from bot.storage.db import Tx
from bot.storage.outbox import enqueue


class _Stopped(Exception):
    """The user has been told why the call cannot go on; nothing more is to be done."""


@dataclass(frozen=True)
class Work:
    """An open unit of work: everything a service step needs."""

    deps: Deps
    tx: Tx
    now: datetime

    async def tell(self, chat_id: int, *notices: n.Notice) -> None:
        """Queue notices for one chat, to be sent once the work commits."""
        await enqueue(self.tx, self.now, *((chat_id, notice) for notice in notices))

    async def tell_each(self, messages: Iterable[tuple[int, n.Notice]]) -> None:
        """Queue (chat id, notice) pairs, in order, to be sent once the work commits."""
        await enqueue(self.tx, self.now, *messages)

    async def user(self, user_id: int) -> User:
        """The user; one who never started is told so and the work stops."""
        found = await users.get_user(self.tx, user_id)
        if found is None:
            await self.refuse(user_id, n.NotRegistered())
        return found

    async def members(self, user_id: int) -> Members:
        """The user, their partner and pair; one not in a pair is told so and the work stops."""
        found = await members_of(self.tx, user_id)
        if found is None:
            await self.refuse(user_id, n.NotPaired())
        return found

    async def members_with(self, user: User) -> Members:
        """`members` for a user already loaded."""
        found = await members_with(self.tx, user)
        if found is None:
            await self.refuse(user.id, n.NotPaired())
        return found

    async def refuse(self, chat_id: int, notice: n.Notice) -> NoReturn:
        """Tell the chat why the call cannot go on, and stop the work."""
        await self.tell(chat_id, notice)
        raise _Stopped


class _Unit:
    """The context manager behind `begin`: a transaction that a stop commits."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._transaction = deps.db.transaction()

    async def __aenter__(self) -> Work:
        now = self._deps.clock.now()
        return Work(self._deps, await self._transaction.__aenter__(), now)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if isinstance(exc, _Stopped):
            # The user was told why, in this transaction: that, and all before it, commits.
            await self._transaction.__aexit__(None, None, None)
            return True
        await self._transaction.__aexit__(exc_type, exc, traceback)
        return False


def begin(deps: Deps) -> AbstractAsyncContextManager[Work, bool]:
    """Open a unit of work: one transaction, at the clock's current moment."""
    return _Unit(deps)
