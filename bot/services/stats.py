"""/stats: the pair's rhythm together, gathered for the reader; never a scolding word."""

import logging

from bot.domain import notices as n
from bot.domain.prompts import THEMES
from bot.domain.rhythm import this_week, week_start, weeks_in_a_row
from bot.services.deps import Deps
from bot.services.work import begin
from bot.storage import pairs, stats

log = logging.getLogger(__name__)


class PairStats:
    """`/stats`."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def show(self, user_id: int) -> None:
        """What the pair has done together so far, and how this week goes."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            pair, now, tx = found.pair, work.now, work.tx
            revealed = await stats.revealed_moments(tx, pair.id)
            pauses = await pairs.pauses_of(tx, pair.id, now)
            week = this_week(
                await stats.opened_since(tx, pair.id, week_start(pair.created_at, now))
            )
            prompts = await stats.revealed_prompts(tx, pair.id)
            themes: set[str] = set()
            for prompt_id, theme, _ in prompts:
                # The library knows every theme a prompt touches; a round stores its main one.
                prompt = self._deps.library.prompt(prompt_id)
                themes.update(prompt.themes if prompt is not None else (theme,))
            sent, received = await stats.appreciations_between(tx, pair.id, user_id)
            await work.tell(
                user_id,
                n.Stats(
                    partner_name=found.partner.first_name,
                    days_together=(now - pair.created_at).days,
                    rounds_together=len(revealed),
                    appreciations_sent=sent,
                    appreciations_received=received,
                    themes=len(themes & THEMES.keys()),
                    themes_total=len(THEMES),
                    deepest=max((depth for _, _, depth in prompts), default=0),
                    weeks_in_a_row=weeks_in_a_row(pair.created_at, now, revealed, pauses),
                    week_together=week.together,
                    week_opened=week.opened,
                ),
            )
            log.info("stats shown to user %s of pair %s", user_id, pair.id)
