"""`python -m bot demo`: two partners through a whole day against the local sandbox, no token."""

import asyncio
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_app, configure_logging, running
from bot.clock import FakeClock
from bot.config import Settings
from bot.sandbox import Sandbox, SandboxUser
from bot.sandbox.waiting import wait_until


def _text(message: dict[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def _wait_for(user: SandboxUser, fragment: str, after: int) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        return next((m for m in user.inbox[after:] if fragment in _text(m)), None)

    def explain() -> str:
        return f"{user.first_name} never got a message with {fragment!r}"

    message = await wait_until(found, 10.0, explain)
    assert message is not None
    return message


def _press(user: SandboxUser, message: dict[str, Any], label: str) -> None:
    data = next(d for text, d in user.buttons(message) if label in text)
    user.press(message["message_id"], data)


async def demo(settings: Settings) -> None:
    """Invite, accept, the morning prompt, two answers, the reveal, a look at /history and
    /stats; then both chats."""
    started = time.monotonic()
    # The transcript is the demo's output; only warnings and errors are logged beside it.
    configure_logging("WARNING" if settings.log_level == "INFO" else settings.log_level)
    sandbox = Sandbox()
    await sandbox.start()
    # A fixed morning, so the demo shows the scheduled prompt arriving at 08:00.
    clock = FakeClock(datetime(2026, 11, 24, 7, 58, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        demo_settings = settings.model_copy(
            update={
                "bot_api_base_url": sandbox.base_url,
                "bot_api_file_url": sandbox.file_url,
                "database_path": Path(folder) / "demo.sqlite3",
                "tick_seconds": 0.2,
                "send_chat_rate": 20.0,
                "default_timezone": "UTC",
                "default_prompt_time": "08:00",
            }
        )
        app = build_app(demo_settings, clock, sandbox.token)
        alex = sandbox.user(1001, "Alex")
        sam = sandbox.user(1002, "Sam")
        async with running(app, poll_timeout=1):
            alex.send("/start")
            ask = await _wait_for(alex, "When should", 0)
            _press(alex, ask, "08:00")
            zone = await _wait_for(alex, "Which timezone", 0)
            mark = len(alex.inbox)
            _press(alex, zone, "UTC")
            await _wait_for(alex, "(UTC)", mark)

            mark = len(alex.inbox)
            alex.send("/invite")
            link = await _wait_for(alex, "invite link", mark)
            await _wait_for(alex, "Tap to join", mark)
            code = re.search(r"start=([A-Za-z0-9_-]+)", _text(link))
            assert code is not None
            sam.send(f"/start {code.group(1)}")
            offer = await _wait_for(sam, "invited you", 0)
            _press(sam, offer, "Accept")
            await _wait_for(alex, "are paired", mark)
            # Alex writes tomorrow morning's question for the two of them.
            alex.send("/ask What small moment this week made you smile?")
            await _wait_for(alex, "Saved", mark)

            # 08:00: the tick finds both partners due.
            clock.set(datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC))
            prompt_alex = await _wait_for(alex, "Reply here", mark)
            prompt_sam = await _wait_for(sam, "Reply here", 0)

            mark_sam = len(sam.inbox)
            alex.send(
                "Walking home in the rain with you on the phone.",
                reply_to=prompt_alex["message_id"],
            )
            await _wait_for(alex, "Got it", mark)
            await asyncio.sleep(0.3)
            assert "in the rain" not in " ".join(_text(m) for m in sam.inbox)
            sam.send_voice(duration=7, reply_to=prompt_sam["message_id"])
            await _wait_for(alex, "answered", len(alex.inbox) - 1)
            await _wait_for(sam, "in the rain", mark_sam)
            await sandbox.wait_for(lambda: any("voice" in m for m in alex.inbox), timeout=10)

            # A look back: Alex opens their story, hears Sam's voice answer again; Sam's stats.
            mark = len(alex.inbox)
            alex.send("/history")
            page = await _wait_for(alex, "📖", mark)
            _press(alex, page, "Sam's voice note")
            await sandbox.wait_for(lambda: any("voice" in m for m in alex.inbox[mark:]), 10)
            sam.send("/stats")
            await _wait_for(sam, "Questions answered together", mark_sam)
        await sandbox.stop()
    print(sandbox.transcript())
    print(
        f"\nDemo finished in {time.monotonic() - started:.1f} s:"
        " paired, prompted, answered, revealed, looked back."
    )
