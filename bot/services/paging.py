"""Lists read a page at a time and turned in place (/history, /ideas): the first page, or a
refusal that changes nothing when a page button no longer stands for a page of the pair."""

import logging
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from bot.domain import notices as n
from bot.services.deps import Deps
from bot.services.members import Members, members_of
from bot.services.work import Work, begin

log = logging.getLogger(__name__)

# Why a page button changed nothing: what it names is not on the tapper's pair's list (forged,
# stale, another pair's), or the tapper's pair has ended.
Refused = Literal["gone", "ended"]

P = TypeVar("P", bound=n.Notice)
# The page that begins at an item (the newest page if None), as the user reads it; None if
# there is no such page.
PageOf = Callable[[Work, Members, int | None], Awaitable[P | None]]


async def show_newest(
    deps: Deps, user_id: int, page_of: PageOf[P], empty: Callable[[str], n.Notice]
) -> None:
    """Send the newest page, or the kind word for a list with nothing in it yet."""
    async with begin(deps) as work:
        found = await work.members(user_id)
        page = await page_of(work, found, None)
        await work.tell(user_id, page if page is not None else empty(found.partner.first_name))


async def page_at(deps: Deps, user_id: int, start: int, page_of: PageOf[P]) -> P | Refused:
    """The page beginning at `start`, to show in place of the page tapped; changes nothing."""
    async with begin(deps) as work:
        found = await members_of(work.tx, user_id)
        if found is None:
            return "ended"
        page = await page_of(work, found, start)
    if page is None:
        log.info("user %s asked for a page at %s, not on their pair's list", user_id, start)
        return "gone"
    return page
