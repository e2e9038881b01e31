"""The ceiling: a bare python-telegram-bot loop that only calls send_message, as fast as it can.

`python -m bench.bare --base-url URL --first-chat N --count C --concurrency K` sends one message
to each of C chats with K sends in flight (the bot's own concurrency), the same message a
scheduled prompt becomes, and prints JSON: when it started and ended (time.monotonic()), how
many were sent and the CPU seconds it used.
"""

import argparse
import asyncio
import json
import os
import time

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.request import HTTPXRequest

from bot.domain import notices as n
from bot.domain.prompts import PromptKind
from bot.sandbox import DEFAULT_TOKEN
from bot.tg.render import Text, render

POOL_EXTRA = 8  # the bot's pool is its send concurrency + 8 (bot/app.py)


async def blast(base_url: str, first_chat: int, count: int, concurrency: int) -> dict[str, float]:
    request = HTTPXRequest(connection_pool_size=concurrency + POOL_EXTRA)
    bot = Bot(DEFAULT_TOKEN, base_url=base_url, request=request)
    async with bot:
        notice = n.PromptMessage(
            round_id=1,
            text="What is one small thing your partner did this week that you noticed?",
            kind=PromptKind.QUESTION,
            theme="everyday",
            can_swap=True,
            scheduled=True,
        )
        outgoing = render(notice, bot.username)
        assert isinstance(outgoing, Text)
        chats = iter(range(first_chat, first_chat + count))
        no_preview = LinkPreviewOptions(is_disabled=True)
        sent = 0

        async def worker() -> None:
            nonlocal sent
            for chat in chats:
                await bot.send_message(
                    chat_id=chat,
                    text=outgoing.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=outgoing.keyboard,
                    link_preview_options=no_preview,
                )
                sent += 1

        cpu_before = sum(os.times()[:2])
        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        ended = time.monotonic()
        cpu = sum(os.times()[:2]) - cpu_before
    return {"started": started, "ended": ended, "sent": sent, "cpu_seconds": cpu}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare", description=__doc__)
    parser.add_argument("--base-url", required=True, help="the sandbox's Bot API base URL")
    parser.add_argument("--first-chat", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    args = parser.parse_args(argv)
    result = asyncio.run(blast(args.base_url, args.first_chat, args.count, args.concurrency))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
