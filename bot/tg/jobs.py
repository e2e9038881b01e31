"""The tick: one repeating job that asks the services for work that has fallen due."""

import logging

from telegram.ext import ContextTypes

from bot.tg.handlers.common import services

log = logging.getLogger(__name__)


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queue every prompt that is due; the sender takes it from there."""
    await services(context).due.run()
    context.bot_data["ticks"] = context.bot_data.get("ticks", 0) + 1
