"""The pair's list: the ideas both said yes to, a page at a time, and which were done."""

import logging
from datetime import tzinfo

from bot.domain import notices as n
from bot.domain.ideas import IdeaBook
from bot.domain.schedule import local_date
from bot.domain.zones import zone
from bot.services.deps import Deps
from bot.services.members import Members
from bot.services.paging import Refused, page_at, show_newest
from bot.services.work import Work
from bot.storage import idea_list
from bot.storage.idea_list import Listed

log = logging.getLogger(__name__)

PAGE_SIZE = 6


def _listed(book: IdeaBook, item: Listed, tz: tzinfo) -> n.ListedIdea:
    idea = book.idea(item.idea_id)
    day = local_date(item.accepted_at, tz).isoformat()
    return n.ListedIdea(idea.text if idea is not None else "", day, item.done)


async def _page(work: Work, found: Members, start: int | None) -> n.IdeaListPage | None:
    """The page that begins with the accepted idea `start` (the newest if None), as the user
    reads it; None if there is no such page."""
    pair_id, tz = found.pair.id, zone(found.user.timezone)
    listed = await idea_list.page(work.tx, pair_id, start, PAGE_SIZE + 1)
    if not listed or (start is not None and listed[0].id != start):
        return None
    shown, rest = listed[:PAGE_SIZE], listed[PAGE_SIZE:]
    return n.IdeaListPage(
        partner_name=found.partner.first_name,
        total=await idea_list.count(work.tx, pair_id),
        ideas=tuple(_listed(work.deps.ideas, item, tz) for item in shown),
        older=rest[0].id if rest else None,
        newer=await idea_list.newer_page(work.tx, pair_id, shown[0].id, PAGE_SIZE),
    )


class IdeaLists:
    """`/ideas` and its page buttons."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def show(self, user_id: int) -> None:
        """The newest page of the pair's list, or a warm word that it fills from /idea."""
        await show_newest(self._deps, user_id, _page, n.IdeaListEmpty)

    async def turn_to(self, user_id: int, pair_idea_id: int) -> n.IdeaListPage | Refused:
        """The page beginning with an accepted idea, to show in place; changes nothing."""
        return await page_at(self._deps, user_id, pair_idea_id, _page)
