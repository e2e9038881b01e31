"""HTTP to the Bot API, and one clear line for trouble reaching it."""

import json
import logging
import time
from typing import Any

from telegram.error import Conflict, NetworkError, TelegramError
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

# Trouble fetching updates is told at most this often (seconds); python-telegram-bot retries.
POLLING_WARNING_EVERY = 60.0


class TelegramRequest(HTTPXRequest):
    """python-telegram-bot's HTTP client, but an answer that is not JSON (a proxy's 502 page)
    is left to the caller to report in one line, not logged here with a traceback."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        try:
            parsed: dict[str, Any] = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as exc:
            raise TelegramError("Invalid server response") from exc
        return parsed


def gist(exc: TelegramError) -> str:
    """The first sentence of an error, without the page a proxy may have answered with."""
    return str(exc).split(". ", 1)[0][:120]


class PollingTrouble:
    """Says once that another process polls with our token (409), and at most once a minute
    that updates cannot be fetched; never a traceback for these known causes."""

    def __init__(self) -> None:
        self._told_conflict = False
        self._told_network_at = float("-inf")

    def __call__(self, exc: TelegramError) -> None:
        if isinstance(exc, Conflict):
            if not self._told_conflict:
                self._told_conflict = True
                log.warning(
                    "another process is fetching updates with this bot token (409 Conflict): "
                    "the two take turns and each misses updates; stop one of them"
                )
            return
        if isinstance(exc, NetworkError):
            now = time.monotonic()
            if now - self._told_network_at >= POLLING_WARNING_EVERY:
                self._told_network_at = now
                log.warning("cannot fetch updates from Telegram (%s); retrying", gist(exc))
            return
        log.error("fetching updates failed: %s", gist(exc))
