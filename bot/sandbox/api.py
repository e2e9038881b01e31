"""Answers one Bot API call: latency, planned faults, flood limits, the method, the record."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from .errors import ApiError, error_page
from .faults import GARBLED, Fault, Faults, RateWindow, check_rates
from .methods import CHAT_METHODS, HANDLERS, SEND_METHODS
from .params import Handler
from .recorder import Call, Recorder
from .world import World

logger = logging.getLogger(__name__)

_CANONICAL = {name.lower(): name for name in [*HANDLERS, "getUpdates"]}


class Dropped(Exception):
    """The call is answered by closing the connection without a response."""


class BotApi:
    """The fake Bot API behind the HTTP routes."""

    def __init__(
        self,
        world: World,
        *,
        latency: float = 0.0,
        global_rate: float | None = None,
        per_chat_rate: float | None = None,
        record: bool = True,
    ) -> None:
        self.world = world
        self.latency = latency
        self.global_window = RateWindow(global_rate) if global_rate else None
        self.chat_window = RateWindow(per_chat_rate) if per_chat_rate else None
        self.faults = Faults()
        self.recorder = Recorder(record)

    async def call(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any] | str | None]:
        """HTTP status and body for a call: JSON, an HTML page (a str), or None: drop the
        connection."""
        loop = asyncio.get_running_loop()
        at = loop.time()
        name = _CANONICAL.get(method.lower(), method)
        status: int
        body: dict[str, Any] | str | None
        try:
            result = await self._run(name, params)
        except ApiError as error:
            status = error.status
            body = error_page(status, error.description) if error.page else error.payload()
        except Dropped:
            status, body = 0, None
        except Exception as error:  # a sandbox bug: answer 500 so the test sees it
            logger.exception("sandbox failed on %s", name)
            status = 500
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: {error!r}",
            }
        else:
            status, body = 200, {"ok": True, "result": result}
        self.recorder.add(Call(name, params, at, status))
        return status, body

    async def _run(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getUpdates":
            return await self._get_updates(params)
        handler = HANDLERS.get(name)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        if name in CHAT_METHODS and self.latency > 0:
            await asyncio.sleep(self.latency)
        fault = self.faults.take(name, params.get("chat_id"))
        if fault is not None and not fault.deliver and fault.status != GARBLED:
            raise _failure(fault)
        if name in SEND_METHODS:
            result = self._send(handler, params)
        else:
            result = handler(self.world, params)
        if fault is not None and fault.status == GARBLED:  # took effect; the reply is unreadable
            return "garbled"
        if fault is not None:  # the method took effect, yet the client hears of a failure
            raise _failure(fault)
        return result

    def _send(self, handler: Handler, params: dict[str, Any]) -> Any:
        """Flood limits first (429), then the send, counted against the limits."""
        now = asyncio.get_running_loop().time()
        windows = self._windows(params.get("chat_id"))
        check_rates(windows, now)
        result = handler(self.world, params)
        for window, key in windows:
            window.note(key, now)
        self.recorder.sent(now)
        return result

    async def _get_updates(self, params: dict[str, Any]) -> Any:
        fault = self.faults.take("getUpdates", None)
        if fault is not None:
            raise _failure(fault)
        offset, limit, timeout = params.get("offset"), params.get("limit"), params.get("timeout")
        allowed = params.get("allowed_updates")
        return await self.world.poll(
            offset=offset if isinstance(offset, int) else 0,
            limit=limit if isinstance(limit, int) else 100,
            wait_seconds=_seconds(timeout),
            allowed=allowed if isinstance(allowed, list) else None,
        )

    def _windows(self, chat_id: Any) -> list[tuple[RateWindow, object]]:
        windows: list[tuple[RateWindow, object]] = []
        if self.global_window is not None:
            windows.append((self.global_window, None))
        if self.chat_window is not None:
            windows.append((self.chat_window, chat_id))
        return windows


def _seconds(value: Any) -> float:
    """A getUpdates timeout as float seconds; anything unreadable is 0 (short poll)."""
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 0.0


def _failure(fault: Fault) -> Exception:
    """The exception that makes the server answer as the fault says."""
    return Dropped() if fault.status == 0 else fault.error()
