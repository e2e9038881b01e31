"""Waiting for a condition in tests: poll every 10 ms, fail with a readable message."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
POLL_INTERVAL = 0.01


async def wait_until(predicate: Callable[[], T], seconds: float, explain: Callable[[], str]) -> T:
    """The predicate's first truthy value; AssertionError with explain() after `seconds`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() >= deadline:
            raise AssertionError(explain())
        await asyncio.sleep(POLL_INTERVAL)


def describe_predicate(predicate: Callable[[], object]) -> str:
    """The source of a lambda, or the name of a function, for failure messages."""
    try:
        source = inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return getattr(predicate, "__qualname__", repr(predicate))
    return " ".join(source.split())
