"""Webhook mode over loopback: the real webhook server takes updates only with the right secret."""

import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import build_app, running
from bot.clock import FakeClock
from bot.config import Settings
from bot.sandbox import Sandbox
from tests.e2e.conftest import duet_settings
from tests.e2e.flows import expect

SECRET = "s3cret_Token-42"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def webhook_bot(
    sandbox: Sandbox, clock: FakeClock, tmp_path: Path
) -> AsyncIterator[tuple[Settings, str]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/duet-hook"
    settings = duet_settings(
        sandbox,
        tmp_path,
        WEBHOOK_URL=url,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=port,
    )
    async with running(build_app(settings, clock, sandbox.token)):
        yield settings, url


def queued_update(sandbox: Sandbox) -> dict[str, Any]:
    """The update the sandbox would have delivered: what Telegram would POST to the webhook."""
    update: dict[str, Any] = sandbox.world.updates[-1]
    return update


async def test_webhook_rejects_a_wrong_or_missing_secret_and_takes_the_right_one(
    sandbox: Sandbox, webhook_bot: tuple[Settings, str]
) -> None:
    _, url = webhook_bot
    assert sandbox.webhook_url == url
    alex = sandbox.user(1001, "Alex")
    alex.send("/start")
    update = queued_update(sandbox)
    async with httpx.AsyncClient() as client:
        missing = await client.post(url, json=update)
        wrong = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
        )
        assert missing.status_code == 403
        assert wrong.status_code == 403
        assert alex.inbox == []
        right = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert right.status_code == 200
    await expect(alex, "Hi Alex")


def test_a_webhook_url_without_a_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="WEBHOOK_SECRET is required"):
        Settings(  # type: ignore[call-arg]
            _env_file=None, WEBHOOK_URL="https://example.org/hook", DATABASE_PATH=tmp_path / "d"
        )
